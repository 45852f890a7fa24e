import type { DefenderRecord } from '../core/decode/types';
import type { ExportFormat } from './protocol';

/** One record per line, each line compact JSON, ending with a newline (the Storage-account form). */
export function formatNdjson(records: Iterable<DefenderRecord>): string {
  const lines: string[] = [];
  for (const r of records) lines.push(JSON.stringify(r));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** One Event Hubs message body as Defender sends it: `{"records": [...]}`. */
export function formatEventHubsBody(records: Iterable<DefenderRecord>): string {
  return `${JSON.stringify({ records: Array.from(records) })}\n`;
}

export function formatExport(format: ExportFormat, records: Iterable<DefenderRecord>): string {
  return format === 'ndjson' ? formatNdjson(records) : formatEventHubsBody(records);
}

/** Save-dialog defaults for a format. */
export function exportFileDefaults(format: ExportFormat, hubName: string, now: Date): { fileName: string; filters: Record<string, string[]> } {
  const safeHub = hubName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'tail';
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return format === 'ndjson'
    ? { fileName: `${safeHub}-${stamp}.defender.ndjson`, filters: { 'NDJSON': ['ndjson', 'jsonl'], 'All files': ['*'] } }
    : { fileName: `${safeHub}-${stamp}.defender.json`, filters: { 'JSON': ['json'], 'All files': ['*'] } };
}
