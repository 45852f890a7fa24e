import { getColumn, type KustoType } from '../core/catalog/schemaCatalog';
import type { SchemaLookup, SchemaOrigin } from '../core/catalog/schemaLookup';
import { JSON_KINDS, type ColumnShape, type JsonKind, type ShapeLearner } from './shapeLearner';
import { typeConflict } from './typeConflicts';

export type DriftKind = 'unknownColumn' | 'unseenColumn' | 'typeConflict' | 'unknownTable';

/** One difference between the records and the schema. Strings from records are untrusted. */
export interface DriftFinding {
  readonly table: string;
  /** "" for `unknownTable`. */
  readonly column: string;
  readonly kind: DriftKind;
  /**
   * unknownColumn: records carrying the column; unseenColumn: records learned without it; typeConflict:
   * values of a type the column does not accept; unknownTable: records of the table.
   */
  readonly count: number;
  /** The schema's Kusto type (unseenColumn, typeConflict). */
  readonly expected?: string;
  /** JSON types seen (unknownColumn: all of them; typeConflict: the conflicting ones). */
  readonly seen?: readonly string[];
}

/** A column the schema lacks, as seen in records. */
export interface UnknownColumn {
  readonly name: string;
  readonly count: number;
  /** JSON types with counts, most frequent first. */
  readonly kinds: ReadonlyArray<readonly [JsonKind, number]>;
  readonly sample?: string;
}

export interface ConflictColumn {
  readonly name: string;
  readonly expected: KustoType | string;
  readonly seen: readonly string[];
  readonly count: number;
  readonly sample?: string;
}

/** The drift of one table. */
export interface TableDrift {
  readonly table: string;
  /** Where its columns come from; undefined: no schema knows the table. */
  readonly origin?: SchemaOrigin;
  /** Records learned / received (a live tail learns from a sample). */
  readonly records: number;
  readonly received: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  readonly unknownColumns: readonly UnknownColumn[];
  readonly unseenColumns: ReadonlyArray<{ readonly name: string; readonly type: string }>;
  readonly conflicts: readonly ConflictColumn[];
  /** Every column seen (an unknown table's only list), in arrival order. */
  readonly columnsSeen: readonly UnknownColumn[];
  /** Column values not kept (learner caps). */
  readonly columnsOverCap: number;
  readonly noProperties: number;
}

/** Records compared with a schema, per table. */
export interface DriftReport {
  readonly tables: readonly TableDrift[];
  /** Records of tables past the learner's cap, and without a category. */
  readonly recordsOverCap: number;
  readonly noCategory: number;
  /** "tenant" when a tenant schema is in use (over the catalog), else "catalog". */
  readonly schema: { readonly kind: 'tenant' | 'catalog'; readonly source?: string; readonly updatedAt?: string };
}

function columnOf(shape: ColumnShape): UnknownColumn {
  const kinds: Array<[JsonKind, number]> = [];
  for (const kind of JSON_KINDS) if (shape.kinds[kind] > 0) kinds.push([kind, shape.kinds[kind]]);
  kinds.sort((a, b) => b[1] - a[1]);
  return { name: shape.name, count: shape.count, kinds, ...(shape.sample !== undefined ? { sample: shape.sample } : {}) };
}

/** The learner's tables compared with `lookup` (tenant schema over the catalog, or the catalog). */
export function driftReport(learner: ShapeLearner, lookup: SchemaLookup): DriftReport {
  const tables: TableDrift[] = [];
  for (const shape of learner.tables()) {
    const def = lookup.table(shape.table);
    const unknownColumns: UnknownColumn[] = [];
    const conflicts: ConflictColumn[] = [];
    const columnsSeen: UnknownColumn[] = [];
    for (const column of shape.columns.values()) {
      const seen = columnOf(column);
      columnsSeen.push(seen);
      if (!def) continue;
      const known = getColumn(def, column.name);
      if (!known) {
        unknownColumns.push(seen);
        continue;
      }
      const conflict = typeConflict(shape.table, known, column);
      if (conflict)
        conflicts.push({
          name: column.name,
          expected: known.type,
          seen: conflict.seen,
          count: conflict.count,
          ...(column.sample !== undefined ? { sample: column.sample } : {}),
        });
    }
    const unseenColumns =
      def && shape.records > shape.noProperties
        ? def.columns.filter((c) => !shape.columns.has(c.name)).map((c) => ({ name: c.name, type: String(c.type) }))
        : [];
    unknownColumns.sort((a, b) => b.count - a.count || compareText(a.name, b.name));
    conflicts.sort((a, b) => b.count - a.count || compareText(a.name, b.name));
    tables.push({
      table: shape.table,
      ...(def ? { origin: lookup.originOf(shape.table) ?? 'catalog' } : {}),
      records: shape.records,
      received: shape.received,
      ...(shape.firstSeen !== undefined ? { firstSeen: shape.firstSeen } : {}),
      ...(shape.lastSeen !== undefined ? { lastSeen: shape.lastSeen } : {}),
      unknownColumns,
      unseenColumns,
      conflicts,
      columnsSeen,
      columnsOverCap: shape.columnsOverCap,
      noProperties: shape.noProperties,
    });
  }
  tables.sort((a, b) => compareText(a.table, b.table));
  const tenant = lookup.tenant;
  return {
    tables,
    recordsOverCap: learner.recordsOverCap,
    noCategory: learner.noCategory,
    schema: tenant ? { kind: 'tenant', source: tenant.source, updatedAt: tenant.updatedAt } : { kind: 'catalog' },
  };
}

/** The report as a flat list of findings: per table, its unknown table, unknown columns, type conflicts, unseen columns. */
export function driftFindings(report: DriftReport): DriftFinding[] {
  const out: DriftFinding[] = [];
  for (const t of report.tables) {
    if (t.origin === undefined) {
      out.push({ table: t.table, column: '', kind: 'unknownTable', count: t.received });
      continue;
    }
    for (const c of t.unknownColumns)
      out.push({ table: t.table, column: c.name, kind: 'unknownColumn', count: c.count, seen: c.kinds.map(([k]) => k) });
    for (const c of t.conflicts)
      out.push({ table: t.table, column: c.name, kind: 'typeConflict', count: c.count, expected: String(c.expected), seen: c.seen });
    const without = t.records - t.noProperties;
    for (const c of t.unseenColumns) out.push({ table: t.table, column: c.name, kind: 'unseenColumn', count: without, expected: c.type });
  }
  return out;
}

/** Columns the schema lacks, schema columns never seen, type conflicts and unknown tables (see `DriftFinding`). */
export function compareShapes(learner: ShapeLearner, lookup: SchemaLookup): DriftFinding[] {
  return driftFindings(driftReport(learner, lookup));
}

/** Whether a table has anything to report. */
export function hasDrift(t: TableDrift): boolean {
  return t.origin === undefined || t.unknownColumns.length > 0 || t.unseenColumns.length > 0 || t.conflicts.length > 0;
}

/** Ordinal comparison (stable across locales). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
