import { recordNdjsonLine } from '../tail/ndjson';
import { recordSummary, recordTime, terminalSafe } from '../tail/summary';
import type { TailEntry, TailNotice, TailState, TailStats } from '../tail/types';
import type { CliIo } from './types';

/** What the command line needs of a tail, whatever it reads (an event hub, a Storage account). */
export interface PrintableTail {
  onEntries(listener: (entries: readonly TailEntry[]) => void): unknown;
  onState(listener: (state: TailState) => void): unknown;
  onNotice(listener: (notice: TailNotice) => void): unknown;
  stats(): TailStats;
  stop(): Promise<void>;
}

export interface PrintOptions {
  readonly json: boolean;
  /** Records to print before stopping (0: no limit). */
  readonly limit: number;
  /** Stop after this long (0: until interrupted). */
  readonly durationMs: number;
  /** Where an entry came from, for people: "p0#42" (partition and sequence number), "2026-12-01T18Z+1234" (blob hour and offset). */
  readonly origin: (entry: TailEntry) => string;
  /** "message" (an event hub's) or "line" (a Storage blob's): what a malformed entry is called. */
  readonly unit: string;
  /** Only entries it accepts are printed (e.g. inside a time window). */
  readonly keep?: (entry: TailEntry) => boolean;
  /** Called every 200 ms; true stops the tail (e.g. a bounded search that reached its end). */
  readonly tick?: () => boolean;
  /** The closing summary on stderr. */
  readonly summary: (stats: TailStats) => string;
}

/**
 * Prints a tail's records to stdout (one line each, or NDJSON), malformed entries, reconnects and
 * notices to stderr, until the limit, the duration, an abort, `tick` or a failure; 1 when it failed.
 */
export async function printTail(session: PrintableTail, io: CliIo, options: PrintOptions): Promise<number> {
  let printed = 0;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  let failure: string | undefined;
  session.onEntries((entries) => {
    if (options.limit > 0 && printed >= options.limit) return;
    const out: string[] = [];
    for (const entry of entries) {
      if (options.keep && !options.keep(entry)) continue;
      if (entry.type === 'malformed') {
        io.stderr.write(
          terminalSafe(`malformed ${options.unit} ${options.origin(entry)} (${entry.reason}): ${entry.message} ${entry.preview}`) + '\n',
        );
        continue;
      }
      out.push(options.json ? recordNdjsonLine(entry) : textLine(entry, options.origin(entry)));
      printed++;
      if (options.limit > 0 && printed >= options.limit) {
        finished();
        break;
      }
    }
    if (out.length > 0) io.stdout.write(out.join('\n') + '\n');
  });
  session.onState((state) => {
    if (state.kind === 'failed') {
      failure = state.error;
      finished();
    } else if (state.kind === 'reconnecting') io.stderr.write(terminalSafe(`reconnecting: ${state.lastError}`) + '\n');
  });
  // Said once each: a shared consumer group, a partition Event Hubs will not let the tail read, new partitions, a recreated hub.
  session.onNotice((notice) => io.stderr.write(terminalSafe(`note: ${notice.message}`) + '\n'));
  const onAbort = (): void => finished();
  io.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = options.durationMs > 0 ? setTimeout(finished, options.durationMs) : undefined;
  const tick = options.tick;
  const watch = tick ? setInterval(() => tick() && finished(), 200) : undefined;
  try {
    await done;
  } finally {
    if (timer) clearTimeout(timer);
    if (watch) clearInterval(watch);
    io.signal?.removeEventListener('abort', onAbort);
    await session.stop();
  }
  io.stderr.write(options.summary(session.stats()));
  if (failure !== undefined) {
    io.stderr.write(`defender-stream tail: ${terminalSafe(failure)}\n`);
    return 1;
  }
  return 0;
}

function textLine(entry: Extract<TailEntry, { type: 'record' }>, origin: string): string {
  const record = entry.record; // read once: a record kept as text is parsed on each read
  const time = recordTime(record) || new Date(entry.enqueuedTime).toISOString();
  const table = entry.table || '(no category)';
  return terminalSafe(`${time.slice(0, 24).padEnd(24)} ${table.padEnd(26)} ${recordSummary(entry.table, record)}  [${origin}]`);
}
