/** Event Hubs Standard tier limits used by the capacity maths (see the reference README). */
export const STANDARD_TIER = {
  /** Ingress per throughput unit: 1 MB/s (MiB, as in Microsoft's estimation query) ... */
  ingressBytesPerSecondPerTU: 1024 * 1024,
  /** ... or 1,000 events/s, whichever binds first. */
  ingressEventsPerSecondPerTU: 1000,
  /** Throughput units of one Standard namespace (auto-inflate stops here too). */
  maxThroughputUnits: 40,
  /** Event hubs per Standard namespace. */
  maxHubsPerNamespace: 10,
  /** Partitions per event hub on the Standard tier. */
  maxPartitions: 32,
} as const;

export interface CapacityOptions {
  /** Multiplier on the measured load before sizing (default 1.25: 25 % for peaks and growth). */
  readonly headroom?: number;
  /** Fewest partitions suggested for a single hub (default 4: the portal default; the count cannot change later on Standard). */
  readonly minPartitions?: number;
  /** Fewest partitions suggested for a per-table hub (default 2: quiet tables need no parallelism, 2 keep a spare). */
  readonly minPartitionsPerTableHub?: number;
}

export const DEFAULT_HEADROOM = 1.25;

export function resolvedOptions(options: CapacityOptions = {}): Required<CapacityOptions> {
  const headroom = options.headroom ?? DEFAULT_HEADROOM;
  if (!Number.isFinite(headroom) || headroom < 1 || headroom > 10)
    throw new Error(`The headroom factor must be between 1 and 10 (got ${headroom}).`);
  const minPartitions = options.minPartitions ?? 4;
  const minPartitionsPerTableHub = options.minPartitionsPerTableHub ?? 2;
  for (const [name, value] of [
    ['minPartitions', minPartitions],
    ['minPartitionsPerTableHub', minPartitionsPerTableHub],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > STANDARD_TIER.maxPartitions)
      throw new Error(`${name} must be a whole number from 1 to ${STANDARD_TIER.maxPartitions}.`);
  }
  return { headroom, minPartitions, minPartitionsPerTableHub };
}
