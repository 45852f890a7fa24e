import type { DecodedRecord, Malformed } from '../core/decode/types';
import type { RecordFilterSpec } from '../core/filter/recordFilter';

/** Where a tail starts reading. */
export type StartPosition =
  | { readonly kind: 'latest' }
  | { readonly kind: 'earliest' }
  | { readonly kind: 'time'; readonly enqueuedAfter: Date }
  | { readonly kind: 'sequence'; readonly sequenceNumbers: Readonly<Record<string, number>> };

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
  /** Records per second over the last few seconds. */
  readonly rate: number;
  readonly tables: readonly TableStats[];
  /** Last sequence number seen per partition. */
  readonly lastSequenceNumbers: Readonly<Record<string, number>>;
}

export interface TailSessionOptions {
  readonly start?: StartPosition;
  readonly filter?: RecordFilterSpec;
  /** Ring buffer capacity (default 10,000). */
  readonly bufferSize?: number;
  /** Events per receive batch (default 300). */
  readonly maxBatchSize?: number;
}
