import { redactError } from '../core/connection/redact';
import { guardProcessOutput } from './processOutput';
import { runCli } from './runCli';

// Every byte the process prints is redacted: runCli's own output, and (through the guard) whatever
// libraries print and uncaught errors.
const { stdout, stderr } = guardProcessOutput();

// Ctrl+C asks a long-running command (tail, local hub) to stop cleanly through the signal; a second
// Ctrl+C, or a command that does not stop within five seconds, ends the process the usual way.
const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  setTimeout(() => process.exit(130), 5000).unref();
});

runCli(process.argv.slice(2), { stdout, stderr, stdin: process.stdin, signal: controller.signal }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`defender-stream: ${redactError(error)}\n`);
    process.exitCode = 1;
  },
);
