import { CATEGORY_PREFIX } from '../core/catalog/schemaCatalog';
import type { SchemaLookup } from '../core/catalog/schemaLookup';
import type { ColumnDef, KustoType, TableDef } from '../core/catalog/types';
import { kustoMember, kustoName, kustoString, kustoVerbatim } from './kustoSyntax';

/** `single`: every table arrives on one event hub; `perTable`: one hub (and data connection) per table. */
export type AdxMode = 'single' | 'perTable';

export interface AdxScriptOptions {
  /** Advanced Hunting tables, as the schema names them. */
  readonly tables: readonly string[];
  readonly mode: AdxMode;
  /** Column types: the tenant schema over the catalog (`withTenantSchema`), or the catalog alone. */
  readonly schema: SchemaLookup;
  /** Written into the header; default now. */
  readonly generatedAt?: Date;
}

/** The raw landing table of single-hub mode, and the folder every generated entity goes in. */
export const SINGLE_RAW_TABLE = 'DefenderRaw';
export const ADX_FOLDER = 'DefenderStreaming';

interface RawTarget {
  readonly table: string;
  readonly mapping: string;
  /** The event hub its data connection reads (per-table mode), or undefined for the single hub. */
  readonly hub?: string;
}

interface Plan {
  readonly def: TableDef;
  readonly raw: RawTarget;
  readonly fn: string;
}

/** How each Kusto type is read from a record's `properties` value. */
function conversion(type: KustoType, value: string): string {
  switch (type) {
    case 'string':
      return `tostring(${value})`;
    case 'long':
      return `tolong(${value})`;
    case 'int':
      return `toint(${value})`;
    case 'bool':
      return `tobool(${value})`;
    case 'real':
      return `toreal(${value})`;
    case 'datetime':
      return `todatetime(${value})`;
    case 'guid':
      return `toguid(${value})`;
    case 'dynamic':
      // Defender sends dynamic columns as a JSON-encoded string as often as an object: parse the string, keep the object.
      return `iff(gettype(${value}) == 'string', todynamic(tostring(${value})), ${value})`;
  }
}

/** A function name from a table name: letters, digits and `_` only, unique within the script. */
function functionNames(tables: readonly string[]): string[] {
  const used = new Set<string>();
  return tables.map((table) => {
    const base = `DefenderExpand_${table.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  });
}

function plan(options: AdxScriptOptions): Plan[] {
  if (options.tables.length === 0) throw new Error('Choose at least one table.');
  const unique = [...new Set(options.tables)];
  const fns = functionNames(unique);
  return unique.map((name, i) => {
    const def = options.schema.table(name);
    if (!def) throw new Error(`Unknown table "${name.slice(0, 80)}": neither the tenant schema nor the catalog has it.`);
    if (def.columns.length === 0) throw new Error(`Table ${name} has no columns to create.`);
    const raw: RawTarget =
      options.mode === 'single'
        ? { table: SINGLE_RAW_TABLE, mapping: `${SINGLE_RAW_TABLE}Mapping` }
        : { table: `${name}Raw`, mapping: `${name}RawMapping`, hub: def.hubName };
    return { def, raw, fn: fns[i] };
  });
}

function columnList(columns: readonly ColumnDef[]): string {
  return columns.map((c, i) => `    ${kustoName(c.name)}: ${c.type}${i < columns.length - 1 ? ',' : ''}`).join('\n');
}

function rawTableCommands(raw: RawTarget): string[] {
  const mapping = JSON.stringify([{ column: 'records', Properties: { Path: '$.records' } }]);
  return [
    `// Landing table${raw.hub ? ` of ${raw.hub}` : ''}: one row per Event Hubs message, its records array as is.\n` +
      `.create-merge table ${kustoName(raw.table)} (records: dynamic) with (folder = ${kustoString(ADX_FOLDER)}, docstring = ${kustoString('Defender streaming messages as received')})`,
    `.create-or-alter table ${kustoName(raw.table)} ingestion json mapping ${kustoString(raw.mapping)} ${kustoString(mapping)}`,
  ];
}

function tableCommands(p: Plan, origin: string): string[] {
  const { def, raw, fn } = p;
  const table = kustoName(def.name);
  const projections = def.columns.map(
    (c, i) => `        ${kustoName(c.name)} = ${conversion(c.type, kustoMember('_row', c.name))}${i < def.columns.length - 1 ? ',' : ''}`,
  );
  const body = [
    `    ${kustoName(raw.table)}`,
    '    | mv-expand _record = records',
    `    | where tostring(_record.category) == ${kustoString(CATEGORY_PREFIX + def.name)}`,
    '    | extend _row = _record.properties',
    '    | project',
    ...projections,
  ].join('\n');
  const policy = JSON.stringify([
    { IsEnabled: true, Source: raw.table, Query: `${fn}()`, IsTransactional: true, PropagateIngestionProperties: false },
  ]);
  const note = def.streamStatus === 'huntingOnly' ? ` Not known to reach Event Hubs: Advanced Hunting may be its only home.` : '';
  return [
    `// ${def.name}: ${def.columns.length} column${def.columns.length === 1 ? '' : 's'}, types from ${origin}.${note}\n` +
      `.create-merge table ${table} (\n${columnList(def.columns)}\n) with (folder = ${kustoString(ADX_FOLDER)}, docstring = ${kustoString(`Advanced Hunting ${def.name}, from Defender streaming`)})`,
    `.create-or-alter function with (folder = ${kustoString(ADX_FOLDER)}, docstring = ${kustoString(`${def.name} rows of ${raw.table}, typed`)}) ${fn}() {\n${body}\n}`,
    `.alter table ${table} policy update ${kustoVerbatim(policy)}`,
  ];
}

function header(plans: readonly Plan[], options: AdxScriptOptions): string {
  const when = (options.generatedAt ?? new Date()).toISOString();
  const origins = originText(plans, options.schema);
  const lines = [
    '// Azure Data Explorer ingestion of Microsoft Defender XDR streaming (Event Hubs).',
    `// Generated by Defender Stream Explorer, ${when}: ${plans.length} table${plans.length === 1 ? '' : 's'}, ${options.mode === 'single' ? 'single hub' : 'one hub per table'}; column types from ${origins}.`,
    '//',
  ];
  if (options.mode === 'single') {
    lines.push(
      '// Data connection (database > Data connections > Add > Event Hub) for the event hub Defender streams to:',
      `//   Table: ${SINGLE_RAW_TABLE}    Data format: MULTIJSON    Mapping: ${SINGLE_RAW_TABLE}Mapping`,
    );
  } else {
    lines.push('// One data connection (database > Data connections > Add > Event Hub) per event hub, each with data format MULTIJSON:');
    for (const p of plans) lines.push(`//   ${p.raw.hub}  ->  table ${p.raw.table}, mapping ${p.raw.mapping}`);
  }
  lines.push(
    '// Use a consumer group of its own for each data connection (not $Default, which other readers share).',
    '// Each message body {"records": [...]} lands as one row (records: dynamic, mapped from $.records); an update',
    '// policy per table expands the records, keeps those of its category (AdvancedHunting-<Table>) and converts',
    '// each column to its type. Create the tables and policies before the data connection starts ingesting.',
    '// Run the commands one at a time (a blank line separates them), or together in ".execute database script <|".',
  );
  return lines.join('\n');
}

function originText(plans: readonly Plan[], schema: SchemaLookup): string {
  const tenant = plans.filter((p) => schema.originOf(p.def.name) === 'tenant').map((p) => p.def.name);
  if (tenant.length === 0) return 'the built-in catalog';
  const file = schema.tenant ? `the tenant schema (updated ${schema.tenant.updatedAt})` : 'the tenant schema';
  if (tenant.length === plans.length) return file;
  return `${file} for ${tenant.join(', ')}, the built-in catalog for the others`;
}

function retentionPlaceholders(plans: readonly Plan[]): string {
  const raws = [...new Set(plans.map((p) => p.raw.table))];
  return [
    '// Retention and caching: placeholders to adjust, then uncomment. The landing tables only feed the update',
    '// policies, so they need not keep anything; the typed tables keep what your investigations need.',
    ...raws.map((raw) => `// .alter-merge table ${kustoName(raw)} policy retention softdelete = 0d recoverability = disabled`),
    ...plans.flatMap((p) => [
      `// .alter-merge table ${kustoName(p.def.name)} policy retention softdelete = 365d recoverability = enabled`,
      `// .alter table ${kustoName(p.def.name)} policy caching hot = 31d`,
    ]),
  ].join('\n');
}

/**
 * The Kusto management commands that ingest Defender streaming into Azure Data Explorer: the raw
 * landing table(s) with their JSON ingestion mapping (`$.records`, for a MULTIJSON data connection), one
 * typed table per Advanced Hunting table with the schema's column types, a function per table that
 * expands the records of its category into typed columns, the update policies binding them, and
 * commented retention/caching placeholders. Commands are separated by one blank line and hold none.
 */
export function adxIngestionScript(options: AdxScriptOptions): string {
  const plans = plan(options);
  const origin = (p: Plan): string => (options.schema.originOf(p.def.name) === 'tenant' ? 'the tenant schema' : 'the catalog');
  const raws = [...new Map(plans.map((p) => [p.raw.table, p.raw])).values()];
  const blocks = [
    header(plans, options),
    ...(options.mode === 'single' ? rawTableCommands(raws[0]) : []),
    ...plans.flatMap((p) => [...(options.mode === 'perTable' ? rawTableCommands(p.raw) : []), ...tableCommands(p, origin(p))]),
    retentionPlaceholders(plans),
  ];
  return `${blocks.join('\n\n')}\n`;
}
