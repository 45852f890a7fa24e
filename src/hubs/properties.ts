/** Hub and partition properties as the tree shows them (a plain copy of what the service returns). */
export interface PartitionInfo {
  readonly partitionId: string;
  readonly beginningSequenceNumber: number;
  /** -1 when the partition has never held an event. */
  readonly lastEnqueuedSequenceNumber: number;
  readonly lastEnqueuedOffset: string;
  readonly lastEnqueuedOnUtc?: Date;
  readonly isEmpty: boolean;
}

export interface HubInfo {
  readonly name: string;
  readonly createdOn?: Date;
  readonly partitionIds: readonly string[];
  readonly partitions: readonly PartitionInfo[];
}

/** Events currently retained in a partition (0 when empty). */
export function retainedEvents(p: PartitionInfo): number {
  return p.isEmpty || p.lastEnqueuedSequenceNumber < 0 ? 0 : p.lastEnqueuedSequenceNumber - p.beginningSequenceNumber + 1;
}

/** Sorts partition ids numerically when they are numbers ("2" before "10"). */
export function sortPartitionIds(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a.localeCompare(b)));
}

function validDate(value: unknown): Date | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined;
}

export function toPartitionInfo(p: {
  partitionId: string;
  beginningSequenceNumber: number;
  lastEnqueuedSequenceNumber: number;
  lastEnqueuedOffset: string | number;
  lastEnqueuedOnUtc?: Date;
  isEmpty: boolean;
}): PartitionInfo {
  return {
    partitionId: p.partitionId,
    beginningSequenceNumber: Number(p.beginningSequenceNumber),
    lastEnqueuedSequenceNumber: Number(p.lastEnqueuedSequenceNumber),
    lastEnqueuedOffset: String(p.lastEnqueuedOffset),
    lastEnqueuedOnUtc: p.isEmpty ? undefined : validDate(p.lastEnqueuedOnUtc),
    isEmpty: p.isEmpty,
  };
}

export { validDate };
