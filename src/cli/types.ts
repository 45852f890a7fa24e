/** Standard input as `--connection-string -` reads it: a pipe, a file or a terminal (read without echo). */
export interface SecretInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  /** process.stdin (a socket for pipes and terminals): lets the process exit with stdin still open. */
  unref?(): unknown;
}

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Where `--connection-string -` reads from: the real CLI passes process.stdin. */
  readonly stdin?: SecretInput;
  /** Set by long-running commands' callers (tests) to stop them; the real CLI stops on SIGINT. */
  readonly signal?: AbortSignal;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /**
   * Its stdout may show the connection strings of the loopback development hub it started itself
   * (local-hub prints them for you to use); anything else it prints is redacted like all output.
   */
  readonly showsLocalHubConnectionStrings?: boolean;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Bad command-line input: exit code 2 with the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
