import { safeJsonText } from './summary';
import type { TailRecord } from './types';

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
  return safeJsonText(`${head.slice(0, -1)},"record":${entry.json ?? JSON.stringify(entry.record)}}`);
}
