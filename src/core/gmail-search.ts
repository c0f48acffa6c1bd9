// Gmail search queries built from user data (addresses typed in a sheet), never by pasting the
// data in raw: each value is a quoted phrase, and a value no quoting can hold is searched by its
// quotable pieces instead, so a `}`, a space or an `OR` in an address cannot change the query.

/** Characters Gmail's quoted phrases cannot hold: the quote itself (no escape exists), backslash, controls. */
const UNQUOTABLE = /["\\\u0000-\u001f\u007f]/;

/** `"value"`, or undefined when the value cannot be written as one Gmail phrase. */
export function quotedPhrase(value: string): string | undefined {
  if (value === '' || UNQUOTABLE.test(value)) return undefined;
  return `"${value}"`;
}

/**
 * Queries for the messages sent since `sinceMs` to any of `recipients`: `to:"a" OR to:"b" …`,
 * `perQuery` addresses a query (Gmail's documented OR, whose phrases may hold `{}` safely). An
 * address no phrase can hold gets a query of its own that asks for every quotable piece of it
 * (`to:"piece1" to:"piece2"`): a few more messages may match, never fewer, and the caller keeps
 * only Baton's own by their X-Baton-Key. An address with no quotable piece at all is left out
 * (no such address can be sent: the composer refuses it).
 */
export function sentToQueries(sinceMs: number, recipients: string[], perQuery: number): string[] {
  const base = `in:sent after:${Math.floor(sinceMs / 1000)}`;
  const quoted: string[] = [];
  const byPieces: string[] = [];
  for (const recipient of recipients) {
    const phrase = quotedPhrase(recipient);
    if (phrase) {
      quoted.push(`to:${phrase}`);
      continue;
    }
    const pieces = recipient
      .split(new RegExp(`${UNQUOTABLE.source}|\\s`, 'g'))
      .filter((piece) => piece !== '')
      .map((piece) => `to:"${piece}"`);
    if (pieces.length > 0) byPieces.push(`${base} ${pieces.join(' ')}`);
  }
  const queries: string[] = [];
  for (let i = 0; i < quoted.length; i += perQuery)
    queries.push(`${base} ${quoted.slice(i, i + perQuery).join(' OR ')}`);
  return [...queries, ...byPieces];
}
