import { tableOfCategory } from './decodeMessage';
import { MESSAGE_SCAN_WASM } from './messageScan.wasm.generated';

/** One record found by `scanMessage`: its table and where its JSON is in the body. */
export interface ScannedRecord {
  readonly table: string;
  readonly known: boolean;
  /** The record's JSON is `body[start, end)`. */
  readonly start: number;
  readonly end: number;
  /** Whether those bytes are all ASCII (then Latin-1 decoding gives the same text as UTF-8, faster). */
  readonly ascii: boolean;
}

export interface ScanResult {
  readonly records: ScannedRecord[];
  /** Size of the body in bytes. */
  readonly bytes: number;
}

/**
 * The fast path of decoding: checks that `body` is strict JSON of the streaming form `{"records": [{...},
 * ...]}` and finds each record's table and bytes, without building a single JSON value (the scanner is
 * WebAssembly with SIMD: wasm/messageScan.ts). Answers `undefined` for anything it does not prove exactly
 * (invalid JSON, another shape, escaped top-level keys, nesting beyond the record depth limit, or no
 * WebAssembly here): the caller then uses `decodeMessage`, which handles and words every case. When it
 * answers, the result is what `decodeMessage` would give, and `JSON.parse` of a record's text cannot throw.
 */
export function scanMessage(body: Uint8Array): ScanResult | undefined {
  const length = body.byteLength;
  if (length === 0) return undefined;
  const scanner = load();
  if (scanner === undefined) return undefined;
  const at = scanner.prepare(length);
  if (at === 0) return undefined; // no memory for a body this large
  if (scanner.heap.buffer !== scanner.memory.buffer) views(scanner); // the memory grew
  scanner.heap.set(body, at);
  const count = scanner.scan(length);
  if (count < 0) return undefined;
  const out = scanner.ints;
  const first = scanner.results() >> 2;
  const buffer = asBuffer(body);
  const records: ScannedRecord[] = new Array(count);
  for (let r = 0, o = first; r < count; r++, o += RESULT_INTS) {
    const flags = out[o + 4];
    const ascii = (flags & NON_ASCII) === 0;
    let category: string | undefined;
    if (flags & CATEGORY_STRING) category = buffer.toString(ascii ? 'latin1' : 'utf8', out[o + 2], out[o + 3]);
    else if (flags & CATEGORY_ESCAPED) category = JSON.parse(`"${buffer.toString('utf8', out[o + 2], out[o + 3])}"`) as string;
    const { table, known } = category === undefined ? NO_CATEGORY : tableOf(category);
    records[r] = { table, known, start: out[o], end: out[o + 1], ascii };
  }
  return { records, bytes: length };
}

/** The JSON text of a scanned record (a copy: it does not keep the body alive). */
export function scannedRecordText(body: Uint8Array, record: ScannedRecord): string {
  return asBuffer(body).toString(record.ascii ? 'latin1' : 'utf8', record.start, record.end);
}

/** Whether the WebAssembly scanner loads here (it needs SIMD); without it every body takes the slow path. */
export function scannerAvailable(): boolean {
  return load() !== undefined;
}

// ---- the WebAssembly module ---------------------------------------------------------------------

const RESULT_INTS = 5;
// Record flags (wasm/messageScan.ts).
const CATEGORY_STRING = 1;
const CATEGORY_ESCAPED = 2;
const NON_ASCII = 8;

interface Scanner {
  readonly memory: WebAssembly.Memory;
  readonly prepare: (length: number) => number;
  readonly scan: (length: number) => number;
  readonly results: () => number;
  heap: Uint8Array;
  ints: Int32Array;
}

function views(s: Scanner): void {
  s.heap = new Uint8Array(s.memory.buffer);
  s.ints = new Int32Array(s.memory.buffer);
}

let scanner: Scanner | null | undefined;

function load(): Scanner | undefined {
  if (scanner === undefined) {
    try {
      const module = new WebAssembly.Module(Buffer.from(MESSAGE_SCAN_WASM, 'base64'));
      const exports = new WebAssembly.Instance(module, {
        env: {
          abort: () => {
            throw new Error('The message scanner aborted.');
          },
        },
      }).exports as unknown as Omit<Scanner, 'heap' | 'ints'>;
      const loaded: Scanner = { memory: exports.memory, prepare: exports.prepare, scan: exports.scan, results: exports.results, heap: new Uint8Array(0), ints: new Int32Array(0) };
      views(loaded);
      scanner = loaded;
    } catch {
      scanner = null; // e.g. WebAssembly without SIMD: decodeMessage does everything
    }
  }
  return scanner ?? undefined;
}

function asBuffer(body: Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

// ---- categories ---------------------------------------------------------------------------------

const NO_CATEGORY = tableOfCategory(undefined);
/** Category → table, for the categories seen (bounded: categories are attacker-influenced). */
const tables = new Map<string, { readonly table: string; readonly known: boolean }>();
const MAX_CACHED = 512;

function tableOf(category: string): { readonly table: string; readonly known: boolean } {
  let found = tables.get(category);
  if (found === undefined) {
    found = tableOfCategory(category);
    if (tables.size < MAX_CACHED) tables.set(category, found);
  }
  return found;
}
