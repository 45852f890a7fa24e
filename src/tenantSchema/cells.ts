import { GetschemaError } from './errors';
import { SCHEMA_LIMITS } from './limits';

/** One value of a row, with where it starts (1-based line and column). */
export interface Cell {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** One row of cells; `line` is where it starts. */
export interface CellRow {
  readonly line: number;
  readonly cells: readonly Cell[];
}

function tooManyRows(line: number): GetschemaError {
  return new GetschemaError(`more than ${SCHEMA_LIMITS.maxRows.toLocaleString('en-US')} rows: that is not getschema output.`, line);
}

/**
 * RFC 4180 CSV (the portal's export): quoted fields with `""` escapes and line breaks inside, CRLF or LF,
 * blank lines skipped. One pass over the text; cells are trimmed.
 */
export function csvRows(text: string): CellRow[] {
  const rows: CellRow[] = [];
  let cells: Cell[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  let rowLine = 1;
  const endRow = (): void => {
    if (!(cells.length === 1 && cells[0].text === '')) {
      if (rows.length >= SCHEMA_LIMITS.maxRows + 1) throw tooManyRows(rowLine);
      rows.push({ line: rowLine, cells });
    }
    cells = [];
  };
  while (i <= n) {
    // At the start of a field.
    if (cells.length === 0) rowLine = line;
    const fieldLine = line;
    const fieldColumn = i - lineStart + 1;
    let value: string;
    let p = i;
    while (p < n && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    if (p < n && text.charCodeAt(p) === 34) {
      // Quoted field.
      const parts: string[] = [];
      let from = p + 1;
      let q = from;
      for (;;) {
        if (q >= n) throw new GetschemaError('a quoted value is not closed (a " is missing).', fieldLine, fieldColumn);
        const c = text.charCodeAt(q);
        if (c === 34) {
          if (text.charCodeAt(q + 1) === 34) {
            parts.push(text.slice(from, q + 1));
            q += 2;
            from = q;
            continue;
          }
          parts.push(text.slice(from, q));
          q++;
          break;
        }
        if (c === 10) {
          line++;
          lineStart = q + 1;
        }
        q++;
      }
      value = parts.join('');
      while (q < n && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9 || text.charCodeAt(q) === 13)) q++;
      if (q < n && text.charCodeAt(q) !== 44 && text.charCodeAt(q) !== 10)
        throw new GetschemaError('unexpected text after a quoted value (a "," is missing?).', line, q - lineStart + 1);
      i = q;
    } else {
      let q = i;
      while (q < n && text.charCodeAt(q) !== 44 && text.charCodeAt(q) !== 10) q++;
      value = text.slice(i, q);
      i = q;
    }
    cells.push({ text: value.trim(), line: fieldLine, column: fieldColumn });
    if (i >= n) {
      endRow();
      break;
    }
    if (text.charCodeAt(i) === 44) {
      i++;
      continue;
    }
    // A line feed ends the row.
    i++;
    line++;
    lineStart = i;
    endRow();
  }
  return rows;
}

/**
 * Text copied from a results grid: one row per line, values separated by tabs or runs of spaces (names
 * and types hold no spaces). Blank lines are skipped.
 */
export function gridRows(text: string): CellRow[] {
  const rows: CellRow[] = [];
  let line = 0;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    line++;
    const cells: Cell[] = [];
    const re = /[^\s]+/g;
    const content = text.slice(start, end);
    for (let m = re.exec(content); m; m = re.exec(content)) cells.push({ text: m[0], line, column: m.index + 1 });
    if (cells.length > 0) {
      if (rows.length >= SCHEMA_LIMITS.maxRows + 1) throw tooManyRows(line);
      rows.push({ line, cells });
    }
    start = end + 1;
  }
  return rows;
}
