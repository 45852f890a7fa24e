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

/** Most columns a CSV export has (a hostile stream could name any number): further columns are left out. */
export const MAX_CSV_COLUMNS = 1000;

/** A cell as RFC 4180 text: quoted when it holds a quote, comma or line break; a string that a spreadsheet would run as a formula gets a leading `'`. */
function csvCell(value: unknown): string {
  let text: string;
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One row per record, with a header: `time`, `category`, `tenantId`, then every properties column in the
 * order the records first name them (dynamic values as JSON); CRLF line ends (RFC 4180). Records kept as
 * text are parsed, so numbers take JavaScript's form (integers above 2^53 may round): NDJSON keeps them as sent.
 */
export function formatCsv(records: Iterable<ExportRecord>): string {
  const rows: DefenderRecord[] = [];
  const columns = new Map<string, true>();
  for (const r of records) {
    const record = typeof r === 'string' ? (JSON.parse(r) as DefenderRecord) : r;
    rows.push(record);
    const props = record.properties;
    if (props !== null && typeof props === 'object' && !Array.isArray(props))
      for (const key of Object.keys(props)) if (columns.size < MAX_CSV_COLUMNS && !columns.has(key)) columns.set(key, true);
  }
  const names = [...columns.keys()];
  const out: string[] = [['time', 'category', 'tenantId', ...names].map(csvCell).join(',')];
  for (const record of rows) {
    const props = (record.properties !== null && typeof record.properties === 'object' ? record.properties : {}) as Record<string, unknown>;
    const cells = [csvCell(record.time), csvCell(record.category), csvCell(record.tenantId)];
    for (const name of names) cells.push(csvCell(Object.prototype.hasOwnProperty.call(props, name) ? props[name] : undefined));
    out.push(cells.join(','));
  }
  return `${out.join('\r\n')}\r\n`;
}

export function formatExport(format: ExportFormat, records: Iterable<ExportRecord>): string {
  if (format === 'csv') return formatCsv(records);
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
  if (format === 'csv') return { fileName: `${safeHub}-${stamp}.csv`, filters: { CSV: ['csv'], 'All files': ['*'] } };
  return format === 'ndjson'
    ? { fileName: `${safeHub}-${stamp}.defender.ndjson`, filters: { NDJSON: ['ndjson', 'jsonl'], 'All files': ['*'] } }
    : { fileName: `${safeHub}-${stamp}.defender.json`, filters: { JSON: ['json'], 'All files': ['*'] } };
}
