/**
 * A record's JSON in the detail pane, coloured and foldable: spans (keys, strings, numbers, booleans,
 * null) made with createElement/textContent from `parseJsonTree`, laid out exactly as `prettyRecord`
 * writes it (the pane's text is the same), each object and array with a fold toggle. Bounded: a
 * record too large or with too many values is shown as plain text, containers nested deeper than
 * the depth limit as their text as received.
 */
import { el } from './dom';
import { prettyRecord } from './format';
import { nestingDepth, parseJsonTree, type JsonNode } from './jsonTree';

/** Containers this deep (the record is 0) are shown as plain text. */
export const MAX_TREE_DEPTH = 20;
/** Most values coloured; a record with more is shown as plain text. */
export const MAX_TREE_NODES = 20_000;
/** Longest JSON coloured (characters). */
export const MAX_TREE_CHARS = 2 * 1024 * 1024;

const STEP = '  ';

/** Fills `container` with the JSON as a coloured, foldable tree; `false` (and nothing added) when it is shown as plain text instead. */
export function renderJsonTree(container: HTMLElement, json: string): boolean {
  if (json.length > MAX_TREE_CHARS) return false;
  const tree = parseJsonTree(json, { maxDepth: MAX_TREE_DEPTH, maxNodes: MAX_TREE_NODES });
  if (!tree) return false;
  const root = el('span', 'json-tree');
  write(root, tree, '');
  container.append(root);
  return true;
}

/** Nesting deeper than this is shown as received, not re-indented (each level would add a line's indent to every line). */
export const MAX_PLAIN_DEPTH = 64;

/** The JSON as plain text: re-indented, unless it nests too deep for that. */
export function plainJson(json: string): string {
  return nestingDepth(json, MAX_PLAIN_DEPTH + 1) > MAX_PLAIN_DEPTH ? json : prettyRecord(json);
}

/** Folds or unfolds the container of a toggle. */
export function toggleFold(toggle: HTMLElement): void {
  const fold = toggle.parentElement;
  const children = fold?.querySelector<HTMLElement>(':scope > .json-children');
  if (!fold || !children) return;
  const open = children.hidden;
  children.hidden = !open;
  fold.classList.toggle('folded', !open);
  toggle.setAttribute('aria-expanded', String(open));
}

const SCALAR_CLASS = { string: 'json-string', number: 'json-number', boolean: 'json-boolean', null: 'json-null' } as const;

function write(parent: HTMLElement, node: JsonNode, indent: string): void {
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      parent.append(el('span', SCALAR_CLASS[node.kind], node.raw));
      return;
    case 'raw':
      // Beyond the depth limit: the rest as received, plain text (re-indenting it could make it huge).
      parent.append(el('span', 'json-plain', node.raw));
      return;
    case 'object':
    case 'array': {
      const isObject = node.kind === 'object';
      const count = isObject ? node.entries.length : node.items.length;
      const [open, close] = isObject ? ['{', '}'] : ['[', ']'];
      if (count === 0) {
        parent.append(`${open}${close}`);
        return;
      }
      const what = isObject ? `${count} ${count === 1 ? 'key' : 'keys'}` : `${count} ${count === 1 ? 'item' : 'items'}`;
      const fold = el('span', 'json-fold');
      const toggle = el('span', 'json-toggle');
      toggle.setAttribute('role', 'button');
      toggle.tabIndex = 0;
      toggle.setAttribute('aria-expanded', 'true');
      toggle.setAttribute('aria-label', `Fold ${isObject ? 'object' : 'array'} (${what})`);
      const children = el('span', 'json-children');
      const inner = indent + STEP;
      for (let i = 0; i < count; i++) {
        children.append(`\n${inner}`);
        if (isObject) {
          const entry = node.entries[i] as { key: string; value: JsonNode };
          children.append(el('span', 'json-key', entry.key), ': ');
          write(children, entry.value, inner);
        } else write(children, node.items[i] as JsonNode, inner);
        if (i < count - 1) children.append(',');
      }
      children.append(`\n${indent}`);
      const more = el('span', 'json-more');
      more.dataset.more = ` ${what} `;
      fold.append(toggle, open, children, more, close);
      parent.append(fold);
      return;
    }
  }
}
