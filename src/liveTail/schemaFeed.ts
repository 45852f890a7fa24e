import type { SchemaLookup } from '../core/catalog/schemaLookup';
import { driftReport, type DriftReport, type TableDrift, type UnknownColumn } from '../drift/compareShapes';
import type { ShapeLearner } from '../drift/shapeLearner';
import { TextTailRecord } from '../tail/textRecord';
import type { TailEntry } from '../tail/types';
import type { SchemaMessage, WireSchemaColumn, WireSchemaTable } from './shared/protocol';

/** Records per table per second a tail parses to learn from, when it keeps records as text (the fast path). */
export const DEFAULT_SAMPLES_PER_SECOND = 20;
/** Most list items (columns) in one `schema` message, over all tables; most tables. */
const MAX_ITEMS = 1500;
const MAX_TABLES = 100;
const MAX_TEXT = 120;

/**
 * Feeds a tail's records into a ShapeLearner, cheaply: a record the tail already holds parsed is learned
 * from its object as is; one it keeps as text (the fast path, which never parses) is parsed only while
 * its table is under `perSecond` records in the current second, and otherwise only counted.
 */
export class SchemaFeed {
  private readonly budget = new Map<string, number>();
  private second = -1;

  constructor(
    readonly learner: ShapeLearner,
    readonly perSecond = DEFAULT_SAMPLES_PER_SECOND,
    private readonly now: () => number = Date.now,
  ) {}

  observe(entries: readonly TailEntry[]): void {
    const second = Math.floor(this.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.budget.clear();
    }
    const learner = this.learner;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (entry.type !== 'record') continue;
      if (!(entry instanceof TextTailRecord)) {
        learner.learn(entry.record, entry.table);
        continue;
      }
      const used = this.budget.get(entry.table) ?? 0;
      if (used >= this.perSecond || (used === 0 && this.budget.size >= 1000)) {
        learner.count(entry.table);
        continue;
      }
      this.budget.set(entry.table, used + 1);
      let record: unknown;
      try {
        record = entry.record; // parses this one record's text
      } catch {
        learner.count(entry.table);
        continue;
      }
      learner.learn(record, entry.table);
    }
  }

  /** How the tail learns, in words for the view. */
  get samplingText(): string {
    return `Records the tail keeps as text are learned from a sample of at most ${this.perSecond} per table per second; the others are counted.`;
  }
}

const cut = (text: string, max = MAX_TEXT): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function wireColumn(c: UnknownColumn): WireSchemaColumn {
  return {
    name: cut(c.name, 200),
    count: c.count,
    types: c.kinds.map(([k, n]) => `${k} ${n}`).join(', '),
    sample: cut(c.sample ?? ''),
  };
}

/** What the records are checked against, in words. */
export function describeSchema(report: DriftReport): string {
  const s = report.schema;
  if (s.kind === 'catalog') return "The extension's catalog of Advanced Hunting tables.";
  return `The tenant schema from ${cut(s.source ?? 'an unknown source')}${s.updatedAt ? ` (updated ${cut(s.updatedAt, 40)})` : ''}, over the catalog.`;
}

/**
 * The Schema view's message for a learner and a schema, bounded: at most 100 tables and 1,500 list items
 * in all (each text cut to a short length); what is left out is counted. Tables that drift come first.
 */
export function schemaMessage(learner: ShapeLearner, lookup: SchemaLookup, sampling: string): SchemaMessage {
  const report = driftReport(learner, lookup);
  // Known tables with columns the schema lacks or type conflicts first, then tables no schema knows, then
  // the rest (each by name: the report's order).
  const rank = (t: TableDrift): number => (t.origin === undefined ? 1 : t.unknownColumns.length > 0 || t.conflicts.length > 0 ? 0 : 2);
  const ordered = [...report.tables].sort((a, b) => rank(a) - rank(b));
  let items = MAX_ITEMS;
  const take = <T>(list: readonly T[]): T[] => {
    const n = Math.max(0, Math.min(list.length, items));
    items -= n;
    return list.slice(0, n);
  };
  const tables: WireSchemaTable[] = [];
  for (const t of ordered.slice(0, MAX_TABLES)) {
    const columns = t.origin === undefined ? t.columnsSeen : t.unknownColumns;
    const unknownColumns = take(columns).map(wireColumn);
    const conflicts = take(t.conflicts).map((c) => ({
      name: cut(c.name, 200),
      expected: cut(String(c.expected), 40),
      seen: c.seen.join(', '),
      count: c.count,
      sample: cut(c.sample ?? ''),
    }));
    const unseenColumns = take(t.unseenColumns).map((c) => ({ name: cut(c.name, 200), type: cut(c.type, 40) }));
    tables.push({
      table: cut(t.table, 200),
      origin: t.origin ?? 'unknown',
      received: t.received,
      learned: t.records,
      unknownColumns,
      unseenColumns,
      conflicts,
      omitted:
        columns.length + t.conflicts.length + t.unseenColumns.length - unknownColumns.length - conflicts.length - unseenColumns.length,
    });
  }
  const notes: string[] = [];
  if (report.noCategory > 0) notes.push(`${report.noCategory} records without a category were not learned.`);
  if (report.recordsOverCap > 0) notes.push(`${report.recordsOverCap} records of further tables were counted but not learned.`);
  return {
    type: 'schema',
    schema: describeSchema(report),
    sampling,
    tables,
    omittedTables: Math.max(0, ordered.length - MAX_TABLES),
    notes,
  };
}
