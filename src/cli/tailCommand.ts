import { suggestTable } from '../core/catalog/schemaCatalog';
import { parseConnectionString } from '../core/connection/connectionString';
import { mayEcho, quotedOr } from '../core/connection/echo';
import { ConnectionError } from '../core/connection/errors';
import type { HubTarget } from '../hubs/hubTarget';
import { BUFFER_MEGABYTES, bufferBytesFromMegabytes } from '../tail/pipeline';
import { createTailSession } from '../tail/session';
import { recordNdjsonLine } from '../tail/ndjson';
import { recordSummary, recordTime, terminalSafe } from '../tail/summary';
import type { StartPosition, TailEntry, TailState, TailStats } from '../tail/types';
import { compileWhereFilter, whereProblemText } from '../core/filter/where/where';
import { intOption, parseArgs, type ParsedArgs } from './args';
import { CONNECTION_STRING_ENV, connectionStringFrom, FROM_STDIN, readConnectionStringFromStdin } from './connectionInput';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

const USAGE = `Usage: defender-stream tail [--connection-string CS|-] [--hub H] [--consumer-group G]
                            [--from latest|earliest|<ISO time>|<N>m|<N>h] [--tables T,...] [--grep TEXT]
                            [--where EXPR] [--limit N] [--duration SECONDS] [--json] [--buffer-mb MB]

Prints Defender records from every partition of an event hub as they arrive: one readable line each
(time, table, summary, partition#sequence), or NDJSON with --json. Malformed messages are reported on
stderr with their reason; a summary per table is printed on stderr on exit (Ctrl+C, --limit, --duration).

  --connection-string CS  Event Hubs connection string. Better than an argument, which shows in
                          process listings and shell history: set ${CONNECTION_STRING_ENV},
                          or give "--connection-string -" and pipe it in (typed without echo in a
                          terminal)
  --hub H                 Event hub name (default: the connection string's EntityPath)
  --consumer-group G      Consumer group (default $Default)
  --from P                latest (default), earliest, an ISO time, or "15m"/"2h" ago
  --tables T,...          Only these Advanced Hunting tables (e.g. DeviceProcessEvents,EmailEvents)
  --grep TEXT             Only records whose JSON contains TEXT (case-insensitive)
  --where EXPR            Only records for which the KQL-style predicate EXPR holds, e.g.
                          'ActionType == "ConnectionFailed" and RemotePort in (443, 8443)'
                          (==, !=, =~, has, contains, startswith, in, between, <, isempty(), and, or, not())
  --limit N               Stop after N records
  --duration S            Stop after S seconds
  --json                  NDJSON: one {"table","partitionId","sequenceNumber","enqueuedTime","record"} per line
  --buffer-mb MB          Most memory for records waiting to be printed (default ${BUFFER_MEGABYTES.default}, ${BUFFER_MEGABYTES.min} to ${BUFFER_MEGABYTES.max})`;

const SPEC = {
  'connection-string': 'value',
  hub: 'value',
  'consumer-group': 'value',
  from: 'value',
  tables: 'value',
  grep: 'value',
  where: 'value',
  limit: 'value',
  duration: 'value',
  json: 'flag',
  'max-batch-size': 'value',
  'buffer-mb': 'value',
} as const;

export const tailCommand: CliCommand = {
  name: 'tail',
  summary: 'Print records from an event hub as they arrive (NDJSON with --json)',
  usage: USAGE,
  run: (args, io) => runTail(args, io),
};

interface TailOptions {
  readonly target: HubTarget;
  readonly start: StartPosition;
  readonly tables?: string[];
  readonly grep?: string;
  readonly where?: string;
  readonly limit: number;
  readonly durationMs: number;
  readonly json: boolean;
  readonly maxBatchSize: number;
  readonly bufferBytes: number;
}

/** `stdinText`: the line read from stdin, when the connection string is given as "-". */
export function parseTailArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env, stdinText?: string): TailOptions {
  const parsed = parseArgs(args, SPEC);
  if (parsed.positionals.length > 0) {
    const first = parsed.positionals[0];
    throw new UsageError(
      mayEcho(first) ? `unexpected argument "${first}".` : 'unexpected argument (not repeated here: it may hold a secret).',
    );
  }
  const connectionString = connectionStringFrom(stringOption(parsed, 'connection-string'), env, stdinText);
  let cs;
  try {
    cs = parseConnectionString(connectionString);
  } catch (error) {
    if (error instanceof ConnectionError) throw new UsageError(error.message);
    throw error;
  }
  const hubName = stringOption(parsed, 'hub') ?? cs.entityPath;
  if (!hubName) throw new UsageError('the connection string has no EntityPath: give --hub.');
  const consumerGroup = stringOption(parsed, 'consumer-group') ?? '$Default';
  const target: HubTarget = {
    configId: 'cli',
    label: `${cs.host} / ${hubName}`,
    namespaceHost: cs.host,
    hubName,
    consumerGroup,
    auth: { kind: 'connectionString', connectionString },
  };
  const json = parsed.options.get('json') === true;
  const limit = intOption(parsed, 'limit', 0, 1);
  const durationMs = intOption(parsed, 'duration', 0, 1) * 1000;
  const maxBatchSize = intOption(parsed, 'max-batch-size', 300, 1);
  const bufferBytes = bufferBytesFromMegabytes(intOption(parsed, 'buffer-mb', BUFFER_MEGABYTES.default, BUFFER_MEGABYTES.min));
  const grep = stringOption(parsed, 'grep');
  const tablesText = stringOption(parsed, 'tables');
  const tables = tablesText === undefined ? undefined : parseTables(tablesText);
  const where = stringOption(parsed, 'where');
  if (where !== undefined) {
    const checked = compileWhereFilter(where);
    if (!checked.ok) throw new UsageError(`"--where": ${whereProblemText(where, checked.problem)}`);
  }
  return {
    target,
    start: parseFrom(stringOption(parsed, 'from') ?? 'latest'),
    tables,
    grep,
    where,
    limit,
    durationMs,
    json,
    maxBatchSize,
    bufferBytes,
  };
}

function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.options.get(name);
  if (value === true) throw new UsageError(`"--${name}" needs a value.`);
  if (value !== undefined && value.trim() === '') throw new UsageError(`"--${name}" needs a value.`);
  return value;
}

/** latest, earliest, an ISO time, or "<N>s|m|h|d" ago. */
export function parseFrom(text: string, now = Date.now()): StartPosition {
  const value = text.trim();
  if (value === 'latest') return { kind: 'latest' };
  if (value === 'earliest') return { kind: 'earliest' };
  const ago = /^(\d+)\s*([smhd])$/.exec(value);
  if (ago) {
    const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[ago[2] as 's' | 'm' | 'h' | 'd'];
    return { kind: 'time', enqueuedAfter: new Date(now - Number(ago[1]) * unit) };
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return { kind: 'time', enqueuedAfter: new Date(time) };
  }
  throw new UsageError(
    `"--from" must be latest, earliest, an ISO time (2025-01-31T08:00:00Z) or a duration ago (15m, 2h)${mayEcho(value) ? `, not "${value}"` : ''}.`,
  );
}

function parseTables(text: string): string[] {
  const names = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (names.length === 0) throw new UsageError('"--tables" needs at least one table name.');
  return names.map((name) => {
    const suggestion = suggestTable(name);
    if (suggestion.table && suggestion.reason !== 'spelling') return suggestion.table.name; // exact, letter case or prefix
    const hint = suggestion.candidates.length > 0 ? ` Did you mean ${suggestion.candidates.slice(0, 3).join(', ')}?` : '';
    throw new UsageError(`unknown table ${quotedOr(name, '(not repeated here: it may hold a secret)')}.${hint}`);
  });
}

export async function runTail(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Bad options fail before stdin is read; "--connection-string -" then takes the first line of stdin.
  const fromStdin = parseArgs(args, SPEC).options.get('connection-string') === FROM_STDIN;
  const options = parseTailArgs(args, env, fromStdin ? await readConnectionStringFromStdin(io) : undefined);
  if (io.signal?.aborted) return 0;
  const session = createTailSession(options.target, {
    start: options.start,
    filter: { tables: options.tables, text: options.grep, where: options.where },
    maxBatchSize: options.maxBatchSize,
    bufferSize: 1000,
    bufferBytes: options.bufferBytes,
  });
  let printed = 0;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  let failure: string | undefined;

  session.onEntries((entries) => {
    if (options.limit > 0 && printed >= options.limit) return;
    const out: string[] = [];
    for (const entry of entries) {
      if (entry.type === 'malformed') {
        io.stderr.write(
          terminalSafe(
            `malformed message p${entry.partitionId}#${entry.sequenceNumber} (${entry.reason}): ${entry.message} ${entry.preview}`,
          ) + '\n',
        );
        continue;
      }
      out.push(options.json ? recordNdjsonLine(entry) : textLine(entry));
      printed++;
      if (options.limit > 0 && printed >= options.limit) {
        finished();
        break;
      }
    }
    if (out.length > 0) io.stdout.write(out.join('\n') + '\n');
  });
  session.onState((state: TailState) => {
    if (state.kind === 'failed') {
      failure = state.error;
      finished();
    } else if (state.kind === 'reconnecting') {
      io.stderr.write(terminalSafe(`reconnecting: ${state.lastError}`) + '\n');
    }
  });
  // Said once each: a shared consumer group, a partition Event Hubs will not let the tail read, new partitions, a recreated hub.
  session.onNotice((notice) => io.stderr.write(terminalSafe(`note: ${notice.message}`) + '\n'));
  const onAbort = (): void => finished();
  io.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = options.durationMs > 0 ? setTimeout(finished, options.durationMs) : undefined;
  try {
    await done;
  } finally {
    if (timer) clearTimeout(timer);
    io.signal?.removeEventListener('abort', onAbort);
    await session.stop();
  }
  io.stderr.write(summaryText(session.stats()));
  if (failure !== undefined) {
    io.stderr.write(`defender-stream tail: ${terminalSafe(failure)}\n`);
    return 1;
  }
  return 0;
}

function textLine(entry: Extract<TailEntry, { type: 'record' }>): string {
  const record = entry.record; // read once: a record kept as text is parsed on each read
  const time = recordTime(record) || new Date(entry.enqueuedTime).toISOString();
  const table = entry.table || '(no category)';
  return terminalSafe(
    `${time.slice(0, 24).padEnd(24)} ${table.padEnd(26)} ${recordSummary(entry.table, record)}  [p${entry.partitionId}#${entry.sequenceNumber}]`,
  );
}

/** The exit summary: totals, records per table and malformed messages per reason. */
export function summaryText(stats: TailStats): string {
  const lines = [
    `-- ${stats.receivedRecords} records in ${stats.receivedEvents} events (${stats.receivedBytes} bytes), ${stats.shownRecords} shown, ${stats.malformed} malformed`,
  ];
  for (const t of stats.tables)
    lines.push(
      `   ${terminalSafe(t.table || '(no category)').padEnd(28)} ${String(t.records).padStart(8)} records ${String(Math.round(t.bytes)).padStart(10)} bytes${t.known ? '' : '  (not a documented table)'}`,
    );
  if (stats.other)
    lines.push(
      `   ${'(other tables)'.padEnd(28)} ${String(stats.other.records).padStart(8)} records ${String(Math.round(stats.other.bytes)).padStart(10)} bytes  (not counted one by one)`,
    );
  for (const [reason, count] of Object.entries(stats.malformedByReason))
    lines.push(`   malformed: ${reason.padEnd(17)} ${String(count).padStart(8)}`);
  return lines.join('\n') + '\n';
}
