import { redact } from '../core/connection/redact';
import { safeJsonText } from '../tail/summary';
import type { CliCommand, CliIo } from './types';

type Writer = CliIo['stdout'];

/**
 * A connection string of the local hub a command started in this process: loopback only, development
 * emulator, nothing before or after it on the line but spaces. Only these stay readable, and only on
 * the stdout of a command that declares it prints them (local-hub).
 */
const LOCAL_HUB_CONNECTION_STRING =
  /Endpoint=sb:\/\/(?:127\.0\.0\.1|\[::1\]):\d{1,5}\/?;SharedAccessKeyName=[\w.-]+;SharedAccessKey=[A-Za-z0-9+/]+={0,2};UseDevelopmentEmulator=true(?:;EntityPath=[\w.-]+)?(?=\s|$)/g;

function redactKeepingLocalHub(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(LOCAL_HUB_CONNECTION_STRING)) {
    out += redact(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + redact(text.slice(last));
}

/** A writer that passes every text through redact() before `target` sees it. */
export function redactingWriter(target: Writer, keepLocalHubConnectionStrings = false): Writer {
  return { write: (text: string) => target.write(keepLocalHubConnectionStrings ? redactKeepingLocalHub(text) : redact(text)) };
}

/** The CLI's one output path: stdout and stderr redacted (see CliCommand.showsLocalHubConnectionStrings). */
export function redactingIo(io: CliIo, command?: CliCommand): CliIo {
  return {
    ...io,
    stdout: redactingWriter(io.stdout, command?.showsLocalHubConnectionStrings === true),
    stderr: redactingWriter(io.stderr),
  };
}

/** Pretty JSON whose strings cannot move a terminal's cursor or reorder its line (\\uXXXX escapes: the same JSON). */
export function jsonLines(value: unknown): string {
  return JSON.stringify(value, null, 2).split('\n').map(safeJsonText).join('\n');
}
