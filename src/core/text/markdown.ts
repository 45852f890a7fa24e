/**
 * Markdown text from untrusted values (table names come from streamed records): the characters that
 * Markdown could read as syntax mid-line (emphasis, links, HTML, code, tables, math) are backslash-escaped, line breaks and
 * control characters become spaces, and the length is capped.
 */
export function mdText(value: string, max = 120): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return short.replace(/[\\`*_{}[\]<>#!|&~$]/g, '\\$&');
}

/** A number with at most `digits` decimals and thousands separators (stable, locale-independent). */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '–';
  const fixed = value.toFixed(digits);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = fraction ? fraction.replace(/0+$/, '') : '';
  return trimmed ? `${grouped}.${trimmed}` : grouped;
}

/** A GitHub-flavoured Markdown table; cells must already be escaped. */
export function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: ReadonlyArray<'l' | 'r'>): string {
  const sep = header.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/**
 * An untrusted value as a code span: no emphasis, links, autolinks or HTML inside. Backticks become
 * a look-alike quote and `|` is escaped so the span can sit in a table cell.
 */
export function mdCode(value: string, max = 120): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  const safe = short.replace(/`/g, 'ʼ').replace(/\|/g, '\\|').trim();
  return safe === '' ? '(empty)' : `\`${safe}\``;
}
