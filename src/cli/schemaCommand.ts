import { streamStatusLabel, suggestTable, TABLES, type TableDef } from '../core/catalog/schemaCatalog';
import type { SchemaLookup } from '../core/catalog/schemaLookup';
import { terminalSafe } from '../tail/summary';
import { parseArgs } from './args';
import { jsonLines } from './output';
import { schemaOptionOrReport } from './tenantSchemaFile';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

const USAGE = `Usage: defender-stream schema [--table T] [--streamed] [--json] [--schema FILE]

Prints the Advanced Hunting tables the extension knows: each table's streaming status (streamed (GA),
seen in real streams, Advanced Hunting only) and its columns with their Kusto types.

  --table T        Only this table (exact name)
  --streamed       Only the tables whose rows reach Event Hubs (streamed, or seen in real streams)
  --json           Print a JSON array of {"table","streamStatus","origin","columns":[{"name","type"}]}
  --schema FILE    A tenant schema (JSON: {"version":1,"updatedAt","source","tables":{"<Table>":
                   {"columns":[{"name","type"}]}}}) whose tables override the catalog's

Exit code: 0 on success, 1 when --table names no known table, 2 on bad usage or a schema file that
cannot be read.`;

interface SchemaRow {
  readonly table: string;
  readonly streamStatus: TableDef['streamStatus'];
  readonly origin: 'tenant' | 'catalog';
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: string }>;
}

/** Every table of `lookup`: the catalog's (in catalog order), then those only the tenant schema holds, by name. */
function rows(lookup: SchemaLookup): SchemaRow[] {
  const names = TABLES.map((t) => t.name);
  const known = new Set(names);
  if (lookup.tenant)
    names.push(
      ...Object.keys(lookup.tenant.tables)
        .filter((n) => !known.has(n))
        .sort(),
    );
  const out: SchemaRow[] = [];
  for (const name of names) {
    const def = lookup.table(name);
    if (!def) continue;
    out.push({
      table: def.name,
      streamStatus: def.streamStatus,
      origin: lookup.originOf(name) === 'tenant' ? 'tenant' : 'catalog',
      columns: def.columns.map((c) => ({ name: c.name, type: String(c.type) })),
    });
  }
  return out;
}

async function runSchema(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { table: 'value', streamed: 'flag', json: 'flag', schema: 'value' });
  if (parsed.positionals.length > 0) throw new UsageError('schema takes no file; use --schema FILE for a tenant schema.');
  const table = parsed.options.get('table');
  if (table === true) throw new UsageError('"--table" needs a table name.');
  const lookup = await schemaOptionOrReport(parsed.options.get('schema'), io, 'schema');
  if (!lookup) return 2;
  let selected = rows(lookup);
  if (parsed.options.has('streamed')) selected = selected.filter((r) => r.streamStatus !== 'huntingOnly');
  if (table !== undefined) {
    selected = selected.filter((r) => r.table === table);
    if (selected.length === 0) {
      const hint = suggestTable(table).candidates.slice(0, 3);
      const shown = terminalSafe(table.length > 100 ? `${table.slice(0, 100)}…` : table);
      io.stderr.write(
        `defender-stream schema: no ${parsed.options.has('streamed') ? 'streamed ' : ''}table "${shown}"` +
          `${hint.length > 0 ? `; did you mean ${hint.join(', ')}?` : '.'}\n`,
      );
      return 1;
    }
  }
  if (parsed.options.has('json')) {
    io.stdout.write(`${jsonLines(selected)}\n`);
    return 0;
  }
  for (const r of selected) {
    const origin = r.origin === 'tenant' ? ', tenant schema' : '';
    io.stdout.write(
      `${terminalSafe(r.table)}  ${streamStatusLabel(r.streamStatus)}${origin}  ${r.columns.length} column${r.columns.length === 1 ? '' : 's'}\n`,
    );
    const width = Math.min(40, Math.max(0, ...r.columns.map((c) => c.name.length)));
    for (const c of r.columns) io.stdout.write(`  ${terminalSafe(c.name).padEnd(width)}  ${terminalSafe(c.type)}\n`);
  }
  io.stderr.write(
    `${selected.length} table${selected.length === 1 ? '' : 's'}${lookup.tenant ? ' (tenant schema over the catalog)' : ''}\n`,
  );
  return 0;
}

export const schemaCommand: CliCommand = {
  name: 'schema',
  summary: 'Print the tables, their streaming status and columns (the catalog, or a tenant schema over it)',
  usage: USAGE,
  run: (args, io) => runSchema(args, io),
};
