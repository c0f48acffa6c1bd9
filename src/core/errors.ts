// Errors a user can act on: each carries a code (for tests and the card dispatcher), the field at
// fault when there is one, and a message in plain words saying what happened and what to do.

export class BatonError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'BatonError';
  }
}

export function isBatonError(error: unknown): error is BatonError {
  return error instanceof Error && error.name === 'BatonError' && 'code' in error;
}
