import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { tooDeepAt } from '../core/decode/jsonDepth';
import type { ColumnDef } from '../core/catalog/types';
import { csvRows, gridRows, type Cell, type CellRow } from './cells';
import { GetschemaError, lineAndColumn, TableNameNeededError } from './errors';
import { readKustoType } from './kustoTypes';
import { SCHEMA_LIMITS } from './limits';
import { nameProblem, shownName } from './names';
import { parseTenantSchemaText } from './schemaFile';

export type GetschemaFormat = 'csv' | 'json' | 'text';

/** One table of an import: its columns in getschema order. */
export interface ImportedTable {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
}

export interface GetschemaImport {
  readonly format: GetschemaFormat;
  /** In the order the data first names them (one table when the caller named it). */
  readonly tables: readonly ImportedTable[];
  /** Whether the rows named their tables (a TableName column), rather than the caller. */
  readonly namedByData: boolean;
  /** Things worth saying that are not errors (a `timespan` column kept as `string`). */
  readonly notes: readonly string[];
}

export interface GetschemaOptions {
  /** The table the rows describe, when they name none themselves. */
  readonly table?: string;
}

/** One getschema row: a column of a table. */
interface SchemaRow {
  readonly line: number;
  readonly table?: Cell;
  readonly name: Cell;
  readonly columnType?: Cell;
  readonly dataType?: Cell;
  readonly ordinal?: Cell;
}

/** Header names of the value that names a row's table (`union withsource=TableName`, `extend TableName=...`). */
const TABLE_HEADERS = new Set(['tablename', 'table', 'sourcetable', 'table_name', 'mdtables', '$table']);
/** Nesting that getschema JSON never needs (a Graph response is three levels deep). */
const MAX_JSON_DEPTH = 16;

/**
 * Reads what `<Table> | getschema | project ColumnName, ColumnType` (or the full getschema output:
 * ColumnName, ColumnOrdinal, DataType, ColumnType) returns, as the Defender portal exports it or as it
 * was copied: CSV (header row, quoted values, BOM), JSON (an array of row objects, a Graph
 * `runHuntingQuery` response `{"schema": [...], "results": [...]}`, or a stored tenant schema), or
 * text from a results grid (tab- or space-separated, with or without a header). Rows with a table
 * column (`TableName`, `Table`...) make one table each; otherwise `options.table` names the one table
 * (without it: TableNameNeededError). Malformed input: GetschemaError naming the line. Linear time;
 * at most SCHEMA_LIMITS.maxInputChars characters and maxRows rows.
 */
export function parseGetschema(text: string, options: GetschemaOptions = {}): GetschemaImport {
  if (text.length > SCHEMA_LIMITS.maxInputChars)
    throw new GetschemaError(`the input is larger than ${SCHEMA_LIMITS.maxInputChars / (1024 * 1024)} MB: that is not getschema output.`);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(source);
  if (!first) throw new GetschemaError('there is nothing to import (the input is empty).');
  if (first[0] === '{' || first[0] === '[') return fromJson(source, options);
  const firstLine = source.slice(first.index, (source.indexOf('\n', first.index) + 1 || source.length + 1) - 1);
  const csv = !firstLine.includes('\t') && firstLine.includes(',');
  const rows = csv ? csvRows(source) : gridRows(source);
  return build(csv ? 'csv' : 'text', fromCells(rows), options);
}

// ---- CSV and grid text ----

function isType(cell: Cell | undefined): boolean {
  return cell !== undefined && readKustoType(cell.text) !== undefined;
}

function isOrdinal(cell: Cell | undefined): boolean {
  return cell !== undefined && /^\d{1,6}$/.test(cell.text);
}

/** Where each value of a row sits, from a header or from the shape of the first row. */
interface Layout {
  readonly name: number;
  readonly columnType?: number;
  readonly dataType?: number;
  readonly ordinal?: number;
  readonly table?: number;
  readonly width: number;
}

function headerLayout(row: CellRow): Layout | undefined {
  const index = (wanted: (h: string) => boolean): number | undefined => {
    const i = row.cells.findIndex((c) => wanted(c.text.toLowerCase()));
    return i < 0 ? undefined : i;
  };
  const name = index((h) => h === 'columnname');
  if (name === undefined) return undefined;
  const layout: Layout = {
    name,
    columnType: index((h) => h === 'columntype'),
    dataType: index((h) => h === 'datatype'),
    ordinal: index((h) => h === 'columnordinal'),
    table: index((h) => TABLE_HEADERS.has(h)),
    width: row.cells.length,
  };
  if (layout.columnType === undefined && layout.dataType === undefined)
    throw new GetschemaError('the header has a ColumnName but no ColumnType or DataType.', row.line);
  return layout;
}

/** Rows without a header: `Name, Type`; `Table, Name, Type`; full getschema `Name, Ordinal, DataType, ColumnType`, with a table first or last. */
function shapeLayout(row: CellRow): Layout {
  const c = row.cells;
  const width = c.length;
  if (width === 2 && isType(c[1])) return { name: 0, columnType: 1, width };
  if (width === 3 && isType(c[2])) return { table: 0, name: 1, columnType: 2, width };
  if (width === 3 && isType(c[1])) return { name: 0, columnType: 1, table: 2, width };
  if (width === 4 && isOrdinal(c[1])) return { name: 0, ordinal: 1, dataType: 2, columnType: 3, width };
  if (width === 5 && isOrdinal(c[1])) return { name: 0, ordinal: 1, dataType: 2, columnType: 3, table: 4, width };
  if (width === 5 && isOrdinal(c[2])) return { table: 0, name: 1, ordinal: 2, dataType: 3, columnType: 4, width };
  throw new GetschemaError(
    width === 1
      ? `one value (${shownName(c[0].text)}) where a column name and its type were expected.`
      : `${width} values that do not read as getschema output (ColumnName, ColumnType): add the header row getschema returns.`,
    row.line,
  );
}

function fromCells(rows: readonly CellRow[]): SchemaRow[] {
  if (rows.length === 0) throw new GetschemaError('there is nothing to import (the input is empty).');
  const header = headerLayout(rows[0]);
  const layout = header ?? shapeLayout(rows[0]);
  const out: SchemaRow[] = [];
  for (let r = header ? 1 : 0; r < rows.length; r++) {
    const row = rows[r];
    const cells = row.cells;
    const needed = Math.max(layout.name, layout.columnType ?? 0, layout.dataType ?? 0, layout.ordinal ?? 0, layout.table ?? 0) + 1;
    if (cells.length < needed || (!header && cells.length !== layout.width))
      throw new GetschemaError(`${cells.length} value${cells.length === 1 ? '' : 's'} where ${layout.width} were expected.`, row.line);
    const at = (i: number | undefined): Cell | undefined => (i === undefined ? undefined : cells[i]);
    out.push({
      line: row.line,
      name: cells[layout.name],
      columnType: at(layout.columnType),
      dataType: at(layout.dataType),
      ordinal: at(layout.ordinal),
      table: at(layout.table),
    });
  }
  if (out.length === 0) throw new GetschemaError('there are no rows after the header.', rows[0].line);
  return out;
}

// ---- JSON ----

function fromJson(text: string, options: GetschemaOptions): GetschemaImport {
  const deep = tooDeepAt(text, MAX_JSON_DEPTH);
  if (deep >= 0) {
    const at = lineAndColumn(text, deep);
    throw new GetschemaError(`nested more than ${MAX_JSON_DEPTH} levels deep: that is not getschema output.`, at.line, at.column);
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: false, allowTrailingComma: false });
  if (errors.length > 0 || !root) {
    const error = errors[0];
    const at = lineAndColumn(text, error?.offset ?? 0);
    throw new GetschemaError(`not valid JSON (${error ? printParseErrorCode(error.error) : 'no value'}).`, at.line, at.column);
  }
  const cell = (node: Node): Cell => {
    const at = lineAndColumn(text, node.offset);
    const value: unknown = node.value;
    const textValue =
      node.type === 'string' ? String(value) : node.type === 'number' ? String(value) : node.type === 'null' ? '' : undefined;
    if (textValue === undefined) throw new GetschemaError('expected a text value here.', at.line, at.column);
    return { text: textValue.trim(), line: at.line, column: at.column };
  };
  const fail = (node: Node, message: string): never => {
    const at = lineAndColumn(text, node.offset);
    throw new GetschemaError(message, at.line, at.column);
  };
  if (root.type === 'array') return build('json', rowsFromObjects(root, cell, fail), options);
  if (root.type !== 'object') return fail(root, 'expected an array of getschema rows or a hunting query response.');
  const props = properties(root);
  if (props.has('tables') && props.has('version')) {
    // A tenant schema stored by this extension (another workspace's .defender-stream/schema.json).
    const schema = parseTenantSchemaText(text);
    return {
      format: 'json',
      tables: Object.keys(schema.tables).map((name) => ({ name, columns: schema.tables[name].columns })),
      namedByData: true,
      notes: [],
    };
  }
  const results = props.get('results');
  const schema = props.get('schema');
  if (!results && !schema)
    return fail(root, 'expected an array of getschema rows or a hunting query response {"schema": [...], "results": [...]}.');
  if (results && results.type !== 'array') return fail(results, '"results" should be an array of rows.');
  const firstRow = results?.children?.[0];
  if (results && firstRow && firstRow.type === 'object' && properties(firstRow).has('columnname'))
    return build('json', rowsFromObjects(results, cell, fail), options);
  if (results && results.children?.length === 0 && schema && schemaDescribesGetschema(schema))
    throw new GetschemaError('the getschema query returned no rows.');
  // The response of any other query: its schema describes the queried table's columns.
  if (!schema || schema.type !== 'array') return fail(schema ?? root, '"schema" should be an array of {"name", "type"}.');
  const rows: SchemaRow[] = [];
  for (const item of schema.children ?? []) {
    if (item.type !== 'object') fail(item, 'each "schema" entry should be an object {"name", "type"}.');
    const p = properties(item);
    const name = p.get('name');
    const type = p.get('type');
    if (!name || !type) return fail(item, 'each "schema" entry needs "name" and "type".');
    const nameCell = cell(name);
    rows.push({ line: nameCell.line, name: nameCell, dataType: cell(type) });
    if (rows.length > SCHEMA_LIMITS.maxRows) fail(item, `more than ${SCHEMA_LIMITS.maxRows} columns.`);
  }
  if (rows.length === 0) return fail(schema, '"schema" lists no columns.');
  return build('json', rows, options);
}

function schemaDescribesGetschema(schema: Node): boolean {
  return (schema.children ?? []).some(
    (item) => item.type === 'object' && /^columnname$/i.test(String(properties(item).get('name')?.value)),
  );
}

/** An object node's properties by lower-cased key (the first of duplicates). */
function properties(node: Node): Map<string, Node> {
  const map = new Map<string, Node>();
  for (const prop of node.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (!key || !value) continue;
    const name = String(key.value).toLowerCase();
    if (!map.has(name)) map.set(name, value);
  }
  return map;
}

function rowsFromObjects(array: Node, cell: (node: Node) => Cell, fail: (node: Node, message: string) => never): SchemaRow[] {
  const items = array.children ?? [];
  if (items.length === 0) fail(array, 'the array holds no rows.');
  if (items.length > SCHEMA_LIMITS.maxRows) fail(items[SCHEMA_LIMITS.maxRows], `more than ${SCHEMA_LIMITS.maxRows} rows.`);
  const rows: SchemaRow[] = [];
  for (const item of items) {
    if (item.type !== 'object') fail(item, 'expected a row object {"ColumnName": ..., "ColumnType": ...}.');
    const p = properties(item);
    const name = p.get('columnname');
    if (!name) return fail(item, 'this row has no "ColumnName".');
    const columnType = p.get('columntype');
    const dataType = p.get('datatype');
    if (!columnType && !dataType) return fail(item, 'this row has no "ColumnType" or "DataType".');
    const ordinal = p.get('columnordinal');
    let table: Node | undefined;
    for (const [key, value] of p) if (TABLE_HEADERS.has(key)) table ??= value;
    const nameCell = cell(name);
    rows.push({
      line: nameCell.line,
      name: nameCell,
      columnType: columnType && cell(columnType),
      dataType: dataType && cell(dataType),
      ordinal: ordinal && cell(ordinal),
      table: table && cell(table),
    });
  }
  return rows;
}

// ---- Rows to tables ----

interface TableRows {
  readonly columns: Array<{ column: ColumnDef; ordinal: number; line: number }>;
  /** Line of each column name seen so far. */
  readonly lines: Map<string, number>;
}

function build(format: GetschemaFormat, rows: readonly SchemaRow[], options: GetschemaOptions): GetschemaImport {
  const namedByData = rows.some((r) => r.table !== undefined);
  let fixed: string | undefined;
  if (!namedByData) {
    if (options.table === undefined) throw new TableNameNeededError();
    const problem = nameProblem(options.table);
    if (problem) throw new GetschemaError(`the table name ${shownName(options.table)} ${problem}.`);
    fixed = options.table;
  }
  const tables = new Map<string, TableRows>();
  const notes: string[] = [];
  for (const row of rows) {
    let table = fixed;
    if (table === undefined) {
      const cell = row.table;
      if (!cell || cell.text === '') throw new GetschemaError('this row names no table.', row.line);
      const problem = nameProblem(cell.text);
      if (problem) throw new GetschemaError(`the table name ${shownName(cell.text)} ${problem}.`, cell.line, cell.column);
      table = cell.text;
    }
    const nameProblemText = nameProblem(row.name.text);
    if (nameProblemText)
      throw new GetschemaError(`the column name ${shownName(row.name.text)} ${nameProblemText}.`, row.name.line, row.name.column);
    const typeCell = row.columnType && row.columnType.text !== '' ? row.columnType : row.dataType;
    if (!typeCell || typeCell.text === '') throw new GetschemaError(`column ${shownName(row.name.text)} has no type.`, row.line);
    const reading = readKustoType(typeCell.text);
    if (!reading)
      throw new GetschemaError(
        `${shownName(typeCell.text)} is not a Kusto type (string, long, int, bool, datetime, real, dynamic, guid, or a System.* DataType).`,
        typeCell.line,
        typeCell.column,
      );
    let entry = tables.get(table);
    if (!entry) {
      if (tables.size >= SCHEMA_LIMITS.maxTables) throw new GetschemaError(`more than ${SCHEMA_LIMITS.maxTables} tables.`, row.line);
      entry = { columns: [], lines: new Map() };
      tables.set(table, entry);
    }
    const { columns, lines } = entry;
    const earlier = lines.get(row.name.text);
    if (earlier !== undefined)
      throw new GetschemaError(
        `column ${shownName(row.name.text)} of ${table} appears twice (first on line ${earlier}).`,
        row.name.line,
        row.name.column,
      );
    lines.set(row.name.text, row.line);
    if (columns.length >= SCHEMA_LIMITS.maxColumns)
      throw new GetschemaError(`${table} has more than ${SCHEMA_LIMITS.maxColumns} columns.`, row.line);
    let ordinal = columns.length;
    if (row.ordinal && row.ordinal.text !== '') {
      if (!/^\d{1,6}$/.test(row.ordinal.text))
        throw new GetschemaError(
          `ColumnOrdinal ${shownName(row.ordinal.text)} is not a whole number.`,
          row.ordinal.line,
          row.ordinal.column,
        );
      ordinal = Number(row.ordinal.text);
    }
    if (reading.approximates) notes.push(`${table}.${row.name.text} is a ${reading.approximates}: checked as ${reading.type}.`);
    columns.push({ column: { name: row.name.text, type: reading.type }, ordinal, line: row.line });
  }
  return {
    format,
    namedByData,
    notes,
    tables: [...tables].map(([name, { columns }]) => ({
      name,
      columns: columns
        .map((c, i) => ({ ...c, i }))
        .sort((a, b) => a.ordinal - b.ordinal || a.i - b.i)
        .map((c) => c.column),
    })),
  };
}
