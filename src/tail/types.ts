import type { DecodedRecord, Malformed } from '../core/decode/types';
import type { RecordFilterSpec } from '../core/filter/recordFilter';
import type { HubTarget } from '../hubs/hubTarget';

/** Where a tail starts reading. */
export type StartPosition =
  | { readonly kind: 'latest' }
  | { readonly kind: 'earliest' }
  | { readonly kind: 'time'; readonly enqueuedAfter: Date }
  | {
      readonly kind: 'sequence';
      /** Per partition, the sequence number to start at (inclusive). */
      readonly sequenceNumbers: Readonly<Record<string, number>>;
      /** Where the partitions not listed start (default: latest). */
      readonly others?: OtherPartitionsStart;
    }
  | {
      readonly kind: 'offset';
      /** Per partition, the offset to start at (inclusive), as Event Hubs gives it ("x-opt-offset"). */
      readonly offsets: Readonly<Record<string, string>>;
    };

/** Where the partitions a `sequence` start does not list begin: any start but another per-partition one. */
export type OtherPartitionsStart = Exclude<StartPosition, { readonly kind: 'sequence' }>;

export type TailState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'live' }
  | { readonly kind: 'reconnecting'; readonly lastError: string; readonly since: number }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'stopped' };

/** One record as the tail keeps it: the decoded record plus where it came from. */
export interface TailRecord extends DecodedRecord {
  /** Monotonic id within the session, for the UI. */
  readonly id: number;
  readonly partitionId: string;
  readonly sequenceNumber: number;
  readonly enqueuedTime: number;
  /**
   * The record's JSON exactly as received, when the tail kept it as text (the fast path: the record is
   * then parsed each time `record` is read, and only by whoever reads it).
   */
  readonly json?: string;
  /** Its table is one of those counted together as "other tables" (beyond the tables the tail counts one by one). */
  readonly other?: boolean;
}

export interface TailMalformed extends Malformed {
  readonly id: number;
  readonly partitionId: string;
  readonly sequenceNumber: number;
  readonly enqueuedTime: number;
}

export type TailEntry = ({ readonly type: 'record' } & TailRecord) | ({ readonly type: 'malformed' } & TailMalformed);

export interface TableStats {
  readonly table: string;
  readonly known: boolean;
  records: number;
  bytes: number;
  /** Records per second over the last few seconds. */
  rate: number;
}

export interface OtherTablesStats {
  records: number;
  bytes: number;
  /** Records per second over the last few seconds. */
  rate: number;
}

export interface TailStats {
  readonly receivedEvents: number;
  readonly receivedRecords: number;
  readonly receivedBytes: number;
  /** Records that passed the filter. */
  readonly shownRecords: number;
  readonly malformed: number;
  readonly malformedByReason: Readonly<Record<string, number>>;
  /** Entries pushed out of the ring buffer. */
  readonly dropped: number;
  /** Events delivered again after a reconnect (sequence number already seen) and skipped. */
  readonly duplicates: number;
  /** Records per second over the last few seconds. */
  readonly rate: number;
  readonly tables: readonly TableStats[];
  /**
   * Records of the tables counted together rather than one by one: a tail counts every table of the catalog,
   * and at most `MAX_TRACKED_TABLES` others (src/tail/pipeline.ts). Absent when there were none.
   */
  readonly other?: OtherTablesStats;
  /** Last sequence number seen per partition. */
  readonly lastSequenceNumbers: Readonly<Record<string, number>>;
  /** Enqueued time (epoch ms) of the last event seen per partition. */
  readonly lastEnqueuedTimes?: Readonly<Record<string, number>>;
}

export interface TailSessionOptions extends TailSessionTuning {
  readonly start?: StartPosition;
  readonly filter?: RecordFilterSpec;
  /** Ring buffer capacity (default 10,000). */
  readonly bufferSize?: number;
  /** Most bytes the ring buffer keeps: the oldest entries go first (default 256 MiB; `tail.bufferMegabytes`). */
  readonly bufferBytes?: number;
  /** Events per receive batch (default 300). */
  readonly maxBatchSize?: number;
  /** Retry options of the client (default: a few short retries; the session itself keeps reconnecting until `failAfterMs`). */
  readonly retryOptions?: import('@azure/event-hubs').RetryOptions;
  /** The first entry's id (default 1): see `PipelineOptions.firstEntryId`. */
  readonly firstEntryId?: number;
  /** Where the running totals are written for another thread: see `PipelineOptions.liveCounters`. */
  readonly liveCounters?: Float64Array;
}

/** Starts a tail session (`createTailSession`, or `createWorkerTailSession` bound to its worker's file). */
export type TailSessionFactory = (target: HubTarget, options: TailSessionOptions) => TailSession;

/** Extra knobs of a tail session (all optional; the defaults suit the extension and the CLI). */
export interface TailSessionTuning {
  /** Longest wait for a receive batch, in seconds (default 1). */
  readonly maxWaitTimeInSeconds?: number;
  /** How often batched updates are emitted to listeners, in milliseconds (default 100: at most ~10 a second). */
  readonly emitIntervalMs?: number;
  /**
   * The most entries one emit hands to listeners, the newest (default: all). For a view that shows only so
   * many (the Live Tail panel posts at most 250 a tick): the others stay in the buffer (`snapshot`), and a
   * worker's session does not move them to the extension host's thread at all. Their ids are skipped.
   */
  readonly maxEmit?: number;
  /** Continuous failure (no successful receive) after which the session gives up, in milliseconds (default 60,000). */
  readonly failAfterMs?: number;
  /** How often the hub's properties are read again, to notice new partitions and a recreated hub, in milliseconds (default 30,000). */
  readonly refreshIntervalMs?: number;
}

/**
 * Something a tail says once, besides its state: for the panel, the editor tail's log and the CLI's stderr.
 * - `sharedConsumerGroup`: the tail reads with `$Default`, shared with whatever else reads the hub;
 * - `readerLimit`: Event Hubs refused a partition's reader, or another reader took it over (reader limits of
 *   the consumer group): that partition is not tailed, the others are;
 * - `partitionsAdded`: the hub has new partitions, tailed from their beginning;
 * - `hubRecreated`: the hub was recreated, every partition restarts from its earliest event;
 * - `storage`: what a Storage tail says (a replaced blob, a line too long to keep: src/storage/storageTailSession.ts).
 */
export interface TailNotice {
  readonly kind: 'sharedConsumerGroup' | 'readerLimit' | 'partitionsAdded' | 'hubRecreated' | 'storage';
  readonly level: 'info' | 'warning';
  /** One or a few sentences, no secret. */
  readonly message: string;
  /** The partitions it is about, if any. */
  readonly partitionIds?: readonly string[];
  /** When it was said (ms since the epoch). */
  readonly at: number;
}

/** Unsubscribes a listener (the same shape as `vscode.Disposable`). */
export interface TailDisposable {
  dispose(): void;
}

/**
 * A live tail of one event hub (pure: no `vscode`). Created by `createTailSession` (src/tail/session.ts),
 * which starts connecting at once.
 *
 * - Every record is decoded and counted per table; records that pass the filter, and every malformed
 *   message, become entries kept in a ring buffer of the newest `bufferSize` entries.
 * - New entries, stats and state changes are emitted in batches (at most every `emitIntervalMs`).
 * - `pause()` keeps receiving, counting and buffering but holds `onEntries` back; `resume()` emits what
 *   arrived meanwhile (at most `bufferSize` entries) as one batch.
 * - `setFilter()` applies to records received from then on; `snapshot()` applies the current filter to what
 *   the buffer holds, so narrowing a filter can re-render at once (widening it cannot bring back records the
 *   old filter did not keep).
 */
export interface TailSession {
  /** The hub's label (no secret). */
  readonly label: string;
  readonly hubName: string;
  readonly start: StartPosition;
  readonly state: TailState;
  readonly paused: boolean;
  readonly filter: RecordFilterSpec;
  readonly bufferSize: number;
  onEntries(listener: (entries: readonly TailEntry[]) => void): TailDisposable;
  onStats(listener: (stats: TailStats) => void): TailDisposable;
  onState(listener: (state: TailState) => void): TailDisposable;
  /** Notices as they are said (see `TailNotice`). */
  onNotice(listener: (notice: TailNotice) => void): TailDisposable;
  /** Every notice said so far, oldest first (the newest 100). */
  readonly notices: readonly TailNotice[];
  /**
   * After a failure: connects again (with `target` when given, e.g. after the key was fixed) and
   * resumes each partition right after the last event it delivered; the buffer and the counts are
   * kept. Rejects unless the state is "failed".
   */
  reconnect(target?: HubTarget): Promise<void>;
  /** Resolves once the session is live (receiving from every partition); rejects when it fails or is stopped first. */
  whenLive(): Promise<void>;
  setFilter(spec: RecordFilterSpec): void;
  pause(): void;
  resume(): void;
  /** Empties the buffer and resets the counters (the position in each partition is kept). */
  clear(): void;
  /** The buffered entries (oldest first) that match `filter` (default: the session's current filter); the buffer may be in a worker thread. */
  snapshot(filter?: RecordFilterSpec): Promise<TailEntry[]>;
  stats(): TailStats;
  /** Closes the subscription and the client; no receiver stays open. Idempotent. */
  stop(): Promise<void>;
}
