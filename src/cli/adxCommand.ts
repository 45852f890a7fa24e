import { adxIngestionScript } from '../adx/ingestionScript';
import { quotedOr } from '../core/connection/echo';
import { suggestTable } from '../core/catalog/schemaCatalog';
import type { SchemaLookup } from '../core/catalog/schemaLookup';
import { parseArgs } from './args';
import { schemaOptionOrReport } from './tenantSchemaFile';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

const USAGE = `Usage: defender-stream adx --tables T,... [--per-table] [--schema FILE]

Prints the Azure Data Explorer (Kusto) commands that ingest Microsoft Defender XDR streaming from Event
Hubs: a landing table with its JSON ingestion mapping (for a MULTIJSON data connection), one typed table
per Advanced Hunting table, the functions that expand the records into typed columns, their update
policies, and commented retention and caching placeholders.

  --tables T,...   Advanced Hunting tables (e.g. DeviceProcessEvents,DeviceNetworkEvents)
  --per-table      One event hub per table (insights-logs-advancedhunting-<table>), so one landing table
                   and data connection each; default: every table on one hub
  --schema FILE    Column types from a tenant schema (.defender-stream/schema.json, as "Import getschema
                   Result" writes it); tables it lacks come from the built-in catalog

Exit code: 0 when the script was printed, 2 on bad usage, an unknown table or an unusable schema file.`;

const SPEC = { tables: 'value', 'per-table': 'flag', schema: 'value' } as const;

/** Table names as the schema spells them: exact, or a catalog table in another letter case or with a prefix. */
function resolveTables(text: string, schema: SchemaLookup): string[] {
  const names = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (names.length === 0) throw new UsageError('"--tables" needs at least one table name.');
  const tenantNames = schema.tenant ? Object.keys(schema.tenant.tables) : [];
  return names.map((name) => {
    if (schema.table(name)) return name;
    const tenant = tenantNames.find((t) => t.toLowerCase() === name.toLowerCase());
    if (tenant) return tenant;
    const suggestion = suggestTable(name);
    if (suggestion.table && suggestion.reason !== 'spelling') return suggestion.table.name;
    const hint = suggestion.candidates.length > 0 ? ` Did you mean ${suggestion.candidates.slice(0, 3).join(', ')}?` : '';
    throw new UsageError(`unknown table ${quotedOr(name, '(not repeated here: it may hold a secret)')}.${hint}`);
  });
}

async function runAdx(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, SPEC);
  if (parsed.positionals.length > 0)
    throw new UsageError(`unexpected argument ${quotedOr(parsed.positionals[0], '(not repeated here: it may hold a secret)')}.`);
  const tablesText = parsed.options.get('tables');
  if (tablesText === undefined) throw new UsageError('"--tables" is required.');
  if (tablesText === true) throw new UsageError('"--tables" needs a value.');
  const schema = await schemaOptionOrReport(parsed.options.get('schema'), io, 'adx');
  if (!schema) return 2;
  const tables = resolveTables(tablesText, schema);
  io.stdout.write(adxIngestionScript({ tables, mode: parsed.options.get('per-table') === true ? 'perTable' : 'single', schema }));
  return 0;
}

export const adxCommand: CliCommand = {
  name: 'adx',
  summary: 'Print the Azure Data Explorer tables, mappings and update policies that ingest the stream',
  usage: USAGE,
  run: (args, io) => runAdx(args, io),
};
