/**
 * The one way a prompt says "the user backed out": every `UserInput` prompt rejects with
 * `UserCancelledError` when dismissed, and the one command error path (`registerCommand`) ends the
 * command quietly on it. No handler checks for `undefined`.
 */
export class UserCancelledError extends Error {
  constructor() {
    super('Cancelled by the user.');
    this.name = 'UserCancelledError';
  }
}

/** A prompt's answer, or `UserCancelledError` when there is none. */
export function orCancel<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelledError();
  return value;
}
