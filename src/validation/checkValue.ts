import type { ColumnDef } from '../core/catalog/schemaCatalog';
import { CODES, type CodeInfo } from './codes';
import { isGuid, isIso8601, isRealString, MAX_NUMBER_LENGTH } from './formats';
import { carriesJson } from './observed';

export interface ValueProblem {
  readonly info: CodeInfo;
  readonly message: string;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
/** 2^63: JSON numbers near the long limits are doubles anyway, so the bound is inclusive. */
const LONG_LIMIT = 9223372036854775808;

/** A short, single-line rendering of a value for messages. */
export function show(value: unknown): string {
  let text: string;
  if (value === null) text = 'null';
  else if (Array.isArray(value)) text = 'an array';
  else if (typeof value === 'object') text = 'an object';
  else if (typeof value === 'string') text = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  else text = String(value);
  return text;
}

function problem(info: CodeInfo, message: string): ValueProblem {
  return { info, message };
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number') return 'a number';
  return 'a string';
}

function integerProblem(column: ColumnDef, value: number, shown: string): ValueProblem | undefined {
  const type = column.type;
  if (!Number.isInteger(value)) {
    return problem(CODES.invalidValue, `"${column.name}" is a ${type} column; ${shown} is not a whole number.`);
  }
  if (type === 'int' ? value < INT_MIN || value > INT_MAX : Math.abs(value) > LONG_LIMIT) {
    return problem(
      CODES.outOfRange,
      `"${column.name}" is ${type === 'int' ? 'an int column (32-bit)' : 'a long column (64-bit)'}; ${shown} is out of range.`,
    );
  }
  return undefined;
}

function numberProblem(column: ColumnDef, value: unknown): ValueProblem | undefined {
  const type = column.type;
  const whole = type === 'long' || type === 'int';
  switch (typeof value) {
    case 'number':
      return whole ? integerProblem(column, value, String(value)) : undefined;
    case 'string': {
      if (value === '') return undefined; // real Identity* rows send "" for an empty Port
      if (value.length > MAX_NUMBER_LENGTH) {
        return problem(
          CODES.invalidValue,
          `"${column.name}" is a ${type} column; a string of ${value.length} characters is too long to be a number.`,
        );
      }
      if (!isRealString(value)) {
        return problem(CODES.invalidValue, `"${column.name}" is a ${type} column; ${show(value)} cannot be read as a number.`);
      }
      if (whole) {
        const wrong = integerProblem(column, Number(value), show(value));
        if (wrong) return wrong;
      }
      return problem(
        CODES.valueAsString,
        `"${column.name}" is a ${type} column; Defender sends a JSON number, not the string ${show(value)}.`,
      );
    }
    default:
      return problem(CODES.invalidValue, `"${column.name}" is a ${type} column; ${kindOf(value)} cannot be read as a number.`);
  }
}

function boolProblem(column: ColumnDef, value: unknown): ValueProblem | undefined {
  switch (typeof value) {
    case 'boolean':
      return undefined;
    case 'number':
      // Real data sends 0/1 in bool columns.
      return value === 0 || value === 1
        ? undefined
        : problem(CODES.invalidValue, `"${column.name}" is a bool column; ${value} is neither 0/1 nor true/false.`);
    case 'string': {
      if (value === '') return undefined;
      const lower = value.toLowerCase();
      if (lower === 'true' || lower === 'false' || value === '0' || value === '1') {
        return problem(
          CODES.valueAsString,
          `"${column.name}" is a bool column; Defender sends a JSON boolean, not the string ${show(value)}.`,
        );
      }
      return problem(CODES.invalidValue, `"${column.name}" is a bool column; ${show(value)} cannot be read as a boolean.`);
    }
    default:
      return problem(CODES.invalidValue, `"${column.name}" is a bool column; ${kindOf(value)} cannot be read as a boolean.`);
  }
}

function datetimeProblem(column: ColumnDef, value: unknown): ValueProblem | undefined {
  if (typeof value === 'string' && (value === '' || isIso8601(value))) return undefined;
  return problem(
    CODES.invalidDatetime,
    `"${column.name}" is a datetime column; ${show(value)} does not parse as ISO 8601 (e.g. "2024-05-01T10:20:30.1234567Z").`,
  );
}

function guidProblem(column: ColumnDef, value: unknown): ValueProblem | undefined {
  if (typeof value === 'string' && (value === '' || isGuid(value))) return undefined;
  return problem(CODES.invalidValue, `"${column.name}" is a guid column; ${show(value)} is not a GUID.`);
}

function stringProblem(column: ColumnDef, value: unknown): ValueProblem | undefined {
  if (typeof value === 'string') return undefined;
  if (typeof value === 'object' && carriesJson(column)) return undefined; // JSON objects/arrays in JSON-carrying columns are normal
  return problem(CODES.notAString, `"${column.name}" is a string column; Defender sends a string here, not ${kindOf(value)}.`);
}

/** Checks one property value against its column's Kusto type, following the calibrated severity policy. `null` is always fine. */
export function checkValue(column: ColumnDef, value: unknown): ValueProblem | undefined {
  if (value === null) return undefined;
  switch (column.type) {
    case 'string':
      return stringProblem(column, value);
    case 'dynamic':
      return undefined;
    case 'long':
    case 'int':
    case 'real':
      return numberProblem(column, value);
    case 'bool':
      return boolProblem(column, value);
    case 'datetime':
      return datetimeProblem(column, value);
    case 'guid':
      return guidProblem(column, value);
    default:
      return undefined;
  }
}
