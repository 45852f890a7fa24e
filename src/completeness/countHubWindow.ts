import { readHubProperties } from '../hubs/connectionCheck';
import type { HubTarget } from '../hubs/hubTarget';
import type { PartitionInfo } from '../hubs/properties';
import { createTailSession } from '../tail/session';
import type { TailEntry, TailSession } from '../tail/types';
import type { CompletenessWindow } from './completenessWindow';
import { WindowCounter, type StreamedCounts } from './windowCounter';

/** How far around the window the hub is read by enqueued time (records are enqueued after their time). */
export const DEFAULT_MARGIN_MS = 10 * 60_000;

export interface CountHubProgress {
  readonly recordsRead: number;
  readonly recordsInWindow: number;
  /** Partitions read to their end (past the window and its margin, or to their last event). */
  readonly partitionsDone: number;
  readonly partitionCount: number;
}

export interface CountHubOptions {
  readonly marginMs?: number;
  /** Aborting ends the reading early: the counts so far come back with `partial: true`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CountHubProgress) => void;
  /** Events per receive batch. */
  readonly maxBatchSize?: number;
}

export interface CountHubResult {
  readonly counts: StreamedCounts;
  readonly partial: boolean;
  readonly partitionCount: number;
}

/** Where a partition is done: its last event when reading began, unless it holds nothing for the window. */
function partitionGoal(p: PartitionInfo, readFrom: number): number | undefined {
  if (p.isEmpty || p.lastEnqueuedSequenceNumber < 0) return undefined;
  if (p.lastEnqueuedOnUtc && p.lastEnqueuedOnUtc.getTime() < readFrom) return undefined;
  return p.lastEnqueuedSequenceNumber;
}

/**
 * Counts the hub's records per table whose `time` falls in `window`, reading every partition with the
 * tail session from the window's start minus a margin (by enqueued time) until it passes the window's
 * end plus the margin or reaches the event that was last when reading began. Holds counts only: the
 * session keeps its smallest buffer and the counter a number per table.
 */
export async function countHubWindow(
  target: HubTarget,
  window: CompletenessWindow,
  options: CountHubOptions = {},
): Promise<CountHubResult> {
  const margin = options.marginMs ?? DEFAULT_MARGIN_MS;
  const readFrom = window.start.getTime() - margin;
  const readUntil = window.end.getTime() + margin;
  const hub = await readHubProperties(target, { signal: options.signal });
  const goals = new Map<string, number>();
  for (const p of hub.partitions) {
    const goal = partitionGoal(p, readFrom);
    if (goal !== undefined) goals.set(p.partitionId, goal);
  }
  const counter = new WindowCounter(window);
  const partitionCount = hub.partitionIds.length;
  let recordsRead = 0;
  const progress = (): void =>
    options.onProgress?.({ recordsRead, recordsInWindow: counter.inWindow, partitionsDone: partitionCount - goals.size, partitionCount });
  if (goals.size === 0 || options.signal?.aborted) {
    progress();
    return { counts: counter.snapshot(), partial: goals.size > 0, partitionCount };
  }

  const session: TailSession = createTailSession(target, {
    start: { kind: 'time', enqueuedAfter: new Date(readFrom) },
    bufferSize: 100,
    bufferBytes: 16 * 1024 * 1024,
    maxBatchSize: options.maxBatchSize,
    emitIntervalMs: 100,
  });
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<CountHubResult>((resolve, reject) => {
      let finished = false;
      const finish = (partial: boolean): void => {
        if (finished) return;
        finished = true;
        progress();
        resolve({ counts: counter.snapshot(), partial, partitionCount });
      };
      onAbort = (): void => finish(true);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const doneWith = (partitionId: string): void => {
        goals.delete(partitionId);
        if (goals.size === 0) finish(false);
      };
      let emittedRecords = 0;
      const reached = new Set<string>();
      session.onEntries((entries: readonly TailEntry[]) => {
        for (const entry of entries) {
          if (entry.type === 'record') emittedRecords += 1;
          if (finished) continue;
          if (!goals.has(entry.partitionId)) continue;
          if (entry.enqueuedTime > readUntil) {
            doneWith(entry.partitionId);
            continue;
          }
          if (entry.type === 'malformed') counter.addMalformed();
          else {
            recordsRead += 1;
            counter.add(entry.table, entry.record.time);
          }
        }
      });
      // Stats can come before the entries of the same events: a partition that reached its goal is
      // done once every record received so far has been counted.
      session.onStats((stats) => {
        for (const [id, last] of Object.entries(stats.lastSequenceNumbers)) {
          const goal = goals.get(id);
          if (goal !== undefined && last >= goal) reached.add(id);
        }
        if (emittedRecords >= stats.receivedRecords) for (const id of [...reached]) if (goals.has(id)) doneWith(id);
        if (!finished) progress();
      });
      session.onState((state) => {
        if (state.kind === 'failed' && !finished) {
          finished = true;
          reject(new Error(state.error));
        }
      });
    });
  } finally {
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    await session.stop();
  }
}
