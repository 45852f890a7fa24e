import { getTableByCategory, CATEGORY_PREFIX } from '../catalog/schemaCatalog';
import { bytesPreview, printablePreview } from './preview';
import type { DecodeResult, DecodedRecord, DefenderRecord, Malformed, MalformedReason } from './types';

export type { DecodeResult, DecodedRecord, DefenderRecord, Malformed, MalformedReason } from './types';

/** What an Event Hubs event body can be: raw bytes, text, or the value the SDK already parsed. */
export type MessageBody = Uint8Array | string | unknown;

/**
 * Decodes one Event Hubs message body into Defender records. Accepts the streaming form
 * `{"records": [...]}`, a bare record and an array of records. Anything else becomes a `Malformed`
 * entry with a reason and a preview: this function never throws.
 */
export function decodeMessage(body: MessageBody): DecodeResult {
  let text: string | undefined;
  let bytes = 0;
  let parsed: unknown;
  if (body instanceof Uint8Array) {
    bytes = body.byteLength;
    if (bytes === 0) return malformedOnly('empty', 'The message body is empty.', '', 0);
    text = Buffer.isBuffer(body) ? body.toString('utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
    const result = parseJson(text);
    if (!result.ok) return malformedOnly(result.reason, result.message, bytesPreview(body), bytes);
    parsed = result.value;
  } else if (typeof body === 'string') {
    text = body;
    bytes = Buffer.byteLength(body, 'utf8');
    if (bytes === 0) return malformedOnly('empty', 'The message body is empty.', '', 0);
    const result = parseJson(text);
    if (!result.ok) return malformedOnly(result.reason, result.message, printablePreview(text), bytes);
    parsed = result.value;
  } else {
    if (body === undefined) return malformedOnly('empty', 'The message has no body.', '', 0);
    parsed = body;
    try {
      text = JSON.stringify(body) ?? '';
    } catch {
      text = String(body);
    }
    bytes = Buffer.byteLength(text, 'utf8');
  }
  return decodeParsed(parsed, bytes, () => printablePreview(text ?? ''));
}

/** Decodes an already-parsed body whose size is known. */
export function decodeParsed(parsed: unknown, bytes: number, preview: () => string): DecodeResult {
  if (Array.isArray(parsed)) return fromArray(parsed, bytes, preview, 'The message');
  if (parsed === null || typeof parsed !== 'object') {
    return malformedOnly('not-object', `The message is JSON ${parsed === null ? 'null' : typeof parsed}, not an object with "records".`, preview(), bytes);
  }
  const object = parsed as Record<string, unknown>;
  if ('records' in object) {
    const records = object.records;
    if (!Array.isArray(records)) {
      return malformedOnly('records-not-array', `"records" is ${describe(records)}, not an array.`, preview(), bytes);
    }
    return fromArray(records, bytes, preview, '"records"');
  }
  if (looksLikeRecord(object)) return { records: [toDecoded(object, bytes)], malformed: [], bytes };
  return malformedOnly('no-records', 'The message has no "records" array and is not a record (no "category" or "properties").', preview(), bytes);
}

function fromArray(items: unknown[], bytes: number, preview: () => string, where: string): DecodeResult {
  const share = items.length > 0 ? bytes / items.length : 0;
  const records: DecodedRecord[] = [];
  let bad: number[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) records.push(toDecoded(item as DefenderRecord, share));
    else (bad ??= []).push(i);
  }
  if (!bad) return { records, malformed: [], bytes };
  const first = bad[0];
  const message = `${where} ${bad.length === 1 ? 'has an element' : `has ${bad.length} elements`} that ${bad.length === 1 ? 'is' : 'are'} not an object (index ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''}; the first is ${describe(items[first])}).`;
  return { records, malformed: [{ reason: 'record-not-object', message, preview: preview(), bytes: share * bad.length }], bytes };
}

function toDecoded(record: DefenderRecord, bytes: number): DecodedRecord {
  const category = record.category;
  if (typeof category !== 'string' || category === '') return { table: '', known: false, record, bytes };
  const table = getTableByCategory(category);
  if (table) return { table: table.name, known: true, record, bytes };
  return { table: category.startsWith(CATEGORY_PREFIX) ? category.slice(CATEGORY_PREFIX.length) : category, known: false, record, bytes };
}

function looksLikeRecord(object: Record<string, unknown>): boolean {
  return typeof object.category === 'string' || (object.properties !== null && typeof object.properties === 'object');
}

type ParseOutcome = { ok: true; value: unknown } | { ok: false; reason: MalformedReason; message: string };

function parseJson(text: string): ParseOutcome {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, reason: 'too-deep', message: 'The message is nested too deeply to read.' };
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'not-json', message: `The message is not valid JSON (${detail}).` };
  }
}

function malformedOnly(reason: MalformedReason, message: string, preview: string, bytes: number): DecodeResult {
  const malformed: Malformed = { reason, message, preview, bytes };
  return { records: [], malformed: [malformed], bytes };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
