/**
 * A record's JSON text read into a tree whose scalars keep their text exactly as received (a parse
 * would turn 1e999 into null and round integers above 2^53), bounded: containers deeper than
 * `maxDepth` are kept as their text (`raw`), and more than `maxNodes` values gives up. Pure: no DOM.
 */

export type JsonNode =
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<{ readonly key: string; readonly value: JsonNode }> }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string' | 'number' | 'boolean' | 'null'; readonly raw: string }
  /** A container beyond the depth limit: its text as received. */
  | { readonly kind: 'raw'; readonly raw: string };

export interface JsonTreeLimits {
  /** Containers at this depth (the root is 0) and deeper are kept as text. */
  readonly maxDepth: number;
  /** Most values read; a record with more gives `undefined`. */
  readonly maxNodes: number;
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

class NotJson extends Error {}

/** The tree of `text`, or `undefined` when it is not one JSON value or has more values than allowed. */
export function parseJsonTree(text: string, limits: JsonTreeLimits): JsonNode | undefined {
  let i = 0;
  let nodes = 0;
  const n = text.length;
  const space = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const fail = (): never => {
    throw new NotJson();
  };
  const readString = (): string => {
    const end = stringEnd(text, i);
    if (end < 0) fail();
    const raw = text.slice(i, end);
    i = end;
    return raw;
  };
  const value = (depth: number): JsonNode => {
    if (++nodes > limits.maxNodes) fail();
    space();
    const ch = text[i];
    if (ch === '"') return { kind: 'string', raw: readString() };
    if (ch === '{' || ch === '[') {
      if (depth >= limits.maxDepth) {
        const start = i;
        i = containerEnd(text, i);
        if (i < 0) fail();
        return { kind: 'raw', raw: text.slice(start, i) };
      }
      i++;
      space();
      if (ch === '{') {
        const entries: Array<{ key: string; value: JsonNode }> = [];
        if (text[i] === '}') {
          i++;
          return { kind: 'object', entries };
        }
        for (;;) {
          space();
          if (text[i] !== '"') fail();
          const key = readString();
          space();
          if (text[i++] !== ':') fail();
          entries.push({ key, value: value(depth + 1) });
          space();
          const next = text[i++];
          if (next === '}') return { kind: 'object', entries };
          if (next !== ',') fail();
        }
      }
      const items: JsonNode[] = [];
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(value(depth + 1));
        space();
        const next = text[i++];
        if (next === ']') return { kind: 'array', items };
        if (next !== ',') fail();
      }
    }
    const start = i;
    while (i < n && /[-+.0-9A-Za-z]/.test(text[i] as string)) i++;
    const raw = text.slice(start, i);
    if (raw === 'true' || raw === 'false') return { kind: 'boolean', raw };
    if (raw === 'null') return { kind: 'null', raw };
    if (NUMBER.test(raw)) return { kind: 'number', raw };
    return fail();
  };
  try {
    const root = value(0);
    space();
    return i === n ? root : undefined;
  } catch (e) {
    if (e instanceof NotJson || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** Where the string starting at `start` (a quote) ends (after its closing quote); -1 when it does not. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) i++;
    else if (c < 0x20) return -1;
  }
  return -1;
}

/** Where the object or array starting at `start` ends (after its closer), without recursion; -1 when it does not. */
function containerEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** A JSON string's text (escapes decoded); text whose escapes are not JSON's is shown without its quotes. */
export function stringValue(raw: string): string {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : raw;
  } catch {
    return raw.slice(1, -1);
  }
}

/** The member `name` of an object node (the last one when a key repeats, as JSON.parse does). */
export function member(node: JsonNode | undefined, name: string): JsonNode | undefined {
  if (node?.kind !== 'object') return undefined;
  let found: JsonNode | undefined;
  for (const e of node.entries) if ((e.key.includes('\\') ? stringValue(e.key) : e.key.slice(1, -1)) === name) found = e.value;
  return found;
}

/** How deep the objects and arrays of `text` nest (strings skipped); stops counting at `cap`. */
export function nestingDepth(text: string, cap = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return max;
      i = end - 1;
    } else if (ch === '{' || ch === '[') {
      depth++;
      if (depth > max) max = depth;
      if (max >= cap) return max;
    } else if (ch === '}' || ch === ']') depth--;
  }
  return max;
}
