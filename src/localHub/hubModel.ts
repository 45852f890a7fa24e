import { PartitionStore } from './store';
import type { LocalHubDefinition } from './types';

export const DEFAULT_CONSUMER_GROUP = '$Default';
export const DEFAULT_PARTITION_COUNT = 4;
const MAX_PARTITIONS = 1024;

/** One event hub of the local namespace: its partitions and consumer groups. Names are case-insensitive. */
export class HubModel {
  readonly name: string;
  readonly createdAt: number;
  readonly partitions: readonly PartitionStore[];
  readonly consumerGroups: readonly string[];
  private readonly groupsLower: ReadonlySet<string>;
  private roundRobin = 0;
  /** Builds the same hub anew (a test hook: `recreated`, `addPartitions`). */
  private readonly rebuild: { readonly definition: LocalHubDefinition; readonly maxEvents: number; readonly maxBytes?: number };

  constructor(definition: LocalHubDefinition, maxEventsPerPartition: number, createdAt = Date.now(), maxBytesPerPartition?: number) {
    const count = definition.partitionCount ?? DEFAULT_PARTITION_COUNT;
    if (!Number.isInteger(count) || count < 1 || count > MAX_PARTITIONS) {
      throw new RangeError(`Event hub "${definition.name}": the partition count must be a whole number from 1 to ${MAX_PARTITIONS}.`);
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/.test(definition.name)) {
      throw new RangeError(`"${definition.name}" is not a valid event hub name (letters, digits, ".", "_", "-").`);
    }
    this.name = definition.name;
    this.createdAt = createdAt;
    this.partitions = Array.from(
      { length: count },
      (_, i) => new PartitionStore(definition.name, String(i), maxEventsPerPartition, maxBytesPerPartition),
    );
    const groups = [
      DEFAULT_CONSUMER_GROUP,
      ...(definition.consumerGroups ?? []).filter((g) => g.toLowerCase() !== DEFAULT_CONSUMER_GROUP.toLowerCase()),
    ];
    this.consumerGroups = [...new Set(groups)];
    this.groupsLower = new Set(this.consumerGroups.map((g) => g.toLowerCase()));
    this.rebuild = { definition, maxEvents: maxEventsPerPartition, maxBytes: maxBytesPerPartition };
  }

  /** Adds `count` empty partitions after the last one, as raising a hub's partition count does; returns their ids. */
  addPartitions(count = 1): string[] {
    const total = this.partitions.length + count;
    if (!Number.isInteger(count) || count < 1 || total > MAX_PARTITIONS)
      throw new RangeError(`Event hub "${this.name}" can have at most ${MAX_PARTITIONS} partitions.`);
    const { maxEvents, maxBytes } = this.rebuild;
    const added = Array.from(
      { length: count },
      (_, i) => new PartitionStore(this.name, String(this.partitions.length + i), maxEvents, maxBytes),
    );
    (this.partitions as PartitionStore[]).push(...added); // the only place the list grows
    return added.map((p) => p.partitionId);
  }

  /** A new, empty hub of the same name and consumer groups (deleted and created again), created after this one. */
  recreated(options: { readonly partitionCount?: number; readonly createdAt?: number } = {}): HubModel {
    const { definition, maxEvents, maxBytes } = this.rebuild;
    const createdAt = options.createdAt ?? Math.max(Date.now(), this.createdAt + 1);
    return new HubModel(
      { ...definition, partitionCount: options.partitionCount ?? this.partitions.length },
      maxEvents,
      createdAt,
      maxBytes,
    );
  }

  get partitionIds(): string[] {
    return this.partitions.map((p) => p.partitionId);
  }

  /** The partition with this id ("0", "1", ...), or undefined. */
  partition(id: string): PartitionStore | undefined {
    if (!/^(0|[1-9]\d*)$/.test(id)) return undefined;
    return this.partitions[Number(id)];
  }

  hasConsumerGroup(name: string): boolean {
    return this.groupsLower.has(name.toLowerCase());
  }

  /** The partition for an event: by partition key hash when there is a key, round robin otherwise. */
  pickPartition(partitionKey?: string): PartitionStore {
    if (partitionKey !== undefined && partitionKey !== null) return this.partitions[hashKey(partitionKey) % this.partitions.length];
    const partition = this.partitions[this.roundRobin % this.partitions.length];
    this.roundRobin = (this.roundRobin + 1) % this.partitions.length;
    return partition;
  }
}

/** A stable 32-bit FNV-1a hash of the key's UTF-8 bytes: the same key always lands on the same partition. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The namespace: every hub by lowercased name. */
export class NamespaceModel {
  private readonly hubs = new Map<string, HubModel>();

  constructor(definitions: readonly LocalHubDefinition[], maxEventsPerPartition: number, maxBytesPerPartition?: number) {
    if (definitions.length === 0) throw new RangeError('The local hub needs at least one event hub.');
    for (const definition of definitions) {
      const key = definition.name.toLowerCase();
      if (this.hubs.has(key)) throw new RangeError(`Event hub "${definition.name}" is defined twice.`);
      this.hubs.set(key, new HubModel(definition, maxEventsPerPartition, Date.now(), maxBytesPerPartition));
    }
  }

  hub(name: string): HubModel | undefined {
    return this.hubs.get(name.toLowerCase());
  }

  /** Puts `hub` in place of the hub of the same name (see `recreateHub` in hubChanges.ts); returns the one it replaced. */
  replace(hub: HubModel): HubModel | undefined {
    const key = hub.name.toLowerCase();
    const previous = this.hubs.get(key);
    this.hubs.set(key, hub);
    return previous;
  }

  get hubNames(): string[] {
    return [...this.hubs.values()].map((h) => h.name);
  }

  get all(): HubModel[] {
    return [...this.hubs.values()];
  }
}
