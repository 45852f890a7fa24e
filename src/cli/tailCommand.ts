import { mayEcho } from '../core/connection/echo';
import type { HubTarget } from '../hubs/hubTarget';
import { BUFFER_MEGABYTES, bufferBytesFromMegabytes } from '../tail/pipeline';
import { createTailSession } from '../tail/session';
import { terminalSafe } from '../tail/summary';
import type { StartPosition, TailStats } from '../tail/types';
import { compileWhereFilter, whereProblemText } from '../core/filter/where/where';
import { intOption, parseArgs, stringOption } from './args';
import { cliHubTarget } from './hubTargetOption';
import { printTail } from './printTail';
import { parseTables } from './tableOption';
import { readHubProperties } from '../hubs/connectionCheck';
import { ConnectionCheckError } from '../hubs/errors';
import { inWindow, progressText, windowProgress, type PartitionEnd, type TimeWindow } from '../tail/timeWindow';
import { parseOffsets, parseSequenceNumbers } from '../tail/startInput';
import { CONNECTION_STRING_ENV, connectionStringFrom, FROM_STDIN, readConnectionStringFromStdin } from './connectionInput';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

const USAGE = `Usage: defender-stream tail [--connection-string CS|-] [--hub H] [--consumer-group G]
                            [--from latest|earliest|<ISO time>|<N>m|<N>h|seq:P:N,...|offset:P:O,...]
                            [--tables T,...] [--grep TEXT]
                            [--until <ISO time>] [--where EXPR] [--limit N] [--duration SECONDS]
                            [--json] [--buffer-mb MB]

Prints Defender records from every partition of an event hub as they arrive: one readable line each
(time, table, summary, partition#sequence), or NDJSON with --json. Malformed messages are reported on
stderr with their reason; a summary per table is printed on stderr on exit (Ctrl+C, --limit, --duration).
With --until it is a bounded search: each partition is read from --from (default earliest) until its
events pass --until or it reaches its end as it was at the start, with progress per partition on stderr;
then it exits.

  --connection-string CS  Event Hubs connection string. Better than an argument, which shows in
                          process listings and shell history: set ${CONNECTION_STRING_ENV},
                          or give "--connection-string -" and pipe it in (typed without echo in a
                          terminal)
  --hub H                 Event hub name (default: the connection string's EntityPath)
  --consumer-group G      Consumer group (default $Default)
  --from P                latest (default), earliest, an ISO time, or "15m"/"2h" ago (by enqueued time);
                          or per partition: seq:0:1200,1:980 (sequence numbers) or offset:0:4096,1:0
                          (offsets), each read inclusively, the partitions not listed from latest
  --until T               End of a bounded search: an ISO time or "15m"/"2h" ago (by enqueued time)
  --tables T,...          Only these Advanced Hunting tables (e.g. DeviceProcessEvents,EmailEvents)
  --grep TEXT             Only records whose JSON contains TEXT (case-insensitive)
  --where EXPR            Only records for which the KQL-style predicate EXPR holds, e.g.
                          'ActionType == "ConnectionFailed" and RemotePort in (443, 8443)'
                          (==, !=, =~, has, contains, startswith, in, between, <, isempty(), and, or, not())
  --limit N               Stop after N records that pass the filters
  --duration S            Stop after S seconds
  --json                  NDJSON: one {"table","partitionId","sequenceNumber","enqueuedTime","record"} per line
  --buffer-mb MB          Most memory for records waiting to be printed (default ${BUFFER_MEGABYTES.default}, ${BUFFER_MEGABYTES.min} to ${BUFFER_MEGABYTES.max})`;

const SPEC = {
  'connection-string': 'value',
  hub: 'value',
  'consumer-group': 'value',
  from: 'value',
  until: 'value',
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
  /** End of a bounded search (epoch ms), with --until. */
  readonly untilMs?: number;
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
  const target = cliHubTarget(parsed, connectionString, stringOption(parsed, 'consumer-group') ?? '$Default');
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
  const untilText = stringOption(parsed, 'until');
  const untilMs = untilText === undefined ? undefined : parseUntil(untilText);
  const start = parseFrom(stringOption(parsed, 'from') ?? (untilMs === undefined ? 'latest' : 'earliest'));
  if (untilMs !== undefined && start.kind === 'latest')
    throw new UsageError('"--until" needs --from earliest, a time or a duration ago, not latest.');
  if (untilMs !== undefined && start.kind === 'time' && start.enqueuedAfter.getTime() > untilMs)
    throw new UsageError('"--until" is before "--from".');
  return {
    target,
    start,
    untilMs,
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

/** The end of a bounded search: an ISO time or "<N>s|m|h|d" ago, as epoch ms. */
export function parseUntil(text: string, now = Date.now()): number {
  let position: StartPosition | undefined;
  try {
    position = parseFrom(text, now);
  } catch {
    position = undefined;
  }
  if (position?.kind !== 'time')
    throw new UsageError(
      `"--until" must be an ISO time (2025-01-31T09:15:00Z) or a duration ago (15m, 2h)${mayEcho(text) ? `, not "${text.trim()}"` : ''}.`,
    );
  return position.enqueuedAfter.getTime();
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
  const perPartition = /^(seq|offset):(.*)$/s.exec(value);
  if (perPartition) {
    const [, kind, pairs] = perPartition;
    const parsed = kind === 'seq' ? parseSequenceNumbers(pairs) : parseOffsets(pairs);
    if (parsed.ok)
      return kind === 'seq'
        ? { kind: 'sequence', sequenceNumbers: parsed.value as Record<string, number> }
        : { kind: 'offset', offsets: parsed.value as Record<string, string> };
    throw new UsageError(
      `"--from ${kind}:": ${mayEcho(value) ? parsed.reason : `not ${kind === 'seq' ? 'partition:sequence' : 'partition:offset'} pairs.`}`,
    );
  }
  throw new UsageError(
    `"--from" must be latest, earliest, an ISO time (2025-01-31T08:00:00Z), a duration ago (15m, 2h), seq:0:1200,1:980 or offset:0:4096,1:0${mayEcho(value) ? `, not "${value}"` : ''}.`,
  );
}

export async function runTail(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Bad options fail before stdin is read; "--connection-string -" then takes the first line of stdin.
  const fromStdin = parseArgs(args, SPEC).options.get('connection-string') === FROM_STDIN;
  const options = parseTailArgs(args, env, fromStdin ? await readConnectionStringFromStdin(io) : undefined);
  if (io.signal?.aborted) return 0;
  const window = options.untilMs === undefined ? undefined : await searchWindow(options, io);
  if (window === null) return 1;
  const session = createTailSession(options.target, {
    start: options.start,
    filter: { tables: options.tables, text: options.grep, where: options.where },
    maxBatchSize: options.maxBatchSize,
    bufferSize: 1000,
    bufferBytes: options.bufferBytes,
  });
  let lastProgress = '';
  let lastProgressAt = 0;
  return printTail(session, io, {
    json: options.json,
    limit: options.limit,
    durationMs: options.durationMs,
    origin: (entry) => `p${entry.partitionId}#${entry.sequenceNumber}`,
    unit: 'message',
    keep: window ? (entry) => inWindow(entry, window.window, window.endOf) : undefined,
    tick: window
      ? () => {
          const stats = session.stats();
          const progress = windowProgress(window.ends, window.window, stats.lastSequenceNumbers, stats.lastEnqueuedTimes);
          const all = progress.every((p) => p.done);
          const text = progressText(progress);
          if (text !== lastProgress && (all || Date.now() - lastProgressAt >= 1000)) {
            io.stderr.write(`search: ${text}\n`);
            lastProgress = text;
            lastProgressAt = Date.now();
          }
          return all;
        }
      : undefined,
    summary: summaryText,
  });
}

/**
 * A bounded search's window and each partition's end as it is now (read once, before the tail starts);
 * null when the hub cannot be read (the reason is on stderr).
 */
async function searchWindow(
  options: TailOptions,
  io: CliIo,
): Promise<{ window: TimeWindow; ends: PartitionEnd[]; endOf: Map<string, number> } | null> {
  let hub;
  try {
    hub = await readHubProperties(options.target, { signal: io.signal });
  } catch (error) {
    io.stderr.write(`defender-stream tail: ${terminalSafe(error instanceof ConnectionCheckError ? error.message : String(error))}\n`);
    return null;
  }
  const ends: PartitionEnd[] = hub.partitions.map((p) => ({
    partitionId: p.partitionId,
    lastSequenceNumber: p.isEmpty ? -1 : p.lastEnqueuedSequenceNumber,
    lastEnqueuedTime: p.lastEnqueuedOnUtc?.getTime() ?? 0,
  }));
  const fromMs = options.start.kind === 'time' ? options.start.enqueuedAfter.getTime() : undefined;
  const window: TimeWindow = { untilMs: options.untilMs ?? Number.POSITIVE_INFINITY, fromMs };
  io.stderr.write(
    `search: ${ends.length} partitions from ${fromMs === undefined ? 'the earliest event' : new Date(fromMs).toISOString()} until ${new Date(window.untilMs).toISOString()}\n`,
  );
  return { window, ends, endOf: new Map(ends.map((e) => [e.partitionId, e.lastSequenceNumber])) };
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
