import { safeJsonText } from './summary';
import type { TailRecord } from './types';

/**
 * The record's JSON as it leaves the extension (export, Open in Editor, the page): the text as received
 * when the tail kept it, so no value changes (a parse would turn 1e999 into null and round integers above
 * 2^53); JSON.stringify only for a record that the tail holds parsed.
 */
export function recordText(entry: Pick<TailRecord, 'json' | 'record'>): string {
  return entry.json ?? JSON.stringify(entry.record);
}

/**
 * One record as an NDJSON line: the table, where it came from, and the record as received (its JSON text
 * when the tail kept it, without parsing it). Characters that could reorder or control a terminal or an
 * editor line are written as \uXXXX (the same JSON).
 */
export function recordNdjsonLine(entry: TailRecord): string {
  const head = JSON.stringify({
    table: entry.table,
    partitionId: entry.partitionId,
    sequenceNumber: entry.sequenceNumber,
    enqueuedTime: new Date(entry.enqueuedTime).toISOString(),
  });
  return safeJsonText(`${head.slice(0, -1)},"record":${recordText(entry)}}`);
}
