import { resolvedOptions, STANDARD_TIER, type CapacityOptions } from './capacityLimits';
import {
  suggestedPartitions,
  sumLoads,
  tableRate,
  throughputUnits,
  type Load,
  type TableMeasurement,
  type TableRate,
  type ThroughputSizing,
} from './capacityMath';

/** Single-hub mode: every table into one event hub of one namespace. */
export interface SingleHubPlan {
  readonly load: Load;
  readonly sizing: ThroughputSizing;
  readonly partitions: number;
}

export interface NamespacePlan {
  /** Tables (one event hub each), heaviest first. */
  readonly tables: readonly string[];
  readonly load: Load;
  readonly sizing: ThroughputSizing;
}

/** Per-table mode: one event hub per table, at most 10 per Standard namespace. */
export interface PerTablePlan {
  readonly namespaces: readonly NamespacePlan[];
  readonly partitions: ReadonlyArray<{ readonly table: string; readonly partitions: number; readonly sizing: ThroughputSizing }>;
}

export interface CapacityPlan {
  readonly options: Required<CapacityOptions>;
  readonly tables: readonly TableRate[];
  readonly total: Load;
  readonly singleHub: SingleHubPlan;
  readonly perTable: PerTablePlan;
}

/**
 * Sizes both streaming modes from per-table measurements. `extraLoad` is traffic that belongs to no
 * table (unreadable messages): it counts toward the single hub only.
 */
export function planCapacity(measurements: readonly TableMeasurement[], options?: CapacityOptions, extraLoad?: Load): CapacityPlan {
  const resolved = resolvedOptions(options);
  const tables = measurements.map(tableRate).sort((a, b) => b.bytesPerSecond - a.bytesPerSecond || a.table.localeCompare(b.table));
  const total = sumLoads(extraLoad ? [...tables, extraLoad] : tables);
  return {
    options: resolved,
    tables,
    total,
    singleHub: {
      load: total,
      sizing: throughputUnits(total, resolved),
      partitions: suggestedPartitions(total, resolved.minPartitions, resolved),
    },
    perTable: planPerTable(tables, resolved),
  };
}

/**
 * Spreads the per-table hubs over as few Standard namespaces as possible: at least one per 10 hubs,
 * more while some namespace would need more than 40 throughput units. Hubs are placed heaviest
 * first into the least loaded namespace that still has room (balances the throughput units).
 */
export function planPerTable(tables: readonly TableRate[], options?: CapacityOptions): PerTablePlan {
  const resolved = resolvedOptions(options);
  const partitions = tables.map((t) => ({
    table: t.table,
    partitions: suggestedPartitions(t, resolved.minPartitionsPerTableHub, resolved),
    sizing: throughputUnits(t, resolved),
  }));
  if (tables.length === 0) return { namespaces: [], partitions };
  const ordered = [...tables].sort((a, b) => weight(b) - weight(a) || a.table.localeCompare(b.table));
  let count = Math.ceil(tables.length / STANDARD_TIER.maxHubsPerNamespace);
  for (;;) {
    const namespaces = assign(ordered, count);
    const plans = namespaces.map((members) => {
      const load = sumLoads(members);
      return { tables: members.map((m) => m.table), load, sizing: throughputUnits(load, resolved) };
    });
    if (count >= tables.length || plans.every((p) => !p.sizing.exceedsStandard)) return { namespaces: plans, partitions };
    count += 1;
  }
}

/** Load in throughput-unit terms (the binding one of bytes and events). */
function weight(load: Load): number {
  return Math.max(
    load.bytesPerSecond / STANDARD_TIER.ingressBytesPerSecondPerTU,
    load.eventsPerSecond / STANDARD_TIER.ingressEventsPerSecondPerTU,
  );
}

function assign(ordered: readonly TableRate[], count: number): TableRate[][] {
  const bins: TableRate[][] = Array.from({ length: count }, () => []);
  const loads = new Array<number>(count).fill(0);
  for (const table of ordered) {
    let best = -1;
    for (let i = 0; i < count; i++) {
      if (bins[i].length >= STANDARD_TIER.maxHubsPerNamespace) continue;
      if (best < 0 || loads[i] < loads[best]) best = i;
    }
    bins[best].push(table);
    loads[best] += weight(table);
  }
  return bins.filter((b) => b.length > 0);
}
