import { redact, redactError } from '../core/connection/redact';
import type { CliIo } from './types';

/**
 * Makes everything else the process prints pass through redact() too: what libraries write to
 * process.stdout/stderr (`AZURE_LOG_LEVEL`, `DEBUG=rhea*` frames with SAS tokens, console calls), and
 * uncaught errors, reported in one redacted line instead of Node's stack dump. Returns writers to the
 * streams as they were, for runCli, which redacts its own output (see src/cli/output.ts).
 */
export function guardProcessOutput(): Pick<CliIo, 'stdout' | 'stderr'> {
  const stdout = redactWrites(process.stdout);
  const stderr = redactWrites(process.stderr);
  const fail = (error: unknown): void => {
    stderr.write(`defender-stream: ${redactError(error)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  return { stdout, stderr };
}

/** Replaces `stream.write` with one that redacts text; returns a writer to the original. */
function redactWrites(stream: NodeJS.WriteStream): CliIo['stdout'] {
  const original = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : undefined;
    return original(text === undefined ? chunk : redact(text), ...rest);
  }) as NodeJS.WriteStream['write'];
  return { write: (text: string) => original(text) };
}
