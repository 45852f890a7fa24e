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
    } catch (error) {
      if (error instanceof RangeError) return malformedOnly('too-deep', 'The message is nested too deeply to read.', '', 0);
      return malformedOnly(
        'not-json',
        `The message body cannot be written as JSON (${printablePreview(error instanceof Error ? error.message : String(error), 120)}).`,
        '',
        0,
      );
    }
    bytes = Buffer.byteLength(text, 'utf8');
  }
  return decodeParsed(parsed, bytes, () => printablePreview(text ?? ''), moreContainersThan(text, MAX_RECORD_DEPTH));
}

/**
 * Whether the JSON text holds more than `limit` opening brackets. When it does not, no value in it can
 * be nested deeper than `limit`, and the depth walk over every record is skipped (the common case:
 * real records have a handful of objects each).
 */
function moreContainersThan(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    let at = text.indexOf(bracket);
    while (at >= 0) {
      if (++count > limit) return true;
      at = text.indexOf(bracket, at + 1);
    }
  }
  return false;
}

/**
 * Decodes an already-parsed body whose size is known. `mayBeDeep: false` says the caller has proved
 * that no value is nested deeper than the limit (see moreContainersThan).
 */
export function decodeParsed(parsed: unknown, bytes: number, preview: () => string, mayBeDeep = true): DecodeResult {
  if (Array.isArray(parsed)) return fromArray(parsed, bytes, preview, 'The message', mayBeDeep);
  if (parsed === null || typeof parsed !== 'object') {
    return malformedOnly(
      'not-object',
      `The message is JSON ${parsed === null ? 'null' : typeof parsed}, not an object with "records".`,
      preview(),
      bytes,
    );
  }
  const object = parsed as Record<string, unknown>;
  if ('records' in object) {
    const records = object.records;
    if (!Array.isArray(records)) {
      return malformedOnly('records-not-array', `"records" is ${describe(records)}, not an array.`, preview(), bytes);
    }
    return fromArray(records, bytes, preview, '"records"', mayBeDeep);
  }
  if (looksLikeRecord(object)) {
    if (mayBeDeep && tooDeep(object, MAX_RECORD_DEPTH))
      return malformedOnly('too-deep', `The record is nested more than ${MAX_RECORD_DEPTH} levels deep.`, preview(), bytes);
    return { records: [toDecoded(object, bytes)], malformed: [], bytes, bareRecord: true };
  }
  return malformedOnly(
    'no-records',
    'The message has no "records" array and is not a record (no "category" or "properties").',
    preview(),
    bytes,
  );
}

function fromArray(items: unknown[], bytes: number, preview: () => string, where: string, mayBeDeep: boolean): DecodeResult {
  const share = items.length > 0 ? bytes / items.length : 0;
  const records: DecodedRecord[] = [];
  let notObjects: number[] | undefined;
  let deep: number[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) (notObjects ??= []).push(i);
    else if (mayBeDeep && tooDeep(item, MAX_RECORD_DEPTH)) (deep ??= []).push(i);
    else records.push(toDecoded(item as DefenderRecord, share));
  }
  if (!notObjects && !deep) return { records, malformed: [], bytes };
  const malformed: Malformed[] = [];
  if (notObjects) {
    const message = `${where} ${elements(notObjects)} not an object (${indexes(notObjects)}; the first is ${describe(items[notObjects[0]])}).`;
    malformed.push({ reason: 'record-not-object', message, preview: preview(), bytes: share * notObjects.length });
  }
  if (deep) {
    const message = `${where} ${elements(deep)} nested more than ${MAX_RECORD_DEPTH} levels deep (${indexes(deep)}).`;
    malformed.push({ reason: 'too-deep', message, preview: preview(), bytes: share * deep.length });
  }
  return { records, malformed, bytes };
}

function elements(list: number[]): string {
  return list.length === 1 ? 'has an element that is' : `has ${list.length} elements that are`;
}

function indexes(list: number[]): string {
  return `index ${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}`;
}

/**
 * Records deeper than this are refused: real Defender records are a handful of levels deep, and a
 * record nested thousands of levels deep would make `JSON.stringify` (filters, views, editors) throw.
 */
export const MAX_RECORD_DEPTH = 64;

/** Whether objects and arrays inside `value` nest more than `limit` levels (the value itself is level 1). */
function tooDeep(value: object, limit: number): boolean {
  if (limit <= 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (let i = 0; i < children.length; i++) {
    const child: unknown = children[i];
    if (child !== null && typeof child === 'object' && tooDeep(child, limit - 1)) return true;
  }
  return false;
}

function toDecoded(record: DefenderRecord, bytes: number): DecodedRecord {
  const { table, known } = tableOfCategory(record.category);
  return { table, known, record, bytes };
}

const NO_TABLE = { table: '', known: false } as const;

/** The table a record's `category` names: a streamed table, or the category without its prefix; "" when it is not a string. */
export function tableOfCategory(category: unknown): { readonly table: string; readonly known: boolean } {
  if (typeof category !== 'string' || category === '') return NO_TABLE;
  const table = getTableByCategory(category);
  if (table) return { table: table.name, known: true };
  return { table: category.startsWith(CATEGORY_PREFIX) ? category.slice(CATEGORY_PREFIX.length) : category, known: false };
}

function looksLikeRecord(object: Record<string, unknown>): boolean {
  return typeof object.category === 'string' || (object.properties !== null && typeof object.properties === 'object');
}

type ParseOutcome = { ok: true; value: unknown } | { ok: false; reason: MalformedReason; message: string };

function parseJson(text: string): ParseOutcome {
  try {
    // A UTF-8 byte order mark is not JSON, but some producers write one: skip it.
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, reason: 'too-deep', message: 'The message is nested too deeply to read.' };
    // The parser's message can quote the (untrusted) input: keep it short and printable.
    const detail = printablePreview(error instanceof Error ? error.message : String(error), 120);
    return { ok: false, reason: 'not-json', message: `The message is not valid JSON (${detail}).` };
  }
}

function malformedOnly(reason: MalformedReason, message: string, preview: string, bytes: number): DecodeResult {
  const malformed: Malformed = { reason, message, preview, bytes };
  return { records: [], malformed: [malformed], bytes };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
