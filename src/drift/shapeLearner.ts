import { tableOfCategory } from '../core/decode/decodeMessage';
import { printablePreview } from '../core/decode/preview';

/** The JSON type of a value as drift counts it. */
export type JsonKind = 'string' | 'number' | 'bool' | 'object' | 'array' | 'null';
export const JSON_KINDS: readonly JsonKind[] = ['string', 'number', 'bool', 'object', 'array', 'null'];

/** What the learner saw of one column of one table. */
export interface ColumnShape {
  readonly name: string;
  /** Records (learned) that carried the column. */
  count: number;
  /** Values per JSON type. */
  readonly kinds: Record<JsonKind, number>;
  /** Strings that were "". */
  emptyStrings: number;
  /** Numbers that were not whole. */
  fractions: number;
  /** Whole numbers outside the 32-bit range (fine for a `long`, not for an `int`). */
  beyond32Bits: number;
  /** Numbers other than 0 and 1 (a `bool` column may carry 0/1). */
  notZeroOne: number;
  /** The first value that was neither null nor "", as short printable JSON text. Untrusted. */
  sample?: string;
}

/** What the learner saw of one table. */
export interface TableShape {
  /** As the record's category names it (untrusted). */
  readonly table: string;
  /** Records learned (their columns are counted). */
  records: number;
  /** Records received: learned, or counted only (a live tail learns from a sample). */
  received: number;
  /** Records whose `properties` is not an object. */
  noProperties: number;
  readonly columns: Map<string, ColumnShape>;
  /** Column values not stored: past the column cap, or a name longer than the name cap. */
  columnsOverCap: number;
  /** Record `time` of the earliest and latest learned record (printable text). */
  firstSeen?: string;
  lastSeen?: string;
  firstMs?: number;
  lastMs?: number;
}

export interface ShapeLimits {
  /** Tables kept (default 200); records of further tables are only counted. */
  readonly maxTables?: number;
  /** Columns kept per table (default 400); values of further columns are only counted. */
  readonly maxColumns?: number;
  /** Characters of a sample value (default 120). */
  readonly maxSample?: number;
  /** Longest table or column name kept (default 200). */
  readonly maxName?: number;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/**
 * Learns each table's shape from records as they arrive: columns with counts, JSON types per column,
 * one sample value per column, first/last record time. Records are untrusted: only own keys are read,
 * and everything is kept in Maps. Memory is bounded by the limits; what goes beyond them is counted.
 * Linear in the size of what it reads.
 */
export class ShapeLearner {
  private readonly shapes = new Map<string, TableShape>();
  readonly maxTables: number;
  readonly maxColumns: number;
  readonly maxSample: number;
  readonly maxName: number;
  /** Records of tables not kept (past the table cap, or a name too long). */
  recordsOverCap = 0;
  /** Records without a category. */
  noCategory = 0;
  /** Changes on every record learned or counted (a view redraws only when it changed). */
  version = 0;

  constructor(limits: ShapeLimits = {}) {
    this.maxTables = limits.maxTables ?? 200;
    this.maxColumns = limits.maxColumns ?? 400;
    this.maxSample = limits.maxSample ?? 120;
    this.maxName = limits.maxName ?? 200;
  }

  /** The tables seen, in the order they first arrived. */
  tables(): TableShape[] {
    return [...this.shapes.values()];
  }

  table(name: string): TableShape | undefined {
    return this.shapes.get(name);
  }

  /** Learns one record (an object with `category`, `time`, `properties`); `table` defaults to the one its category names. */
  learn(record: unknown, table?: string): void {
    this.version++;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return;
    const r = record as { category?: unknown; time?: unknown; properties?: unknown };
    const name = table ?? tableOfCategory(r.category).table;
    const shape = this.shapeOf(name);
    if (!shape) return;
    shape.received++;
    shape.records++;
    this.noteTime(shape, r.time);
    const props = r.properties;
    if (props === null || typeof props !== 'object' || Array.isArray(props)) {
      shape.noProperties++;
      return;
    }
    const values = props as Record<string, unknown>;
    const keys = Object.keys(values);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      let column = shape.columns.get(key);
      if (column === undefined) {
        if (shape.columns.size >= this.maxColumns || key.length > this.maxName) {
          shape.columnsOverCap++;
          continue;
        }
        column = newColumn(key);
        shape.columns.set(key, column);
      }
      this.noteValue(column, values[key]);
    }
  }

  /** Counts a record of `table` that was received but not learned (a sampled tail). */
  count(table: string): void {
    this.version++;
    const shape = this.shapeOf(table);
    if (shape) shape.received++;
  }

  /** Forgets everything. */
  clear(): void {
    this.shapes.clear();
    this.recordsOverCap = 0;
    this.noCategory = 0;
    this.version++;
  }

  private shapeOf(name: string): TableShape | undefined {
    if (name === '') {
      this.noCategory++;
      return undefined;
    }
    let shape = this.shapes.get(name);
    if (shape === undefined) {
      if (this.shapes.size >= this.maxTables || name.length > this.maxName) {
        this.recordsOverCap++;
        return undefined;
      }
      shape = { table: name, records: 0, received: 0, noProperties: 0, columns: new Map(), columnsOverCap: 0 };
      this.shapes.set(name, shape);
    }
    return shape;
  }

  private noteTime(shape: TableShape, time: unknown): void {
    if (typeof time !== 'string') return;
    const ms = Date.parse(time);
    if (Number.isNaN(ms)) return;
    if (shape.firstMs === undefined || ms < shape.firstMs) {
      shape.firstMs = ms;
      shape.firstSeen = printablePreview(time, 40);
    }
    if (shape.lastMs === undefined || ms > shape.lastMs) {
      shape.lastMs = ms;
      shape.lastSeen = printablePreview(time, 40);
    }
  }

  private noteValue(column: ColumnShape, value: unknown): void {
    column.count++;
    const kinds = column.kinds;
    switch (typeof value) {
      case 'string':
        kinds.string++;
        if (value === '') {
          column.emptyStrings++;
          return;
        }
        break;
      case 'number':
        kinds.number++;
        if (!Number.isInteger(value)) column.fractions++;
        else if (value > INT_MAX || value < INT_MIN) column.beyond32Bits++;
        if (value !== 0 && value !== 1) column.notZeroOne++;
        break;
      case 'bigint':
        kinds.number++;
        if (value > INT_MAX || value < INT_MIN) column.beyond32Bits++;
        if (value !== 0n && value !== 1n) column.notZeroOne++;
        break;
      case 'boolean':
        kinds.bool++;
        break;
      case 'object':
        if (value === null) {
          kinds.null++;
          return;
        }
        if (Array.isArray(value)) kinds.array++;
        else kinds.object++;
        break;
      default:
        kinds.null++; // undefined (not JSON): as absent
        return;
    }
    if (column.sample === undefined) column.sample = sampleText(value, this.maxSample);
  }
}

function newColumn(name: string): ColumnShape {
  return {
    name,
    count: 0,
    kinds: { string: 0, number: 0, bool: 0, object: 0, array: 0, null: 0 },
    emptyStrings: 0,
    fractions: 0,
    beyond32Bits: 0,
    notZeroOne: 0,
  };
}

/** A value as short printable JSON text (a string keeps its quotes, so "42" and 42 differ). */
function sampleText(value: unknown, max: number): string {
  let text: string;
  try {
    if (typeof value === 'string') text = JSON.stringify(value.length > max ? value.slice(0, max) : value);
    else if (typeof value === 'bigint') text = value.toString();
    else text = JSON.stringify(value) ?? '';
  } catch {
    text = Array.isArray(value) ? '[…]' : '{…}';
  }
  return printablePreview(text, max);
}
