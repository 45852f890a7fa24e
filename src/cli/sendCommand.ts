import { readFile } from 'node:fs/promises';
import { mayEcho, quotedOr } from '../core/connection/echo';
import { ConnectionCheckError } from '../hubs/errors';
import { groupIntoBodies, TooLargeError } from '../send/group';
import { parseSendInput, SendInputError, type SendItem } from '../send/input';
import { sendToHub } from '../send/sendToHub';
import { trafficBodies } from '../send/traffic';
import { intOption, parseArgs, stringOption } from './args';
import { cliHubTarget } from './hubTargetOption';
import { CONNECTION_STRING_ENV, connectionStringFrom, FROM_STDIN, readConnectionStringFromStdin } from './connectionInput';
import { parseTables } from './tableOption';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

const USAGE = `Usage: defender-stream send [--connection-string CS|-] [--hub H] [--rate N] [--repeat N]
                            [--records-per-body N] FILE... | --generate N [--tables T,...]

Sends Defender events to an event hub, to test a parser or a pipeline. FILE ("-" for stdin) is a message
body {"records": [...]}, a record array, one record, or NDJSON (records, bodies, or Tail to Editor lines);
records are grouped into {"records": [...]} bodies as Defender sends them (consecutive records of one
table, up to --records-per-body and 1 MB per event), and bodies are sent in batches within the hub's
size limit. --generate sends N bodies of demo traffic instead.

  --connection-string CS  Event Hubs connection string with the Send right. Better than an argument: set
                          ${CONNECTION_STRING_ENV}, or give "--connection-string -" and pipe it in
  --hub H                 Event hub name (default: the connection string's EntityPath)
  --rate N                At most N events per second (default: as fast as the hub takes them)
  --repeat N              Send everything N times (default 1)
  --records-per-body N    Most records grouped into one body (default 100)
  --generate N            N bodies of demo traffic (1 to 8 records of one table each)
  --tables T,...          With --generate: only these tables (default: the 30 that reach Event Hubs)`;

const SPEC = {
  'connection-string': 'value',
  hub: 'value',
  rate: 'value',
  repeat: 'value',
  'records-per-body': 'value',
  generate: 'value',
  tables: 'value',
} as const;

export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'Send Defender events (files, stdin or demo traffic) to an event hub',
  usage: USAGE,
  run: (args, io) => runSend(args, io),
};

async function readAll(io: CliIo): Promise<string> {
  if (!io.stdin) throw new UsageError('"-" reads events from stdin, and there is none.');
  let text = '';
  for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text;
}

export async function runSend(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parseArgs(args, SPEC);
  const files = parsed.positionals;
  const generate = parsed.options.has('generate') ? intOption(parsed, 'generate', 0, 1) : 0;
  if (files.length > 0 === generate > 0) throw new UsageError('give the files to send (or "-" for stdin), or --generate N.');
  if (parsed.options.has('tables') && generate === 0) throw new UsageError('"--tables" goes with --generate.');
  const rate = intOption(parsed, 'rate', 0, 1);
  const repeat = intOption(parsed, 'repeat', 1, 1);
  const perBody = intOption(parsed, 'records-per-body', 100, 1);
  const csFromStdin = parsed.options.get('connection-string') === FROM_STDIN;
  if (csFromStdin && files.includes('-')) throw new UsageError('stdin cannot give both the connection string and the events.');
  const tablesText = stringOption(parsed, 'tables');
  const tables = tablesText === undefined ? undefined : parseTables(tablesText);
  const target = cliHubTarget(
    parsed,
    connectionStringFrom(stringOption(parsed, 'connection-string'), env, csFromStdin ? await readConnectionStringFromStdin(io) : undefined),
  );

  let bodies: string[];
  try {
    if (generate > 0) bodies = trafficBodies(generate, tables);
    else {
      const items: SendItem[] = [];
      for (const file of files) {
        let text: string;
        try {
          text = file === '-' ? await readAll(io) : await readFile(file, 'utf8');
        } catch (error) {
          if (error instanceof UsageError) throw error;
          throw new UsageError(`cannot read ${quotedOr(file, 'a file')} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
        }
        items.push(...parseSendInput(text, file === '-' ? 'stdin' : mayEcho(file) ? file : 'a file'));
      }
      bodies = groupIntoBodies(items, { maxRecords: perBody });
    }
  } catch (error) {
    if (error instanceof SendInputError || error instanceof TooLargeError) {
      io.stderr.write(`defender-stream send: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  const total = bodies.length * repeat;
  io.stderr.write(
    `Sending ${total} events to "${target.hubName}" on ${target.namespaceHost}${rate > 0 ? ` at ${rate} events/s` : ''}...\n`,
  );
  let lastReport = 0;
  try {
    const result = await sendToHub(
      target,
      { bodies, repeat, rate },
      {
        signal: io.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastReport >= 1000 && p.sent < p.total) {
            lastReport = now;
            io.stderr.write(`  ${p.sent}/${p.total} events sent\n`);
          }
        },
      },
    );
    io.stdout.write(
      `${result.cancelled ? 'Stopped: sent' : 'Sent'} ${result.sent} of ${result.total} events (${result.bytes} bytes) in ${result.batches} batches to "${target.hubName}".\n`,
    );
    return result.cancelled ? 1 : 0;
  } catch (error) {
    if (error instanceof ConnectionCheckError) {
      io.stderr.write(`defender-stream send: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
