import { runCli } from './runCli';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`defender-stream: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
