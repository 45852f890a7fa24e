import { redactError } from '../core/connection/redact';
import { CLI_COMMANDS } from './commands';
import type { CliIo } from './types';
import { UsageError } from './types';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export function helpText(): string {
  const width = Math.max(...CLI_COMMANDS.map((c) => c.name.length));
  return [
    'defender-stream: Microsoft Defender XDR streaming tools (Event Hubs tail, local hub, validation)',
    '',
    'Usage: defender-stream <command> [options]',
    '',
    'Commands:',
    ...CLI_COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --help       Show help (also: defender-stream <command> --help)',
    '  --version    Show the version',
    '',
  ].join('\n');
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure or findings, 2 bad usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(helpText());
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = CLI_COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.stderr.write(`defender-stream: unknown command "${first}". Run "defender-stream --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`defender-stream ${command.name}: ${error.message}\n${command.usage}\n`);
      return 2;
    }
    io.stderr.write(`defender-stream ${command.name}: ${redactError(error)}\n`);
    return 1;
  }
}
