// The ports: what the use cases need from the outside world, shaped by the domain rather than by
// the Apps Script API. src/adapters/gas implements them; tests pass in-memory fakes.

/** Who is running this execution. */
export interface Identity {
  /** The address of the user the execution runs as (a time trigger runs as its creator). */
  email(): string;
}

/** Everything a use case may be given; the entry module builds the Apps Script set once per execution. */
export interface Ports {
  identity: Identity;
}
