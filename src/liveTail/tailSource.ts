import type { RecordFilterSpec } from '../core/filter/recordFilter';
import type { TailEntry, TailNotice, TailState, TailStats } from '../tail/types';

export interface Unsubscribe {
  dispose(): void;
}

/**
 * What the Live Tail panel needs from a running tail session: the subset of `TailSession`
 * (src/tail/types.ts) it uses, so a session satisfies it as is. The session starts when created.
 */
export interface TailSource {
  readonly state: TailState;
  stats(): TailStats;
  /** New entries (records and malformed messages), oldest first. */
  onEntries(listener: (entries: readonly TailEntry[]) => void): Unsubscribe;
  onState(listener: (state: TailState) => void): Unsubscribe;
  onStats(listener: (stats: TailStats) => void): Unsubscribe;
  /** What the session says once (a shared consumer group, a partition it may not read, new partitions, a recreated hub). */
  onNotice?(listener: (notice: TailNotice) => void): Unsubscribe;
  /** Every notice said so far, oldest first: a page that (re)loads shows the newest. */
  readonly notices?: readonly TailNotice[];
  /** Buffered entries, oldest first, that match `filter`. */
  snapshot(filter?: RecordFilterSpec): Promise<TailEntry[]>;
  /** Empties the buffer and resets the counters. */
  clear(): void;
  /**
   * After a failure: connects again and resumes where the tail was, keeping the buffer (the Retry
   * button). Without it, Retry starts a new source.
   */
  reconnect?(): Promise<void>;
  /** Closes every connection; idempotent. */
  stop(): Promise<void>;
}
