// AssemblyScript (compiled by `npm run build:wasm` into src/core/decode/messageScan.wasm.generated.ts).
//
// Checks that a message body is one strict JSON value of the streaming form {"records": [{...}, ...]}
// and finds, without building any value, where each record starts and ends and where its top-level
// "category" string is. It answers "fast" (>= 0 records) only when the answer is exactly what
// JSON.parse would give; anything else (invalid JSON, another shape, escaped keys that could spell
// "records" or "category", a record nested too deeply, a repeated "records") answers -1 and the caller
// decodes the message the slow way, which also words the error.
//
// Memory: the caller calls `prepare(length)` (which answers where the results will be), copies the body
// to `input()`, and calls `scan(length)`. The body is followed by zero bytes (a zero byte is invalid
// everywhere in JSON, so every loop stops at the end without bounds checks). Results are 6 i32 per
// record where `prepare` said:
// record start, record end (exclusive), category start, category end, flags, and a hash (FNV-1a) of
// the category's bytes, with which the caller finds the table of a category it has seen without
// decoding it again.

const SPACE: u8 = 0x20;
const TAB: u8 = 0x09;
const LF: u8 = 0x0a;
const CR: u8 = 0x0d;
const QUOTE: u8 = 0x22;
const BACKSLASH: u8 = 0x5c;

/** Containers deeper than this answer -1: the top object (1), "records" (2), a record (3) and 64 levels in it. */
const MAX_DEPTH: i32 = 66;
const PADDING: i32 = 32;
const RESULT_INTS: i32 = 6;

// Kinds of open containers on the stack.
const OBJECT: u8 = 1;
const ARRAY: u8 = 2;
const RECORDS: u8 = 3; // the "records" array of the top object
const RECORD: u8 = 4; // an element of "records"

/** Flags of a record. */
export const CATEGORY_STRING: i32 = 1; // "category" is a string without escapes
export const CATEGORY_ESCAPED: i32 = 2; // "category" is a string with escapes (the caller unescapes it)
export const CATEGORY_OTHER: i32 = 4; // "category" is present but not a string

let inputPtr: usize = 0;
let maxRecords: i32 = 0;
let resultsPtr: usize = 0;
/** The kinds of the open containers (static data: the input starts at the heap base). */
const stack: usize = memory.data(MAX_DEPTH + 2);

/** Where the caller copies a body (fixed: static data ends before it). */
export function input(): usize {
  return (__heap_base + 15) & ~15;
}

/**
 * Makes room for a body of `length` bytes and its results, and zeroes the padding after it; returns
 * where the results will be (0 when memory cannot grow that far). The caller then copies the body to
 * `input()`.
 */
export function prepare(length: i32): usize {
  if (length >= INDEX_MASK) return 0;
  const base = input();
  inputPtr = base;
  resultsPtr = (base + <usize>length + <usize>PADDING + 15) & ~15;
  // Room for one record per 64 bytes (real records are hundreds of bytes): a body of more, smaller
  // records answers -1, so a large body never grows the memory far beyond its own size.
  maxRecords = (length >> 6) + 16;
  const end = resultsPtr + <usize>(maxRecords * RESULT_INTS * 4);
  const have = <usize>memory.size() << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) return 0;
  }
  memory.fill(base + <usize>length, 0, PADDING);
  return resultsPtr;
}

// @ts-ignore: decorator
@inline function at(i: i32): u8 {
  return load<u8>(inputPtr + <usize>i);
}

// @ts-ignore: decorator
@inline function isSpace(c: u8): bool {
  return c <= SPACE && (c == SPACE || c == LF || c == CR || c == TAB);
}

// @ts-ignore: decorator
@inline function isDigit(c: u8): bool {
  return <u32>(c - 0x30) < 10;
}

// @ts-ignore: decorator
@inline function isHex(c: u8): bool {
  return <u32>(c - 0x30) < 10 || <u32>((c | 0x20) - 0x61) < 6;
}

let stringEscaped = false;
/** Whether the top object's "records" key was read (a second one answers -1: JSON.parse keeps the last). */
let sawRecords = false;
/** keyThenColon answers an index below 2^29 with the role of the value after it in the bits above. */
const ROLE_SHIFT: i32 = 29;
const INDEX_MASK: i32 = (1 << ROLE_SHIFT) - 1;

/**
 * `i` is just past an opening quote; returns the index of the closing quote, or -1. Looks at 16 bytes at
 * a time for a quote, a backslash or a control character (the padding after the body is zeros, which
 * stop it).
 */
// @ts-ignore: decorator
@inline function stringEnd(i: i32): i32 {
  stringEscaped = false;
  const quote = i8x16.splat(QUOTE);
  const backslash = i8x16.splat(BACKSLASH);
  const space = i8x16.splat(0x20);
  for (;;) {
    const v = v128.load(inputPtr + <usize>i);
    const special = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)), i8x16.lt_u(v, space)));
    if (special == 0) {
      i += 16;
      continue;
    }
    i += ctz<i32>(special);
    const c = at(i);
    if (c == QUOTE) return i;
    if (c != BACKSLASH) return -1; // a control character (or the end)
    stringEscaped = true;
    const e = at(i + 1);
    if (e == 0x75) {
      if (!isHex(at(i + 2)) || !isHex(at(i + 3)) || !isHex(at(i + 4)) || !isHex(at(i + 5))) return -1;
      i += 6;
    } else if (e == QUOTE || e == BACKSLASH || e == 0x2f || e == 0x62 || e == 0x66 || e == 0x6e || e == 0x72 || e == 0x74) {
      i += 2;
    } else {
      return -1;
    }
  }
  return -1; // not reached
}

/** A number, true, false or null starting at `i` (its first byte is `c`): returns the index after it, or -1. */
// @ts-ignore: decorator
@inline function scalarEnd(i: i32, c: u8): i32 {
  if (c == 0x74) return at(i + 1) == 0x72 && at(i + 2) == 0x75 && at(i + 3) == 0x65 ? i + 4 : -1;
  if (c == 0x66) return at(i + 1) == 0x61 && at(i + 2) == 0x6c && at(i + 3) == 0x73 && at(i + 4) == 0x65 ? i + 5 : -1;
  if (c == 0x6e) return at(i + 1) == 0x75 && at(i + 2) == 0x6c && at(i + 3) == 0x6c ? i + 4 : -1;
  if (c == 0x2d) c = at(++i);
  if (c == 0x30) c = at(++i);
  else if (c >= 0x31 && c <= 0x39) {
    do c = at(++i);
    while (isDigit(c));
  } else return -1;
  if (c == 0x2e) {
    c = at(++i);
    if (!isDigit(c)) return -1;
    do c = at(++i);
    while (isDigit(c));
  }
  if (c == 0x65 || c == 0x45) {
    c = at(++i);
    if (c == 0x2b || c == 0x2d) c = at(++i);
    if (!isDigit(c)) return -1;
    do c = at(++i);
    while (isDigit(c));
  }
  return i;
}

function hash(start: i32, end: i32): i32 {
  let h: u32 = 0x811c9dc5;
  for (let k = start; k < end; k++) h = (h ^ <u32>at(k)) * 0x01000193;
  return <i32>h;
}

// The two keys that matter, as the little-endian u64 of their bytes: "records" plus the byte after it
// (the closing quote, always there), and "category".
const RECORDS_QUOTE: u64 = 0x22736472_6f636572; // r e c o r d s "
const CATEGORY: u64 = 0x79726f67_65746163; // c a t e g o r y

/** Whether the key in `[start, end)` is "records". */
// @ts-ignore: decorator
@inline function isRecordsKey(start: i32, end: i32): bool {
  return end - start == 7 && load<u64>(inputPtr + <usize>start) == RECORDS_QUOTE;
}

/** Whether the key in `[start, end)` is "category". */
// @ts-ignore: decorator
@inline function isCategoryKey(start: i32, end: i32): bool {
  return end - start == 8 && load<u64>(inputPtr + <usize>start) == CATEGORY;
}

/** Returns the number of records, or -1 when the body must be decoded the slow way. */
export function scan(length: i32): i32 {
  let i: i32 = 0;
  let sp: i32 = 0;
  let count: i32 = 0;
  sawRecords = false;
  let recordStart: i32 = 0;
  let categoryStart: i32 = 0;
  let categoryEnd: i32 = 0;
  let flags: i32 = 0;
  /** What the value about to be read is: 0 anything, 1 the value of "records", 2 the value of a record's "category". */
  let role: i32 = 0;
  let c: u8 = 0;
  /** Whether a key (and its colon) comes before the next value. */
  let expectKey = false;
  /** The kind of the innermost open container (0 when none). */
  let top: u8 = 0;
  for (;;) {
    // ---- a key ----
    if (expectKey) {
      while (isSpace((c = at(i)))) i++;
      if (c != QUOTE) return -1;
      const k = keyThenColon(i, sp, top);
      if (k < 0) return -1;
      role = <i32>(<u32>k >> ROLE_SHIFT);
      i = k & INDEX_MASK;
      expectKey = false;
    }
    // ---- a value ----
    while (isSpace((c = at(i)))) i++;
    if (role == 1 && c != 0x5b) return -1; // "records" that is not an array
    if (top == RECORDS && c != 0x7b) return -1; // an element of "records" that is not an object
    if (c == QUOTE) {
      const start = i + 1;
      const end = stringEnd(start);
      if (end < 0) return -1;
      if (role == 2) {
        categoryStart = start;
        categoryEnd = end;
        flags = (flags & ~(CATEGORY_STRING | CATEGORY_ESCAPED | CATEGORY_OTHER)) | (stringEscaped ? CATEGORY_ESCAPED : CATEGORY_STRING);
      }
      i = end + 1;
    } else if (c == 0x7b || c == 0x5b) {
      if (role == 2) flags = (flags & ~(CATEGORY_STRING | CATEGORY_ESCAPED)) | CATEGORY_OTHER;
      if (sp >= MAX_DEPTH) return -1;
      let kind: u8 = c == 0x7b ? OBJECT : ARRAY;
      if (role == 1) kind = RECORDS;
      else if (top == RECORDS) {
        kind = RECORD;
        recordStart = i;
        flags = 0;
      }
      store<u8>(stack + <usize>sp, kind);
      sp++;
      top = kind;
      role = 0;
      i++;
      while (isSpace((c = at(i)))) i++;
      if (c == (kind == ARRAY || kind == RECORDS ? 0x5d : 0x7d)) {
        // empty: closed below
      } else {
        expectKey = kind != ARRAY && kind != RECORDS; // the first key, or the first element
        continue;
      }
    } else {
      i = scalarEnd(i, c);
      if (i < 0) return -1;
      if (role == 2) flags = (flags & ~(CATEGORY_STRING | CATEGORY_ESCAPED)) | CATEGORY_OTHER;
    }
    role = 0;
    // ---- after a value: commas and closing brackets ----
    for (;;) {
      while (isSpace((c = at(i)))) i++;
      if (sp == 0) return i == length && sawRecords ? count : -1;
      const kind = top;
      const isArray = kind == ARRAY || kind == RECORDS;
      if (c == 0x2c) {
        i++;
        if (kind == OBJECT && sp > 1) {
          // The members of a plain object (no key in it has a role): "key": scalar pairs in a tight loop.
          let atContainer = false;
          for (;;) {
            while (isSpace((c = at(i)))) i++;
            if (c != QUOTE) return -1;
            let end = stringEnd(i + 1);
            if (end < 0) return -1;
            i = end + 1;
            while (isSpace((c = at(i)))) i++;
            if (c != 0x3a) return -1;
            i++;
            while (isSpace((c = at(i)))) i++;
            if (c == QUOTE) {
              end = stringEnd(i + 1);
              if (end < 0) return -1;
              i = end + 1;
            } else if (c == 0x7b || c == 0x5b) {
              atContainer = true; // read by the general loop
              break;
            } else {
              i = scalarEnd(i, c);
              if (i < 0) return -1;
            }
            while (isSpace((c = at(i)))) i++;
            if (c != 0x2c) break;
            i++;
          }
          if (atContainer) break;
          continue; // a closing brace, or an error
        }
        expectKey = !isArray; // the next key, or the next element
        break;
      }
      if (c != (isArray ? 0x5d : 0x7d)) return -1;
      i++;
      sp--;
      top = sp > 0 ? load<u8>(stack + <usize>(sp - 1)) : 0;
      if (kind == RECORD) {
        if (count == maxRecords) return -1;
        const out = resultsPtr + <usize>(count * RESULT_INTS * 4);
        store<i32>(out, recordStart);
        store<i32>(out, i, 4);
        store<i32>(out, categoryStart, 8);
        store<i32>(out, categoryEnd, 12);
        store<i32>(out, flags, 16);
        store<i32>(out, flags & CATEGORY_STRING ? hash(categoryStart, categoryEnd) : 0, 20);
        count++;
      }
    }
  }
  return -1; // not reached
}

/**
 * Reads a key (at its opening quote `i`) and the colon after it; returns the index after the colon, with
 * the role of the value that follows (1: the top object's "records", 2: a record's "category") in the
 * bits from ROLE_SHIFT; -1 when invalid, when a key of the top object or of a record has escapes (it
 * could spell either), or when "records" comes twice.
 */
// @ts-ignore: decorator
@inline function keyThenColon(i: i32, sp: i32, kind: u8): i32 {
  const start = i + 1;
  const end = stringEnd(start);
  if (end < 0) return -1;
  let role: i32 = 0;
  if (sp == 1) {
    if (stringEscaped) return -1;
    if (isRecordsKey(start, end)) {
      if (sawRecords) return -1;
      sawRecords = true;
      role = 1;
    }
  } else if (kind == RECORD) {
    if (stringEscaped) return -1;
    if (isCategoryKey(start, end)) role = 2;
  }
  i = end + 1;
  let c: u8;
  while (isSpace((c = at(i)))) i++;
  if (c != 0x3a) return -1;
  return (i + 1) | (role << ROLE_SHIFT);
}
