import { safeJsonLine } from './summary';
import type { TailRecord } from './types';

/**
 * One record as an NDJSON line: the table, where it came from, and the record as received. Characters
 * that could reorder or control a terminal or an editor line are written as \uXXXX (the same JSON).
 */
export function recordNdjsonLine(entry: TailRecord): string {
  return safeJsonLine({
    table: entry.table,
    partitionId: entry.partitionId,
    sequenceNumber: entry.sequenceNumber,
    enqueuedTime: new Date(entry.enqueuedTime).toISOString(),
    record: entry.record,
  });
}
