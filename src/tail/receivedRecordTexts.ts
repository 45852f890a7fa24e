// The ESM build: esbuild cannot bundle the UMD build's dynamic require('./impl/...').
import { parseTree, type Node } from 'jsonc-parser/lib/esm/main.js';
import { MAX_NESTING_DEPTH, tooDeepAt } from '../core/decode/jsonDepth';

/**
 * The text of each record of a message body as received, for a body the tail had to parse (not the
 * scanner's strict `{"records": [...]}` form): so an export or Open in Editor of such a record keeps its
 * values too (`1e999`, integers above 2^53). `expected` is how many records `decodeMessage` found;
 * undefined when the records cannot be matched one to one (the caller then writes the parsed record).
 * Linear, and never deeper than the decoder accepts.
 */
export function receivedRecordTexts(text: string, expected: number): string[] | undefined {
  if (expected === 0 || tooDeepAt(text, MAX_NESTING_DEPTH) >= 0) return undefined;
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  if (!root) return undefined;
  let candidates: Node[] | undefined;
  if (root.type === 'array') candidates = root.children;
  else if (root.type === 'object') {
    // JSON.parse keeps the last of repeated keys, and so does the decoder.
    const records = root.children?.filter((p) => p.children?.[0]?.value === 'records').pop()?.children?.[1];
    candidates = records ? (records.type === 'array' ? records.children : undefined) : [root];
  }
  const objects = candidates?.filter((n) => n.type === 'object') ?? [];
  if (objects.length !== expected) return undefined;
  return objects.map((n) => text.slice(n.offset, n.offset + n.length));
}

/**
 * The text of a body that is one record by itself (`DecodeResult.bareRecord`: a line of the Storage export):
 * the body without the whitespace (and byte order mark) around it, no second parse needed.
 */
export function bareRecordText(text: string): string {
  return text.replace(/^[\ufeff\s]+/, '').trimEnd();
}
