import { getTable } from './schemaCatalog';
import type { ColumnDef, KustoType, TableDef } from './types';

/**
 * A tenant's own schema, as `<Table> | getschema | project ColumnName, ColumnType` returned it (imported
 * from the portal's export or fetched from Advanced Hunting). Stored as JSON in the workspace, by default
 * `.defender-stream/schema.json`.
 */
export interface TenantSchema {
  readonly version: 1;
  /** ISO 8601 time of the import or fetch that last changed it. */
  readonly updatedAt: string;
  /** Where it came from, in words (a file name, "Advanced Hunting via Microsoft Graph"). */
  readonly source: string;
  /** Per table name (exact case), its columns in getschema order. */
  readonly tables: Readonly<Record<string, { readonly columns: readonly ColumnDef[] }>>;
}

/** Where a table's columns came from. */
export type SchemaOrigin = 'tenant' | 'catalog';

/** Which schema validation and drift check records against: a tenant schema first, then the catalog. */
export interface SchemaLookup {
  /** The table definition to check a row of `name` against (exact, case-sensitive name), or undefined. */
  table(name: string): TableDef | undefined;
  /** Whether `name`'s columns come from the tenant's schema or the catalog (undefined when neither knows it). */
  originOf(name: string): SchemaOrigin | undefined;
  /** The tenant schema in use, if any. */
  readonly tenant?: TenantSchema;
}

/** The catalog alone. */
export const CATALOG_LOOKUP: SchemaLookup = {
  table: (name) => getTable(name),
  originOf: (name) => (getTable(name) ? 'catalog' : undefined),
};

/**
 * A tenant schema over the catalog: a table the tenant schema holds is checked against its columns
 * (keeping the catalog's streaming status when the catalog knows the table); others fall back to the catalog.
 */
export function withTenantSchema(tenant: TenantSchema | undefined): SchemaLookup {
  if (!tenant) return CATALOG_LOOKUP;
  const cache = new Map<string, TableDef>();
  const tenantTable = (name: string): TableDef | undefined => {
    if (!Object.prototype.hasOwnProperty.call(tenant.tables, name)) return undefined;
    let def = cache.get(name);
    if (!def) {
      const base = getTable(name);
      const columns = tenant.tables[name].columns.map((c) => ({ name: c.name, type: c.type as KustoType }));
      def = {
        ...(base ?? tableShell(name)),
        columns,
        columnsByName: new Map(columns.map((c) => [c.name, c])),
      };
      cache.set(name, def);
    }
    return def;
  };
  return {
    tenant,
    table: (name) => tenantTable(name) ?? getTable(name),
    originOf: (name) => (tenantTable(name) ? 'tenant' : getTable(name) ? 'catalog' : undefined),
  };
}

/** A table the catalog does not know: no columns yet, and nothing says it is streamed (Advanced Hunting only). */
function tableShell(name: string): TableDef {
  return {
    name,
    category: `AdvancedHunting-${name}`,
    hubName: `insights-logs-advancedhunting-${name.toLowerCase()}`,
    columns: [],
    columnsByName: new Map(),
    streaming: 'unknown',
    observedInStreams: false,
    streamStatus: 'huntingOnly',
  };
}
