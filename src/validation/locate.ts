// The ESM build: esbuild cannot bundle the UMD build's dynamic require('./impl/...').
import { parseTree, type Node } from 'jsonc-parser/lib/esm/main.js';
import { rangeOf, type OffsetMapper } from './positions';
import type { Finding, FindingFix, JsonPath, RawFinding } from './types';

interface Span {
  readonly offset: number;
  readonly length: number;
}

/** The span of the one JSON value in `text` (valid JSON): from its first to its last non-whitespace character. */
function rootSpan(text: string): Span {
  let start = 0;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  let end = text.length;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { offset: start, length: end - start };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}

/** Property values of the object nodes looked up so far, by key (the first of duplicate keys, like jsonc-parser). */
type KeyIndex = Map<Node, Map<string, Node>>;

/**
 * The node at `path` below `root`, like jsonc-parser's findNodeAtLocation, but an object's properties
 * are indexed on its first lookup: a record with thousands of unknown columns costs one pass over them,
 * not one pass per finding.
 */
function nodeAt(root: Node, path: JsonPath, index: KeyIndex): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of path) {
    if (typeof segment === 'string') {
      if (node.type !== 'object') return undefined;
      let keys = index.get(node);
      if (keys === undefined) {
        keys = new Map();
        for (const property of node.children ?? []) {
          const [key, value] = property.children ?? [];
          if (property.children?.length === 2 && typeof key.value === 'string' && !keys.has(key.value)) keys.set(key.value, value);
        }
        index.set(node, keys);
      }
      node = keys.get(segment);
    } else {
      node = node.type === 'array' ? node.children?.[segment] : undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * Turns path-located findings for `text` (one valid JSON value) into positioned findings. The
 * position tree is built only when a finding points below the root.
 */
export function locate(text: string, raws: readonly RawFinding[], map: OffsetMapper, out: Finding[]): void {
  let tree: Node | undefined;
  const index: KeyIndex = new Map();
  const root = rootSpan(text);
  for (const raw of raws) {
    let span: Span = root;
    if (raw.path.length > 0) {
      tree ??= parseTree(text, [], { disallowComments: true });
      const node = tree ? nodeAt(tree, raw.path, index) : undefined;
      if (node) {
        const key = raw.anchor === 'key' && node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
        span = key ?? node;
      }
    }
    const anchorSpan = raw.anchor === 'start' ? { offset: span.offset, length: Math.min(1, span.length) } : span;
    const range = rangeOf(map, anchorSpan.offset, anchorSpan.length);
    let fix: FindingFix | undefined;
    if (raw.fix?.kind === 'replace') {
      fix = { range: rangeOf(map, span.offset, span.length), newText: raw.fix.newText, title: raw.fix.title };
    } else if (raw.fix?.kind === 'wrap') {
      const body = text.slice(root.offset, root.offset + root.length);
      const newText = body.startsWith('[') ? `{"records": ${body}}` : `{"records": [${body}]}`;
      fix = { range: rangeOf(map, root.offset, root.length), newText, title: raw.fix.title };
    }
    out.push({ range, severity: raw.severity, code: raw.code, message: raw.message, ...(fix ? { fix } : {}) });
  }
}
