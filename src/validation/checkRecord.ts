import { getColumn, suggestColumn, type TableDef } from '../core/catalog/schemaCatalog';
import type { SchemaLookup } from '../core/catalog/schemaLookup';
import { checkCategory } from './checkCategory';
import { checkValue, show } from './checkValue';
import { CODES, type CodeInfo } from './codes';
import { isGuid, isIso8601, isUtcIso8601 } from './formats';
import { observedColumnNote } from './observed';
import type { Anchor, JsonPath, RawFinding } from './types';

const REQUIRED = ['time', 'tenantId', 'category', 'properties'] as const;

function raw(path: JsonPath, anchor: Anchor, info: CodeInfo, message: string): RawFinding {
  return { path, anchor, severity: info.severity, code: info.code, message };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function missingMessage(record: Record<string, unknown>, missing: readonly string[]): string {
  const keys = Object.keys(record);
  const parts = missing.map((field) => {
    const near = keys.find((k) => k.toLowerCase() === field.toLowerCase());
    return near === undefined ? `"${field}"` : `"${field}" (found ${show(near)})`;
  });
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return `The record has no ${list}: every streamed record carries time, tenantId, category and properties.`;
}

function checkTime(value: unknown, recordPath: JsonPath, out: RawFinding[]): void {
  if (typeof value === 'string' && isIso8601(value)) {
    if (!isUtcIso8601(value))
      out.push(
        raw(
          [...recordPath, 'time'],
          'value',
          CODES.timeNotUtc,
          `"time" ${show(value)} is not UTC: Defender writes e.g. "2024-05-01T10:20:30.1234567Z".`,
        ),
      );
    return;
  }
  out.push(
    raw(
      [...recordPath, 'time'],
      'value',
      CODES.invalidTime,
      `"time" ${show(value)} does not parse as ISO 8601 (e.g. "2024-05-01T10:20:30.1234567Z").`,
    ),
  );
}

/** Where the columns of `table` came from, for messages: the tenant's own schema is named. */
function columnsOf(table: TableDef, schema: SchemaLookup): string {
  const tenant = schema.tenant;
  if (tenant && schema.originOf(table.name) === 'tenant') return `a column of ${table.name} in the tenant schema (${tenant.source})`;
  return `a documented column of ${table.name}`;
}

function checkProperties(
  table: TableDef,
  properties: Record<string, unknown>,
  recordPath: JsonPath,
  out: RawFinding[],
  schema: SchemaLookup,
): void {
  for (const key in properties) {
    const column = getColumn(table, key);
    if (column === undefined) {
      const note = observedColumnNote(table, key);
      if (note !== undefined) {
        out.push(
          raw(
            [...recordPath, 'properties', key],
            'key',
            CODES.observedColumn,
            `${show(key)} is not ${columnsOf(table, schema)}, but ${note}.`,
          ),
        );
      } else {
        const near = suggestColumn(table, key);
        const hint = near.length > 0 ? ` Did you mean "${near[0]}"?` : '';
        out.push(
          raw([...recordPath, 'properties', key], 'key', CODES.unknownColumn, `${show(key)} is not ${columnsOf(table, schema)}.${hint}`),
        );
      }
      continue;
    }
    const problem = checkValue(column, properties[key]);
    if (problem) out.push(raw([...recordPath, 'properties', key], 'value', problem.info, problem.message));
  }
}

/**
 * Checks one record (the element at `path`): envelope fields, category, and properties against the
 * columns that `schema` (a tenant schema over the catalog) gives its table.
 */
export function checkRecord(value: unknown, path: JsonPath, out: RawFinding[], schema: SchemaLookup): void {
  if (!isPlainObject(value)) {
    out.push(raw(path, 'value', CODES.recordNotObject, `A record must be an object, not ${show(value)}.`));
    return;
  }
  const missing = REQUIRED.filter((field) => !Object.hasOwn(value, field));
  if (missing.length > 0) out.push(raw(path, 'start', CODES.missingField, missingMessage(value, missing)));
  if (Object.hasOwn(value, 'time')) checkTime(value.time, path, out);
  if (Object.hasOwn(value, 'tenantId')) {
    const tenantId = value.tenantId;
    if (typeof tenantId !== 'string' || !isGuid(tenantId)) {
      out.push(
        raw(
          [...path, 'tenantId'],
          'value',
          CODES.invalidTenantId,
          `"tenantId" must be a GUID like "8d6f3b52-1c3e-4a5b-9f0e-2b7c4d1e6a90", not ${show(tenantId)}.`,
        ),
      );
    }
  }
  const table = Object.hasOwn(value, 'category') ? checkCategory(value.category, path, out, schema) : undefined;
  if (Object.hasOwn(value, 'properties')) {
    const properties = value.properties;
    if (!isPlainObject(properties)) {
      out.push(
        raw(
          [...path, 'properties'],
          'value',
          CODES.propertiesNotObject,
          `"properties" must be an object (the Advanced Hunting row), not ${show(properties)}.`,
        ),
      );
    } else if (table) {
      checkProperties(table, properties, path, out, schema);
    }
  }
}
