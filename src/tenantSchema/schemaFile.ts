import type { TenantSchema } from '../core/catalog/schemaLookup';
import type { ColumnDef } from '../core/catalog/types';
import { tooDeepAt } from '../core/decode/jsonDepth';
import { SchemaFileError } from './errors';
import { isKustoType, KUSTO_TYPES } from './kustoTypes';
import { SCHEMA_FILE_PATH, SCHEMA_LIMITS } from './limits';
import { nameProblem, shownName } from './names';

/** A schema file is three levels deep (tables → table → columns → column); allow some slack. */
const MAX_DEPTH = 8;
const MAX_SOURCE_LENGTH = 500;

function fail(message: string): never {
  throw new SchemaFileError(message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a stored tenant schema (`.defender-stream/schema.json`), which is untrusted workspace content:
 * at most SCHEMA_LIMITS.maxFileBytes, version 1, every table and column name a plain name (never a
 * key JavaScript objects treat specially, such as `__proto__`), every type one of the catalog's Kusto
 * types, no duplicate column, within the table and column limits. Anything else: SchemaFileError
 * saying what is wrong. The result's `tables` has no prototype and is frozen.
 */
export function parseTenantSchemaText(text: string): TenantSchema {
  if (text.length > SCHEMA_LIMITS.maxFileBytes) fail(`it is larger than ${SCHEMA_LIMITS.maxFileBytes / (1024 * 1024)} MB.`);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (tooDeepAt(source, MAX_DEPTH) >= 0) fail('it is nested deeper than a tenant schema is.');
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    fail(`it is not valid JSON (${error instanceof Error ? error.message.slice(0, 120) : 'parse error'}).`);
  }
  if (!isObject(value)) fail('it is not a JSON object.');
  if (value.version !== 1) fail('its "version" is not 1.');
  const updatedAt = value.updatedAt;
  if (typeof updatedAt !== 'string' || updatedAt.length > 64 || Number.isNaN(Date.parse(updatedAt)))
    fail('its "updatedAt" is not an ISO 8601 time.');
  const origin = value.source;
  if (typeof origin !== 'string' || origin.length > MAX_SOURCE_LENGTH)
    fail(`its "source" is not a text of at most ${MAX_SOURCE_LENGTH} characters.`);
  const rawTables = value.tables;
  if (!isObject(rawTables)) fail('its "tables" is not an object.');
  const names = Object.keys(rawTables);
  if (names.length > SCHEMA_LIMITS.maxTables) fail(`it holds more than ${SCHEMA_LIMITS.maxTables} tables.`);
  const tables = Object.create(null) as Record<string, { readonly columns: readonly ColumnDef[] }>;
  for (const name of names) {
    const problem = nameProblem(name);
    if (problem) fail(`the table name ${shownName(name)} ${problem}.`);
    const table = rawTables[name];
    if (!isObject(table) || !Array.isArray(table.columns)) fail(`table ${name} has no "columns" array.`);
    if (table.columns.length > SCHEMA_LIMITS.maxColumns) fail(`table ${name} has more than ${SCHEMA_LIMITS.maxColumns} columns.`);
    const seen = new Set<string>();
    const columns: ColumnDef[] = [];
    table.columns.forEach((column: unknown, i: number) => {
      if (!isObject(column) || typeof column.name !== 'string') fail(`column ${i + 1} of ${name} has no "name".`);
      const columnProblem = nameProblem(column.name);
      if (columnProblem) fail(`column ${i + 1} of ${name}: the name ${shownName(column.name)} ${columnProblem}.`);
      if (!isKustoType(column.type))
        fail(
          `column ${column.name} of ${name}: the type ${typeof column.type === 'string' ? shownName(column.type) : 'given'} is not one of ${KUSTO_TYPES.join(', ')}.`,
        );
      if (seen.has(column.name)) fail(`column ${column.name} of ${name} appears twice.`);
      seen.add(column.name);
      columns.push(Object.freeze({ name: column.name, type: column.type }));
    });
    tables[name] = Object.freeze({ columns: Object.freeze(columns) });
  }
  return Object.freeze({ version: 1, updatedAt, source: origin, tables: Object.freeze(tables) });
}

/**
 * A schema file's bytes as read from disk (UTF-8): the tenant schema, or why it cannot be used.
 * Never throws.
 */
export function tenantSchemaFromBytes(bytes: Uint8Array): { readonly schema: TenantSchema } | { readonly problem: string } {
  if (bytes.byteLength > SCHEMA_LIMITS.maxFileBytes)
    return { problem: `${SCHEMA_FILE_PATH} is larger than ${SCHEMA_LIMITS.maxFileBytes / (1024 * 1024)} MB` };
  try {
    return { schema: parseTenantSchemaText(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch (error) {
    if (error instanceof SchemaFileError) return { problem: `${SCHEMA_FILE_PATH}: ${error.message}` };
    if (error instanceof TypeError) return { problem: `${SCHEMA_FILE_PATH} is not UTF-8 text` };
    return { problem: `${SCHEMA_FILE_PATH} cannot be read (${error instanceof Error ? error.name : 'error'})` };
  }
}

/** The file's text: tables by name, one column per line, so a diff shows what an import changed. */
export function serializeTenantSchema(schema: TenantSchema): string {
  const names = Object.keys(schema.tables).sort();
  const tables = names.map((name, t) => {
    const columns = schema.tables[name].columns.map(
      (c, i, all) => `        ${JSON.stringify({ name: c.name, type: c.type })}${i < all.length - 1 ? ',' : ''}`,
    );
    const body = columns.length > 0 ? `[\n${columns.join('\n')}\n      ]` : '[]';
    return `    ${JSON.stringify(name)}: {\n      "columns": ${body}\n    }${t < names.length - 1 ? ',' : ''}`;
  });
  return [
    '{',
    '  "version": 1,',
    `  "updatedAt": ${JSON.stringify(schema.updatedAt)},`,
    `  "source": ${JSON.stringify(schema.source)},`,
    names.length > 0 ? `  "tables": {\n${tables.join('\n')}\n  }` : '  "tables": {}',
    '}',
    '',
  ].join('\n');
}
