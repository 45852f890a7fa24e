import type { HuntingColumn, HuntingResult } from './runHuntingQuery';

/** A cell as text: strings as they are, null/undefined empty, everything else as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A string that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading
 * apostrophe; numbers stay as they are.
 */
export function csvField(value: unknown): string {
  let text = cellText(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The columns to show: the response schema's, plus any a row carries that the schema lacks. */
export function resultColumns(result: HuntingResult): HuntingColumn[] {
  const columns = [...result.schema];
  const known = new Set(columns.map((c) => c.name));
  for (const row of result.results.slice(0, 1000))
    for (const name of Object.keys(row))
      if (!known.has(name)) {
        known.add(name);
        columns.push({ name, type: 'unknown' });
      }
  return columns;
}

/** CSV with a header row, CRLF line ends. */
export function resultCsv(result: HuntingResult): string {
  const columns = resultColumns(result);
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  for (const row of result.results) lines.push(columns.map((c) => csvField(row[c.name])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A readable table for a terminal: columns padded, cells cut at `maxWidth` characters, one line per row. */
export function resultTable(result: HuntingResult, clean: (text: string) => string, maxWidth = 40): string {
  const columns = resultColumns(result);
  if (columns.length === 0) return '(no columns)\n';
  const cut = (text: string): string => {
    const one = clean(text);
    return one.length > maxWidth ? `${one.slice(0, maxWidth - 1)}…` : one;
  };
  const rows = result.results.map((row) => columns.map((c) => cut(cellText(row[c.name]))));
  const header = columns.map((c) => cut(c.name));
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i].length), h.length));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
