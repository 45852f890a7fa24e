/**
 * A bounded search (CLI `tail --from T1 --until T2`): each partition is read from T1 until it passes T2
 * or reaches its end as read when the search started. Plain TypeScript: decides from the tail's stats.
 */
export interface PartitionEnd {
  readonly partitionId: string;
  /** Last sequence number when the search started (-1: empty). */
  readonly lastSequenceNumber: number;
  /** Enqueued time (epoch ms) of that last event (0: empty). */
  readonly lastEnqueuedTime: number;
}

export interface PartitionProgress {
  readonly partitionId: string;
  /** Last sequence number read so far (-1: none yet). */
  readonly read: number;
  readonly end: number;
  readonly done: boolean;
  /** Why it is done: "empty", "end" (its end as read at the start), "until" (passed the end time), "before" (nothing after --from). */
  readonly why?: 'empty' | 'end' | 'until' | 'before';
}

export interface TimeWindow {
  /** Epoch ms; events enqueued after it are not shown. */
  readonly untilMs: number;
  /** Epoch ms of the start (for partitions whose last event is older: nothing to read). */
  readonly fromMs?: number;
}

/** Each partition's progress from the tail's last sequence numbers and enqueued times. */
export function windowProgress(
  ends: readonly PartitionEnd[],
  window: TimeWindow,
  lastSequenceNumbers: Readonly<Record<string, number>>,
  lastEnqueuedTimes: Readonly<Record<string, number>> = {},
): PartitionProgress[] {
  return ends.map((end) => {
    const read = lastSequenceNumbers[end.partitionId] ?? -1;
    const base = { partitionId: end.partitionId, read, end: end.lastSequenceNumber };
    if (end.lastSequenceNumber < 0) return { ...base, done: true, why: 'empty' as const };
    if (window.fromMs !== undefined && end.lastEnqueuedTime < window.fromMs) return { ...base, done: true, why: 'before' as const };
    if (read >= end.lastSequenceNumber) return { ...base, done: true, why: 'end' as const };
    const time = lastEnqueuedTimes[end.partitionId];
    if (time !== undefined && time > window.untilMs) return { ...base, done: true, why: 'until' as const };
    return { ...base, done: false };
  });
}

/** Whether an entry belongs in the window: not after its end time, and not past its partition's end at the start. */
export function inWindow(
  entry: { partitionId: string; sequenceNumber: number; enqueuedTime: number },
  window: TimeWindow,
  ends: ReadonlyMap<string, number>,
): boolean {
  if (entry.enqueuedTime > window.untilMs) return false;
  const end = ends.get(entry.partitionId);
  return end === undefined || entry.sequenceNumber <= end;
}

/** How a partition's reason to be done is said: the CLI names its options, the editor says what they mean. */
export type ProgressWords = Readonly<Record<NonNullable<PartitionProgress['why']>, string>>;

export const CLI_PROGRESS_WORDS: ProgressWords = { empty: 'empty', end: 'end', until: 'past --until', before: 'nothing after --from' };
export const EDITOR_PROGRESS_WORDS: ProgressWords = {
  empty: 'empty',
  end: 'end',
  until: 'past the end time',
  before: 'nothing after the start',
};

/** One line: "p0 120/500, p1 done (end), ...". */
export function progressText(progress: readonly PartitionProgress[], words: ProgressWords = CLI_PROGRESS_WORDS): string {
  return progress
    .map((p) =>
      p.done ? `p${p.partitionId} done${p.why ? ` (${words[p.why]})` : ''}` : `p${p.partitionId} ${Math.max(0, p.read)}/${p.end}`,
    )
    .join(', ');
}

/**
 * How much of the window is read, 0 to 1: each partition counts alike, a done one as 1, another by its
 * sequence numbers read of those between the first it was seen at (`firstRead`) and its end.
 */
export function windowFraction(progress: readonly PartitionProgress[], firstRead: ReadonlyMap<string, number>): number {
  if (progress.length === 0) return 1;
  let sum = 0;
  for (const p of progress) {
    if (p.done) {
      sum += 1;
      continue;
    }
    const first = Math.min(firstRead.get(p.partitionId) ?? p.read, p.read);
    const span = p.end - first;
    sum += p.read < 0 || span <= 0 ? 0 : Math.min(1, Math.max(0, (p.read - first) / span));
  }
  return sum / progress.length;
}
