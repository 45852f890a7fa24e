import { tableOfCategory } from './decodeMessage';
import { MESSAGE_SCAN_WASM } from './messageScan.wasm.generated';

/**
 * The records of the last body scanned into it, as parallel arrays that are reused from body to body
 * (the tail's hot path allocates nothing per record). Entries past `count` are stale.
 */
export class ScannedRecords {
  count = 0;
  readonly table: string[] = [];
  readonly known: boolean[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
}

/**
 * The fast path of decoding: checks that `body` is strict JSON of the streaming form `{"records": [{...},
 * ...]}` and finds each record's table and bytes, without building a single JSON value (the scanner is
 * WebAssembly with SIMD: wasm/messageScan.ts). Answers false for anything it does not prove exactly
 * (invalid JSON, another shape, escaped top-level keys, nesting beyond the record depth limit, or no
 * WebAssembly here): the caller then uses `decodeMessage`, which handles and words every case. When it
 * answers true, `out` holds what `decodeMessage` would give, and `JSON.parse` of a record's text cannot
 * throw. Each record's share of the body is `body.byteLength / out.count`, as with `decodeMessage`.
 */
export function scanInto(body: Uint8Array, out: ScannedRecords): boolean {
  const length = body.byteLength;
  if (length === 0) return false;
  const scanner = load();
  if (scanner === undefined) return false;
  const results = scanner.prepare(length);
  if (results === 0) return false; // no memory for a body this large
  if (scanner.heap.byteLength === 0) views(scanner); // the memory grew, which detaches the old views
  const heap = scanner.heap;
  const at = scanner.input;
  heap.set(body, at);
  const count = scanner.scan(length);
  if (count < 0) return false;
  const ints = scanner.ints;
  for (let r = 0, o = results >> 2; r < count; r++, o += RESULT_INTS) {
    const flags = ints[o + 4];
    let found: TableOf = NO_CATEGORY;
    if (flags & CATEGORY_STRING) found = categoryTable(heap, at + ints[o + 2], at + ints[o + 3], ints[o + 5]);
    else if (flags & CATEGORY_ESCAPED) found = tableOfCategory(JSON.parse(`"${utf8(heap, at + ints[o + 2], at + ints[o + 3])}"`));
    out.table[r] = found.table;
    out.known[r] = found.known;
    out.start[r] = ints[o];
    out.end[r] = ints[o + 1];
  }
  out.count = count;
  return true;
}

// ---- the WebAssembly module ---------------------------------------------------------------------

const RESULT_INTS = 6;
// Record flags (wasm/messageScan.ts).
const CATEGORY_STRING = 1;
const CATEGORY_ESCAPED = 2;

interface Scanner {
  readonly memory: WebAssembly.Memory;
  readonly prepare: (length: number) => number;
  readonly scan: (length: number) => number;
  /** Where bodies are copied. */
  readonly input: number;
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
      }).exports as unknown as Pick<Scanner, 'memory' | 'prepare' | 'scan'> & { input: () => number };
      const loaded: Scanner = {
        memory: exports.memory,
        prepare: exports.prepare,
        scan: exports.scan,
        input: exports.input(),
        heap: new Uint8Array(0),
        ints: new Int32Array(0),
      };
      views(loaded);
      scanner = loaded;
    } catch {
      scanner = null; // e.g. WebAssembly without SIMD: decodeMessage does everything
    }
  }
  return scanner ?? undefined;
}

// ---- categories ---------------------------------------------------------------------------------

interface TableOf {
  readonly table: string;
  readonly known: boolean;
}

interface SeenCategory extends TableOf {
  readonly bytes: Uint8Array;
}

const NO_CATEGORY: TableOf = tableOfCategory(undefined);
/** Categories seen, by the scanner's hash of their bytes (bounded: categories are attacker-influenced). */
const seen = new Map<number, SeenCategory>();
const MAX_SEEN = 512;

/** The table of the category in `heap[start, end)`: looked up by hash and compared byte for byte. */
function categoryTable(heap: Uint8Array, start: number, end: number, hash: number): TableOf {
  const known = seen.get(hash);
  if (known !== undefined && sameBytes(known.bytes, heap, start, end)) return known;
  const bytes = heap.slice(start, end);
  const found = tableOfCategory(utf8(bytes, 0, bytes.length));
  if (known === undefined && seen.size < MAX_SEEN) seen.set(hash, { ...found, bytes });
  return found;
}

function utf8(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
}

function sameBytes(a: Uint8Array, heap: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== heap[start + i]) return false;
  return true;
}
