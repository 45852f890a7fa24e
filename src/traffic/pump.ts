import type { TableDef } from '../core/catalog/schemaCatalog';
import type { LocalEvent, LocalHub } from '../localHub/types';
import { DefenderTrafficGenerator } from './generator';
import { Prng } from './prng';
import type { BadMessageKind, GeneratorOptions } from './types';

export interface TrafficOptions extends GeneratorOptions {
  /** Records per second (0: none). */
  readonly rate: number;
  /** "single": every table to one hub; "perTable": each table to `insights-logs-advancedhunting-<table>`. */
  readonly mode?: 'single' | 'perTable';
  /** Target hub in single mode (default: the hub's first). */
  readonly hubName?: string;
  /** Timer period in ms (default 100): each tick appends what is due. */
  readonly tickMs?: number;
  /** Fraction of messages replaced by bad ones (default 0). */
  readonly badMessageRate?: number;
  /** Kinds of bad messages to inject (default all). */
  readonly badMessageKinds?: readonly BadMessageKind[];
}

export interface TrafficStats {
  messages: number;
  records: number;
  bytes: number;
  badMessages: number;
  readonly byTable: Record<string, number>;
}

export interface TrafficHandle {
  readonly stats: TrafficStats;
  readonly generator: DefenderTrafficGenerator;
  /** Appends what is due now (also called by the timer); returns the records appended. */
  tick(): number;
  stop(): void;
}

/** Most catch-up after a stall (the event loop was busy): one second of traffic. */
const MAX_BACKLOG_SECONDS = 1;

/**
 * Pumps generated Defender traffic into a local hub at `rate` records per second: a timer appends the due
 * messages each tick (several records per message, one table per message) until `stop()`.
 */
export function startTraffic(hub: Pick<LocalHub, 'append' | 'hubNames'>, options: TrafficOptions): TrafficHandle {
  if (!Number.isFinite(options.rate) || options.rate < 0)
    throw new RangeError('The traffic rate must be a number of records per second, at least 0.');
  const generator = new DefenderTrafficGenerator(options);
  const mode = options.mode ?? 'single';
  const hubOf = targetResolver(hub, mode, options.hubName);
  // The pump's own decisions (bad or not, records per message), separate from record content.
  const decisions = new Prng(`${options.seed ?? 1}:pump`);
  const tables = generator.tables.filter((t) => hubOf(t) !== undefined);
  if (tables.length === 0)
    throw new RangeError(
      `None of the selected tables has a hub in this namespace (per-table hubs are named like "${generator.tables[0].hubName}").`,
    );
  const restricted = tables.length === generator.tables.length ? generator : undefined;
  const badRate = options.badMessageRate ?? 0;
  const badKinds = options.badMessageKinds;
  const stats: TrafficStats = { messages: 0, records: 0, bytes: 0, badMessages: 0, byTable: {} };
  let due = 0;
  let last = Date.now();

  const pickTable = (): TableDef => {
    if (restricted) return generator.pickTable();
    for (let i = 0; i < 20; i++) {
      const t = generator.pickTable();
      if (hubOf(t) !== undefined) return t;
    }
    return tables[0];
  };

  const tick = (): number => {
    const now = Date.now();
    due = Math.min(due + ((now - last) / 1000) * options.rate, options.rate * MAX_BACKLOG_SECONDS + 1);
    last = now;
    let appended = 0;
    const batches = new Map<string, LocalEvent[]>();
    while (due >= 1) {
      const table = pickTable();
      let body: string | Buffer;
      let count: number;
      if (badRate > 0 && decisions.chance(badRate)) {
        const bad = generator.badMessage(badKinds && badKinds.length > 0 ? decisions.pick(badKinds) : undefined);
        body = bad.body;
        count = Math.max(1, bad.records);
        stats.badMessages += 1;
      } else {
        const message = generator.message(table, Math.min(Math.floor(due), decisions.int(1, generator.recordsPerMessage)));
        body = message.body;
        count = message.records;
        stats.byTable[table.name] = (stats.byTable[table.name] ?? 0) + count;
      }
      due -= count;
      appended += count;
      stats.messages += 1;
      stats.records += count;
      stats.bytes += typeof body === 'string' ? Buffer.byteLength(body) : body.length;
      const target = hubOf(table) as string;
      let list = batches.get(target);
      if (!list) batches.set(target, (list = []));
      list.push({ body });
    }
    for (const [target, events] of batches) hub.append(target, events);
    return appended;
  };

  const tickMs = options.tickMs ?? 100;
  const timer = options.rate > 0 ? setInterval(tick, tickMs) : undefined;
  timer?.unref?.();
  return {
    stats,
    generator,
    tick,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}

/** Where a table's messages go: the single hub, or the table's per-table hub when the namespace has it. */
function targetResolver(
  hub: Pick<LocalHub, 'hubNames'>,
  mode: 'single' | 'perTable',
  hubName?: string,
): (t: TableDef) => string | undefined {
  const names = new Map(hub.hubNames.map((n) => [n.toLowerCase(), n]));
  if (mode === 'perTable') return (t) => names.get(t.hubName);
  const target = hubName ?? hub.hubNames[0];
  const resolved = target === undefined ? undefined : names.get(target.toLowerCase());
  if (!resolved) throw new RangeError(`The local hub has no event hub "${target ?? ''}" (it has: ${hub.hubNames.join(', ')}).`);
  return () => resolved;
}
