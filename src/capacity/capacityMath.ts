import { resolvedOptions, STANDARD_TIER, type CapacityOptions } from './capacityLimits';

/** What was seen of one table during a measurement. */
export interface TableMeasurement {
  readonly table: string;
  /** Advanced Hunting rows. */
  readonly records: number;
  /** Event Hubs events (messages) carrying them; a message shared by several tables counts in proportion. */
  readonly events: number;
  /** Body bytes of those records. */
  readonly bytes: number;
  /** Length of the measurement. */
  readonly seconds: number;
}

/** A load on a hub or a namespace. */
export interface Load {
  readonly eventsPerSecond: number;
  readonly bytesPerSecond: number;
}

export interface TableRate extends Load {
  readonly table: string;
  readonly recordsPerSecond: number;
  /** MiB per second (1024 × 1024 bytes), as Microsoft's estimation query computes it. */
  readonly mbPerSecond: number;
  /** Measured average size of one record in bytes (0 when no record was seen). */
  readonly avgRecordBytes: number;
}

export interface ThroughputSizing {
  /** Throughput units to provision: at least 1, at most 40. */
  readonly throughputUnits: number;
  /** The unrounded need with headroom, in throughput units (may exceed 40). */
  readonly required: number;
  /** Which ingress limit binds: bytes (1 MB/s per TU) or events (1,000/s per TU). */
  readonly binding: 'bytes' | 'events';
  /** The need is above what one Standard namespace can provide (40 TUs): Premium or Dedicated, or more namespaces. */
  readonly exceedsStandard: boolean;
}

export function tableRate(m: TableMeasurement): TableRate {
  if (!(m.seconds > 0)) throw new Error(`A measurement needs a positive duration (got ${m.seconds} s for ${m.table}).`);
  const bytesPerSecond = m.bytes / m.seconds;
  return {
    table: m.table,
    recordsPerSecond: m.records / m.seconds,
    eventsPerSecond: m.events / m.seconds,
    bytesPerSecond,
    mbPerSecond: bytesPerSecond / STANDARD_TIER.ingressBytesPerSecondPerTU,
    avgRecordBytes: m.records > 0 ? m.bytes / m.records : 0,
  };
}

export function sumLoads(loads: readonly Load[]): Load {
  let eventsPerSecond = 0;
  let bytesPerSecond = 0;
  for (const l of loads) {
    eventsPerSecond += l.eventsPerSecond;
    bytesPerSecond += l.bytesPerSecond;
  }
  return { eventsPerSecond, bytesPerSecond };
}

/** Ingress throughput units for a load: the binding limit of 1 MB/s or 1,000 events/s per TU, times the headroom. */
export function throughputUnits(load: Load, options?: CapacityOptions): ThroughputSizing {
  const { headroom } = resolvedOptions(options);
  const byBytes = load.bytesPerSecond / STANDARD_TIER.ingressBytesPerSecondPerTU;
  const byEvents = load.eventsPerSecond / STANDARD_TIER.ingressEventsPerSecondPerTU;
  const required = Math.max(byBytes, byEvents) * headroom;
  // Rounding noise (e.g. 2.0000000001) must not cost a whole throughput unit.
  const rounded = Math.ceil(required - 1e-9);
  return {
    throughputUnits: Math.min(Math.max(rounded, 1), STANDARD_TIER.maxThroughputUnits),
    required,
    binding: byEvents > byBytes ? 'events' : 'bytes',
    exceedsStandard: rounded > STANDARD_TIER.maxThroughputUnits,
  };
}

/**
 * Partitions for one event hub: a partition takes about one throughput unit of ingress, so at least
 * as many partitions as the hub alone needs throughput units, never fewer than `minimum`, at most 32.
 */
export function suggestedPartitions(load: Load, minimum: number, options?: CapacityOptions): number {
  const needed = Math.ceil(throughputUnits(load, options).required - 1e-9);
  return Math.min(Math.max(needed, minimum, 1), STANDARD_TIER.maxPartitions);
}
