import type { CliIo, SecretInput } from './types';
import { UsageError } from './types';

/** Where the CLI takes a connection string from when no `--connection-string` is given. */
export const CONNECTION_STRING_ENV = 'DEFENDER_STREAM_CONNECTION_STRING';
/** `--connection-string -`: read it from stdin. */
export const FROM_STDIN = '-';
const MAX_LENGTH = 64 * 1024;

export const COMMAND_LINE_WARNING = `defender-stream: warning: a connection string or key on the command line can be read by other users in process listings and stays in your shell history; set ${CONNECTION_STRING_ENV} or use "--connection-string -" to give it on stdin.\n`;

const SECRET_LIKE = /Shared[ _-]?Access[ _-]?(?:Key(?![ _-]?Name)|Signature)|\bsig=|Endpoint\s*=\s*sb:\/\/|\bAccount[ _-]?Key\s*=/i;

/** Whether the arguments hold a connection string or a key: a `--connection-string` value other than "-", or anything that looks like one. */
export function commandLineHoldsSecret(argv: readonly string[]): boolean {
  return argv.some((arg, i) => {
    for (const flag of ['--connection-string', '--storage-connection-string']) {
      if (arg === flag) return i + 1 < argv.length && argv[i + 1] !== FROM_STDIN && !argv[i + 1].startsWith('--');
      if (arg.startsWith(`${flag}=`)) return arg !== `${flag}=${FROM_STDIN}`;
    }
    return SECRET_LIKE.test(arg);
  });
}

/**
 * Reads the first line of stdin (up to a newline, a carriage return or the end). In a terminal it
 * prompts on stderr and reads without echo (backspace edits, Ctrl+C cancels, Ctrl+D ends).
 */
export function readSecretLine(input: SecretInput, prompt: CliIo['stderr'], signal?: AbortSignal): Promise<string> {
  const tty = input.isTTY === true && typeof input.setRawMode === 'function';
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (error?: Error): void => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
      if (tty) {
        input.setRawMode?.(false);
        prompt.write('\n');
      }
      input.pause();
      input.unref?.(); // the rest of stdin is not read: it must not keep the process alive
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: string | Buffer): void => {
      for (const ch of String(chunk)) {
        if (ch === '\n' || ch === '\r' || (tty && ch === '\u0004')) return finish();
        if (tty && ch === '\u0003') return finish(new Error('cancelled: no connection string was read.'));
        if (tty && (ch === '\u007f' || ch === '\b')) {
          text = text.slice(0, -1);
          continue;
        }
        text += ch;
        if (text.length > MAX_LENGTH)
          return finish(new UsageError(`the first line of stdin is longer than ${MAX_LENGTH / 1024} KiB: it is not a connection string.`));
      }
    };
    const onEnd = (): void => finish();
    const onError = (error: Error): void =>
      finish(new Error(`cannot read stdin (${(error as NodeJS.ErrnoException).code ?? error.name}).`));
    const onAbort = (): void => finish(new Error('cancelled: no connection string was read.'));
    if (signal?.aborted) return onAbort();
    if (tty) {
      prompt.write('Connection string (not shown as you type or paste it): ');
      input.setRawMode?.(true);
    }
    input.setEncoding('utf8');
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    input.resume();
  });
}

/**
 * The connection string of a command: `--connection-string` (`-` reads stdin), else the environment.
 * `stdinText` is what readSecretLine returned, when the option is `-`.
 */
export function connectionStringFrom(option: string | undefined, env: NodeJS.ProcessEnv, stdinText?: string): string {
  if (option === FROM_STDIN) {
    if (stdinText === undefined || stdinText.trim() === '')
      throw new UsageError('"--connection-string -" reads the connection string from stdin, and stdin had none.');
    return stdinText;
  }
  const text = option ?? env[CONNECTION_STRING_ENV];
  if (text === undefined || text.trim() === '')
    throw new UsageError(
      `give the connection string in ${CONNECTION_STRING_ENV}, on stdin with "--connection-string -", or with --connection-string.`,
    );
  return text;
}

/** Reads the connection string from the CLI's stdin for `--connection-string -`. */
export async function readConnectionStringFromStdin(io: CliIo): Promise<string> {
  if (!io.stdin) throw new UsageError('"--connection-string -" needs the connection string on stdin.');
  return readSecretLine(io.stdin, io.stderr, io.signal);
}
