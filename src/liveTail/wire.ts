import { redact } from '../core/connection/redact';
import type { DefenderRecord } from '../core/decode/types';
import { recordText } from '../tail/ndjson';
import type { TailEntry, TailState, TailStats } from '../tail/types';
import type { WireConnection, WireEntry, WireStats } from './shared/protocol';

/** One line describing a record of a table (e.g. DeviceName + ActionType + FileName). */
export type Summarize = (table: string, record: DefenderRecord) => string;

function isoTime(value: unknown, fallbackMs: number): string {
  if (typeof value === 'string' && value !== '') return value;
  return Number.isFinite(fallbackMs) ? new Date(fallbackMs).toISOString() : '';
}

/** A tail entry as the page shows it. Strings stay untrusted: the page renders them as text. */
export function toWireEntry(entry: TailEntry, summarize: Summarize): WireEntry {
  if (entry.type === 'malformed') {
    return {
      id: entry.id,
      kind: 'malformed',
      time: isoTime(undefined, entry.enqueuedTime),
      table: '',
      known: false,
      summary: `${entry.reason}: ${entry.message}`,
      partition: entry.partitionId,
      seq: entry.sequenceNumber,
      json: entry.preview,
      reason: entry.reason,
    };
  }
  const record = entry.record; // parsed once here (a text entry parses on each read)
  let summary: string;
  try {
    summary = summarize(entry.table, record);
  } catch {
    summary = '';
  }
  return {
    id: entry.id,
    kind: 'record',
    time: isoTime(record.time, entry.enqueuedTime),
    table: entry.table,
    known: entry.known,
    ...(entry.other === true ? { other: true } : {}),
    summary,
    partition: entry.partitionId,
    seq: entry.sequenceNumber,
    json: recordText(entry),
  };
}

export function toWireStats(stats: TailStats): WireStats {
  return {
    receivedRecords: stats.receivedRecords,
    receivedEvents: stats.receivedEvents,
    malformed: stats.malformed,
    dropped: stats.dropped,
    rate: stats.rate,
    tables: stats.tables.map((t) => ({ table: t.table, known: t.known, records: t.records, rate: t.rate })),
    ...(stats.other ? { other: { records: stats.other.records, rate: stats.other.rate } } : {}),
  };
}

export function toWireConnection(state: TailState): WireConnection {
  switch (state.kind) {
    case 'reconnecting':
      return { kind: 'reconnecting', lastError: redact(state.lastError) };
    case 'failed':
      return { kind: 'failed', error: redact(state.error) };
    default:
      return { kind: state.kind };
  }
}
