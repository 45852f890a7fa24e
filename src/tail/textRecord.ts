import type { DefenderRecord } from '../core/decode/types';
import type { TailEntry, TailRecord } from './types';

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
    /** The table is one of those counted together as "other tables" (see `TailPipeline`). */
    readonly other: boolean,
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

  /** The size of the kept text, in bytes. */
  get textBytes(): number {
    return this.length;
  }

  /** Copies the record's bytes to `target` at `at` (a batch handed to another thread); returns how many. */
  copyInto(target: Uint8Array, at: number): number {
    return this.store.copy(target, at, this.offset, this.offset + this.length);
  }
}

/**
 * About how much memory an entry keeps (what the tail's byte budget counts): a record kept as text, its
 * bytes; a record kept parsed, its share of the message's bytes; a malformed message, its short texts.
 * The table name counts too (a category the catalog does not know can be long).
 */
export function entryBytes(entry: TailEntry): number {
  if (entry.type === 'malformed') return entry.preview.length + entry.message.length + entry.reason.length;
  return (entry instanceof TextTailRecord ? entry.textBytes : entry.bytes + (entry.json?.length ?? 0)) + entry.table.length;
}
