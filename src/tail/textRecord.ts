import type { DefenderRecord } from '../core/decode/types';
import type { TailRecord } from './types';

/**
 * A tail entry that keeps its record as the JSON bytes it arrived as (checked by the scanner, so parsing
 * them cannot fail) and parses them only when `record` is read: the tail counts and filters by table
 * without building any record, and a buffer of bytes outside the heap gives the garbage collector one
 * small object per record instead of a tree.
 */
export class TextTailRecord implements TailRecord {
  readonly type = 'record' as const;

  constructor(
    readonly id: number,
    readonly table: string,
    readonly known: boolean,
    readonly bytes: number,
    readonly partitionId: string,
    readonly sequenceNumber: number,
    readonly enqueuedTime: number,
    /** The record's JSON is `store[offset, offset + length)` (a slab shared with other records). */
    private readonly store: Buffer,
    private readonly offset: number,
    private readonly length: number,
  ) {}

  /** The record's JSON as received (decoded on each read). */
  get json(): string {
    return this.store.toString('utf8', this.offset, this.offset + this.length);
  }

  /** A fresh parse on every read (not kept, so the buffer stays bytes). */
  get record(): DefenderRecord {
    return JSON.parse(this.json) as DefenderRecord;
  }
}
