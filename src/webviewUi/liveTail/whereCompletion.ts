/**
 * Completion of column names in the where box: the name being typed at the caret, the names that
 * fit it, and the text with one of them put in. Pure: no DOM.
 */

/** The envelope fields a where expression reads by their bare names (src/core/filter/where/parser.ts). */
const ENVELOPE = ['time', 'category', 'tenantId'];
const IDENT_PART = /[A-Za-z0-9_]/;

/** The name under the caret: where it starts and what is typed of it; `undefined` inside a string literal or a number. */
export function completionAt(text: string, caret: number): { readonly start: number; readonly prefix: string } | undefined {
  const at = Math.max(0, Math.min(caret, text.length));
  let start = at;
  while (start > 0 && IDENT_PART.test(text[start - 1] as string)) start--;
  const prefix = text.slice(start, at);
  if (/^[0-9]/.test(prefix)) return undefined;
  if (start > 0 && text[start - 1] === '.') {
    // `properties.Name` names a column; a key into a dynamic value (`AdditionalFields.Key`) is not completed.
    if (!/(^|[^A-Za-z0-9_.])properties$/.test(text.slice(0, start - 1))) return undefined;
  }
  if (insideString(text, start)) return undefined;
  return { start, prefix };
}

/** Whether `index` falls inside a '...' or "..." literal (with backslash escapes). */
function insideString(text: string, index: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < index; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
  }
  return quote !== undefined;
}

/** The names that fit what is typed: those starting with it first, then those containing it (case-insensitive); the name typed in full is left out. */
export function completeNames(names: readonly string[], prefix: string, max = 12): string[] {
  const typed = prefix.toLowerCase();
  const starts: string[] = [];
  const contains: string[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (name === prefix) continue;
    if (lower.startsWith(typed)) starts.push(name);
    else if (typed !== '' && lower.includes(typed)) contains.push(name);
  }
  return [...starts, ...contains].slice(0, max);
}

/** The text with the name at the caret (the whole of it, also what follows the caret) replaced by `name`, and the caret after it. */
export function applyCompletion(
  text: string,
  start: number,
  caret: number,
  name: string,
): { readonly text: string; readonly caret: number } {
  let end = Math.max(start, Math.min(caret, text.length));
  while (end < text.length && IDENT_PART.test(text[end] as string)) end++;
  return { text: text.slice(0, start) + name + text.slice(end), caret: start + name.length };
}

/**
 * The names to offer: the columns of the tables in view (those the table filter shows; without a
 * table filter, the tables that arrived, or every table the host listed when none has), and the
 * envelope fields; sorted, each once.
 */
export function namesInView(
  tableColumns: Readonly<Record<string, readonly string[]>>,
  filterTables: readonly string[],
  arrivedTables: readonly string[],
): string[] {
  const tables = filterTables.length > 0 ? filterTables : arrivedTables.length > 0 ? arrivedTables : Object.keys(tableColumns);
  const names = new Set<string>(ENVELOPE);
  for (const table of tables) {
    const columns = Object.prototype.hasOwnProperty.call(tableColumns, table) ? tableColumns[table] : undefined;
    if (Array.isArray(columns)) for (const c of columns) if (typeof c === 'string') names.add(c);
  }
  return [...names].sort((a, b) => a.localeCompare(b, 'en'));
}
