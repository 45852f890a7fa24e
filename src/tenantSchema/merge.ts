import { getTable } from '../core/catalog/schemaCatalog';
import type { TenantSchema } from '../core/catalog/schemaLookup';
import type { ColumnDef } from '../core/catalog/types';
import type { ImportedTable } from './getschema';
import { SCHEMA_LIMITS } from './limits';

/** What an import did to one table, compared with the catalog. */
export interface TableImportSummary {
  readonly table: string;
  readonly columns: number;
  /** Whether the catalog knows the table at all. */
  readonly inCatalog: boolean;
  /** Imported columns the catalog's table lacks. */
  readonly notInCatalog: number;
  /** Columns the catalog has with another type. */
  readonly otherType: number;
  /** Whether the stored schema held the table before (the import replaced it). */
  readonly replaced: boolean;
}

export interface MergedSchema {
  readonly schema: TenantSchema;
  readonly summary: readonly TableImportSummary[];
}

/**
 * Merges imported tables into the stored schema: each imported table replaces the stored one of that
 * name (its columns as imported), every other stored table is kept as it was. Pure: `existing` is not
 * changed, so a caller that fails to write the result has lost nothing.
 */
export function mergeImport(
  existing: TenantSchema | undefined,
  imported: readonly ImportedTable[],
  source: string,
  now: Date,
): MergedSchema {
  if (imported.length === 0) throw new Error('Nothing to import: no table.');
  const tables = Object.create(null) as Record<string, { readonly columns: readonly ColumnDef[] }>;
  if (existing) for (const name of Object.keys(existing.tables)) tables[name] = existing.tables[name];
  const summary: TableImportSummary[] = [];
  for (const table of imported) {
    const replaced = Object.prototype.hasOwnProperty.call(tables, table.name);
    tables[table.name] = { columns: table.columns.map((c) => ({ name: c.name, type: c.type })) };
    summary.push({ table: table.name, replaced, ...compareWithCatalog(table) });
  }
  if (Object.keys(tables).length > SCHEMA_LIMITS.maxTables)
    throw new Error(`The tenant schema would hold more than ${SCHEMA_LIMITS.maxTables} tables.`);
  return { schema: { version: 1, updatedAt: now.toISOString(), source: source.slice(0, 500), tables }, summary };
}

function compareWithCatalog(table: ImportedTable): Pick<TableImportSummary, 'columns' | 'inCatalog' | 'notInCatalog' | 'otherType'> {
  const known = getTable(table.name);
  let notInCatalog = 0;
  let otherType = 0;
  for (const column of table.columns) {
    const def = known?.columnsByName.get(column.name);
    if (!def) notInCatalog++;
    else if (def.type !== column.type) otherType++;
  }
  return {
    columns: table.columns.length,
    inCatalog: known !== undefined,
    notInCatalog: known ? notInCatalog : table.columns.length,
    otherType,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One table's line, e.g. "DeviceInfo: 41 columns, 3 not in the catalog". */
export function describeTableImport(s: TableImportSummary): string {
  const parts = [plural(s.columns, 'column')];
  if (!s.inCatalog) parts.push('a table the catalog does not know');
  else {
    if (s.notInCatalog > 0) parts.push(`${s.notInCatalog} not in the catalog`);
    if (s.otherType > 0) parts.push(`${s.otherType} with another type than the catalog's`);
  }
  return `${s.table}: ${parts.join(', ')}`;
}

/** The whole import in one sentence (the notification). */
export function describeImport(summary: readonly TableImportSummary[]): string {
  if (summary.length === 1) return `Imported ${describeTableImport(summary[0])}.`;
  const shown = summary.slice(0, 5).map(describeTableImport);
  const more = summary.length > 5 ? `; and ${summary.length - 5} more` : '';
  return `Imported ${summary.length} tables: ${shown.join('; ')}${more}.`;
}
