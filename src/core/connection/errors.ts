export type ConnectionErrorCode =
  | 'empty'
  | 'malformed'
  | 'missingEndpoint'
  | 'badEndpoint'
  | 'badHost'
  | 'missingKeyName'
  | 'missingKey'
  | 'badEntityPath'
  | 'badResourceId'
  | 'badHubName';

/** A user input that cannot be a connection detail; the message says what is wrong, never a secret. */
export class ConnectionError extends Error {
  constructor(
    readonly code: ConnectionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}
