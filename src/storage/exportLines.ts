import { decodeMessage } from '../core/decode/decodeMessage';
import { containerOfTable } from './layout';

/** One record as Defender's Storage export writes it: a line of its table's container and its tenant's hour blob. */
export interface ExportLine {
  readonly container: string;
  readonly tenantId: string;
  /** The record's JSON and a line break. */
  readonly line: string;
}

/**
 * The records of an Event Hubs message body (`{"records": [...]}`) as the Storage export holds them: one
 * line per record, in its table's container, under its `tenantId`. What is not a record of a table (a
 * malformed message, a record without a category) has no place there and is left out.
 */
export function exportLinesOf(body: unknown): ExportLine[] {
  const out: ExportLine[] = [];
  for (const r of decodeMessage(body).records) {
    if (r.table === '') continue;
    const tenant = typeof r.record.tenantId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(r.record.tenantId) ? r.record.tenantId : 'unknown';
    out.push({ container: containerOfTable(r.table), tenantId: tenant, line: JSON.stringify(r.record) + '\n' });
  }
  return out;
}
