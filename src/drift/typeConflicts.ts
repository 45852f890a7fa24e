import type { ColumnDef } from '../core/catalog/schemaCatalog';
import { carriesJson } from '../validation/observed';
import type { ColumnShape } from './shapeLearner';

/** The values of a column whose JSON type its Kusto type does not accept: how many, and what they were. */
export interface TypeConflict {
  readonly count: number;
  /** What was seen, e.g. ["string", "number beyond 32 bits"]. */
  readonly seen: readonly string[];
}

/**
 * Values of `shape` that its column's Kusto type does not accept, tolerating what real streamed data
 * does (docs/reference: "Observed in public samples"): null is always fine; `dynamic` takes anything;
 * JSON-carrying `string` columns (AdditionalFields, LoggedOnUsers...) take an object or an array; a
 * numeric column of an Identity* table takes ""; a `bool` takes 0/1; a `long` takes numbers beyond
 * 32 bits. Types a tenant schema may name that the catalog does not (e.g. `timespan`) take a string;
 * unknown ones take anything. Undefined when nothing conflicts.
 */
export function typeConflict(table: string, column: ColumnDef, shape: ColumnShape): TypeConflict | undefined {
  const k = shape.kinds;
  const parts: Array<[string, number]> = [];
  const type = String(column.type).toLowerCase();
  switch (type) {
    case 'dynamic':
      return undefined;
    case 'string':
      parts.push(['number', k.number], ['bool', k.bool]);
      if (!carriesJson(column)) parts.push(['object', k.object], ['array', k.array]);
      break;
    case 'long':
    case 'int':
    case 'real':
    case 'double':
    case 'decimal': {
      const emptyOk = table.startsWith('Identity');
      parts.push(['string', k.string - (emptyOk ? shape.emptyStrings : 0)], ['bool', k.bool], ['object', k.object], ['array', k.array]);
      if (type === 'long' || type === 'int') parts.push(['non-integer number', shape.fractions]);
      if (type === 'int') parts.push(['number beyond 32 bits', shape.beyond32Bits]);
      break;
    }
    case 'bool':
    case 'boolean':
      parts.push(['string', k.string], ['number other than 0/1', shape.notZeroOne], ['object', k.object], ['array', k.array]);
      break;
    case 'datetime':
    case 'date':
    case 'guid':
    case 'uniqueid':
    case 'timespan':
    case 'time':
      parts.push(['number', k.number], ['bool', k.bool], ['object', k.object], ['array', k.array]);
      break;
    default:
      return undefined;
  }
  let count = 0;
  const seen: string[] = [];
  for (const [what, n] of parts) {
    if (n <= 0) continue;
    count += n;
    seen.push(what);
  }
  return count > 0 ? { count, seen } : undefined;
}
