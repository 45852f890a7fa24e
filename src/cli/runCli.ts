import { mayEcho } from '../core/connection/echo';
import { redactError } from '../core/connection/redact';
import { CLI_COMMANDS } from './commands';
import { COMMAND_LINE_WARNING, commandLineHoldsSecret, CONNECTION_STRING_ENV } from './connectionInput';
import { redactingIo } from './output';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export function helpText(commands: readonly CliCommand[] = CLI_COMMANDS): string {
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  return [
    'defender-stream: Microsoft Defender XDR streaming tools (Event Hubs tail, local hub, validation)',
    '',
    'Usage: defender-stream <command> [options]',
    '',
    'Commands:',
    ...(commands.length > 0 ? commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`) : ['  (none yet)']),
    '',
    'Options:',
    '  --help       Show help (also: defender-stream <command> --help)',
    '  --version    Show the version',
    '',
    'Connection strings:',
    `  Set ${CONNECTION_STRING_ENV}, or give "--connection-string -" and pipe it on stdin`,
    '  (typed without echo in a terminal). Not as an argument: other users can read arguments in',
    '  process listings, and shells keep them in history. All output is redacted (SharedAccessKey=***),',
    '  except the loopback connection strings of a local hub the CLI starts itself.',
    '',
  ].join('\n');
}

/**
 * Runs the CLI; returns the exit code (0 ok, 1 failure or findings, 2 bad usage). `commands` defaults
 * to every registered subcommand (tests pass their own). Everything it and the commands print goes
 * through redact(); a connection string or key on the command line gets one warning on stderr.
 */
export async function runCli(argv: readonly string[], rawIo: CliIo, commands: readonly CliCommand[] = CLI_COMMANDS): Promise<number> {
  const io = redactingIo(rawIo);
  if (commandLineHoldsSecret(argv)) io.stderr.write(COMMAND_LINE_WARNING);
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(helpText(commands));
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(helpText(commands));
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    const what = first.startsWith('-') ? 'option' : 'command';
    const shown = mayEcho(first) ? `"${first}"` : '(not repeated here: it may hold a secret)';
    io.stderr.write(`defender-stream: unknown ${what} ${shown}. Run "defender-stream --help" for the list.\n`);
    return 2;
  }
  const beforeDashDash = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (beforeDashDash.includes('--help') || beforeDashDash.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, redactingIo(rawIo, command));
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`defender-stream ${command.name}: ${error.message}\n${command.usage}\n`);
      return 2;
    }
    io.stderr.write(`defender-stream ${command.name}: ${redactError(error)}\n`);
    return 1;
  }
}
