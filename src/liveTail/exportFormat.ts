import type { DefenderRecord } from '../core/decode/types';
import { safeJsonText } from '../tail/summary';
import type { ExportFormat } from './shared/protocol';

/**
 * A record to export: its JSON text as received (what the tail keeps: `recordText`), written as is, or a
 * record that only exists parsed, written with JSON.stringify.
 */
export type ExportRecord = string | DefenderRecord;

/**
 * One record as one line of JSON: text as received keeps every value exactly as written (1e999, integers
 * above 2^53, -0, 1.0, escapes); only line breaks between tokens become spaces and characters that could
 * reorder or control an editor line become \uXXXX escapes (`safeJsonText`: the same JSON).
 */
function line(record: ExportRecord): string {
  return safeJsonText(typeof record === 'string' ? record : JSON.stringify(record));
}

/** One record per line, each line one JSON record, ending with a newline (the Storage-account form). */
export function formatNdjson(records: Iterable<ExportRecord>): string {
  const lines: string[] = [];
  for (const r of records) lines.push(line(r));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** One Event Hubs message body as Defender sends it: `{"records": [...]}`. */
export function formatEventHubsBody(records: Iterable<ExportRecord>): string {
  const parts: string[] = [];
  for (const r of records) parts.push(line(r));
  return `{"records":[${parts.join(',')}]}\n`;
}

export function formatExport(format: ExportFormat, records: Iterable<ExportRecord>): string {
  return format === 'ndjson' ? formatNdjson(records) : formatEventHubsBody(records);
}

/** Save-dialog defaults for a format. */
export function exportFileDefaults(
  format: ExportFormat,
  hubName: string,
  now: Date,
): { fileName: string; filters: Record<string, string[]> } {
  const safeHub = hubName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'tail';
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return format === 'ndjson'
    ? { fileName: `${safeHub}-${stamp}.defender.ndjson`, filters: { NDJSON: ['ndjson', 'jsonl'], 'All files': ['*'] } }
    : { fileName: `${safeHub}-${stamp}.defender.json`, filters: { JSON: ['json'], 'All files': ['*'] } };
}
