import type { DefenderRecord } from '../core/decode/types';
import type { TailRecord } from './types';

/**
 * A tail entry that keeps its record as the JSON text it arrived as (checked by the scanner, so parsing
 * it cannot fail) and parses it only when `record` is read: the tail counts and filters by table without
 * building any record, and a buffer of text holds far fewer objects for the garbage collector.
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
    readonly json: string,
  ) {}

  /** A fresh parse on every read (not kept, so the buffer stays text). */
  get record(): DefenderRecord {
    return JSON.parse(this.json) as DefenderRecord;
  }
}
