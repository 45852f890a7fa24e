import type { KustoType } from '../core/catalog/types';

/** The Kusto scalar types a tenant schema stores (those of the catalog). */
export const KUSTO_TYPES: readonly KustoType[] = ['bool', 'datetime', 'dynamic', 'guid', 'int', 'long', 'real', 'string'];

export function isKustoType(value: unknown): value is KustoType {
  return typeof value === 'string' && (KUSTO_TYPES as readonly string[]).includes(value);
}

/**
 * getschema's `ColumnType` (`string`, `long`, `bool`...) and `DataType` (`System.String`, `System.Int64`,
 * `System.SByte`...) values, and the type names of a Graph hunting response's `schema` (`String`,
 * `DateTime`, `Int64`...), lower-cased without the `System.` prefix.
 */
const TYPES: Readonly<Record<string, KustoType>> = Object.assign(Object.create(null) as Record<string, KustoType>, {
  string: 'string',
  datetime: 'datetime',
  date: 'datetime',
  long: 'long',
  int64: 'long',
  int: 'int',
  int32: 'int',
  bool: 'bool',
  boolean: 'bool',
  sbyte: 'bool',
  real: 'real',
  double: 'real',
  dynamic: 'dynamic',
  object: 'dynamic',
  guid: 'guid',
  uniqueid: 'guid',
});

/** Kusto types the catalog does not model, with the type their values are checked as. */
const APPROXIMATE: Readonly<Record<string, { readonly type: KustoType; readonly kusto: string }>> = Object.assign(Object.create(null), {
  timespan: { type: 'string', kusto: 'timespan' },
  time: { type: 'string', kusto: 'timespan' },
  decimal: { type: 'real', kusto: 'decimal' },
  'data.sqltypes.sqldecimal': { type: 'real', kusto: 'decimal' },
  sqldecimal: { type: 'real', kusto: 'decimal' },
});

export interface TypeReading {
  readonly type: KustoType;
  /** Set when the Kusto type (`timespan`, `decimal`) is stored as the nearest type the catalog models. */
  readonly approximates?: string;
}

/** The Kusto type a getschema type value names, or undefined. */
export function readKustoType(text: string): TypeReading | undefined {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/^system\./, '');
  const exact = TYPES[key];
  if (exact) return { type: exact };
  const near = APPROXIMATE[key];
  return near ? { type: near.type, approximates: near.kusto } : undefined;
}
