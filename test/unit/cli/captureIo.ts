// The CLI's streams captured as text, for running commands in-process.
import { Readable } from 'node:stream';
import type { CliIo } from '../../../src/cli/types';

export interface Captured extends CliIo {
  out: string;
  err: string;
}

/** Captures stdout and stderr; with `stdinText`, stdin gives that text. */
export function capture(stdinText?: string): Captured {
  const io: Captured = {
    out: '',
    err: '',
    stdout: { write: (text: string) => (io.out += text) },
    stderr: { write: (text: string) => (io.err += text) },
    stdin: stdinText === undefined ? undefined : Readable.from([stdinText]),
  };
  return io;
}
