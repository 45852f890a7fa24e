import { formatNumber, mdCode, mdTable, mdText } from '../core/text/markdown';
import { hasDrift, type DriftReport, type TableDrift, type UnknownColumn } from './compareShapes';

export interface DriftMarkdownOptions {
  /** What was read, in words: "Live tail Contoso / hub", "samples/a.ndjson", "folder samples (12 files)". Escaped here. */
  readonly source: string;
  /** Further lines about the input (files skipped, sampling): our words, and a value from outside (a file name) shown as code. */
  readonly notes?: ReadonlyArray<{ readonly text: string; readonly value?: string }>;
  /** Most rows per list (default 200); the rest is counted. */
  readonly maxRows?: number;
  /** "Generated" time (default now). */
  readonly now?: Date;
}

const count = (n: number): string => formatNumber(n, 0);
const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

function kindsText(c: UnknownColumn): string {
  return c.kinds.map(([kind, n]) => `${kind} ${count(n)}`).join(', ');
}

function sample(text: string | undefined): string {
  return text === undefined ? '' : mdCode(text, 120);
}

/** A table of at most `max` rows, with a line counting the rest. */
function boundedTable(header: readonly string[], rows: string[][], max: number, align?: ReadonlyArray<'l' | 'r'>): string[] {
  const out = [mdTable(header, rows.slice(0, max), align)];
  if (rows.length > max) out.push('', `… and ${count(rows.length - max)} more.`);
  return out;
}

function schemaLine(report: DriftReport): string {
  const s = report.schema;
  if (s.kind === 'catalog') return "Schema: the extension's catalog of Advanced Hunting tables.";
  return `Schema: the tenant schema from ${mdCode(s.source ?? 'unknown source')}${
    s.updatedAt ? ` (updated ${mdCode(s.updatedAt, 40)})` : ''
  }, over the extension's catalog for the tables it does not hold.`;
}

function tableSection(t: TableDrift, max: number): string[] {
  // Outside a table a pipe needs no escape (it would show as a backslash and a pipe).
  const out: string[] = [`## ${mdCode(t.table, 200).replace(/\\\|/g, '|')}`, ''];
  const origin =
    t.origin === 'tenant'
      ? 'Columns from the tenant schema.'
      : t.origin === 'catalog'
        ? "Columns from the extension's catalog."
        : 'No schema knows this table.';
  const sampled = t.records < t.received ? ` (${count(t.records)} learned)` : '';
  const when = t.firstSeen && t.lastSeen ? `; record times from ${mdCode(t.firstSeen, 40)} to ${mdCode(t.lastSeen, 40)}` : '';
  out.push(`${plural(t.received, 'record')}${sampled}${when}. ${origin}`, '');
  if (t.columnsOverCap > 0)
    out.push(`${plural(t.columnsOverCap, 'value')} of columns beyond the learner's limit were counted but not kept.`, '');
  if (t.noProperties > 0) out.push(`${plural(t.noProperties, 'record')} had no \`properties\` object.`, '');
  if (t.origin === undefined) {
    out.push('### Columns seen', '');
    const rows = t.columnsSeen.map((c) => [mdCode(c.name, 200), count(c.count), mdText(kindsText(c)), sample(c.sample)]);
    out.push(...(rows.length > 0 ? boundedTable(['Column', 'Records', 'JSON types', 'Sample'], rows, max, ['l', 'r']) : ['None.']), '');
    return out;
  }
  out.push('### Columns the schema lacks', '');
  if (t.unknownColumns.length === 0) out.push('None.');
  else
    out.push(
      ...boundedTable(
        ['Column', 'Records', 'JSON types', 'Sample'],
        t.unknownColumns.map((c) => [mdCode(c.name, 200), count(c.count), mdText(kindsText(c)), sample(c.sample)]),
        max,
        ['l', 'r'],
      ),
    );
  out.push('', '### Schema columns never seen', '');
  if (t.unseenColumns.length === 0) out.push('None.');
  else
    out.push(
      ...boundedTable(
        ['Column', 'Type'],
        t.unseenColumns.map((c) => [mdCode(c.name, 200), mdCode(c.type, 40)]),
        max,
      ),
    );
  out.push('', '### Type conflicts', '');
  if (t.conflicts.length === 0) out.push('None.');
  else
    out.push(
      ...boundedTable(
        ['Column', 'Expected', 'Seen', 'Values', 'Sample'],
        t.conflicts.map((c) => [
          mdCode(c.name, 200),
          mdCode(String(c.expected), 40),
          mdText(c.seen.join(', ')),
          count(c.count),
          sample(c.sample),
        ]),
        max,
        ['l', 'l', 'l', 'r'],
      ),
    );
  out.push('');
  return out;
}

/**
 * The drift report as Markdown (for a live tail, a file or a folder): a summary table, then per table
 * the columns the schema lacks, the schema columns never seen and the type conflicts, with counts and
 * the schema each table was checked against. Every value from records or files is escaped (code spans
 * or backslashes: no HTML, links, images or table breaks).
 */
export function renderDriftMarkdown(report: DriftReport, options: DriftMarkdownOptions): string {
  const max = options.maxRows ?? 200;
  const received = report.tables.reduce((n, t) => n + t.received, 0);
  const learned = report.tables.reduce((n, t) => n + t.records, 0);
  const out: string[] = ['# Schema drift', ''];
  out.push(`Source: ${mdCode(options.source, 300)}. Generated ${(options.now ?? new Date()).toISOString()}.`, '');
  out.push(schemaLine(report), '');
  out.push(
    `${plural(received, 'record')} in ${plural(report.tables.length, 'table')}${learned < received ? ` (${count(learned)} learned)` : ''}.`,
    '',
  );
  for (const note of options.notes ?? [])
    out.push(`- ${mdText(note.text, 500)}${note.value !== undefined ? `: ${mdCode(note.value, 300)}` : ''}`);
  if (report.noCategory > 0) out.push(`- ${plural(report.noCategory, 'record')} without a category (no table) were skipped.`);
  if (report.recordsOverCap > 0) out.push(`- ${plural(report.recordsOverCap, 'record')} of further tables were counted but not learned.`);
  if ((options.notes?.length ?? 0) > 0 || report.noCategory > 0 || report.recordsOverCap > 0) out.push('');
  if (report.tables.length === 0) {
    out.push('No records were read.', '');
    return out.join('\n');
  }
  const rows = report.tables.map((t) => [
    mdCode(t.table, 200),
    t.origin === undefined ? 'unknown table' : t.origin,
    count(t.received),
    t.origin === undefined ? '–' : count(t.unknownColumns.length),
    t.origin === undefined ? '–' : count(t.unseenColumns.length),
    t.origin === undefined ? '–' : count(t.conflicts.length),
  ]);
  out.push(
    ...boundedTable(['Table', 'Schema', 'Records', 'Columns the schema lacks', 'Never seen', 'Type conflicts'], rows, max, [
      'l',
      'l',
      'r',
      'r',
      'r',
      'r',
    ]),
    '',
  );
  const drifting = report.tables.filter(hasDrift);
  if (drifting.length === 0) out.push('Every record matches the schema.', '');
  for (const t of drifting.slice(0, max)) out.push(...tableSection(t, max));
  if (drifting.length > max) out.push(`… and ${count(drifting.length - max)} more tables.`, '');
  return out.join('\n');
}
