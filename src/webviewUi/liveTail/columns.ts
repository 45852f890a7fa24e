/**
 * The chosen columns of the Live Tail's rows: which ones a view shows and their values as text (as
 * received: numbers are not re-written, dynamic values are their JSON text). Pure: no DOM.
 */
import { SUMMARY_COLUMN, type FilterSpec, type WireEntry } from '../../liveTail/shared/protocol';
import { member, parseJsonTree, stringValue, type JsonNode } from './jsonTree';

export type ChosenColumns = Readonly<Record<string, readonly string[]>>;

/** Characters of one value shown in a cell. */
const MAX_VALUE = 300;
/** The record's values are read two levels deep (envelope, properties); deeper values stay text. */
const LIMITS = { maxDepth: 2, maxNodes: 100_000 };

/** The columns of the grid: the chosen ones of the one table the filter shows; `undefined`: the summary column. */
export function gridColumns(filter: FilterSpec, chosen: ChosenColumns): readonly string[] | undefined {
  if (filter.tables.length !== 1 || filter.other === true) return undefined;
  return Object.prototype.hasOwnProperty.call(chosen, filter.tables[0]) ? chosen[filter.tables[0] as string] : undefined;
}

/** The chosen columns of the table of a row (`undefined`: its summary). */
export function rowColumns(entry: WireEntry, chosen: ChosenColumns): readonly string[] | undefined {
  if (entry.kind !== 'record' || entry.table === '' || !Object.prototype.hasOwnProperty.call(chosen, entry.table)) return undefined;
  return chosen[entry.table];
}

/** A value as one line of text: strings decoded, null and missing empty, others as their JSON text. */
export function nodeText(node: JsonNode | undefined): string {
  if (node === undefined || node.kind === 'null') return '';
  let text: string;
  if (node.kind === 'string') text = stringValue(node.raw);
  else if (node.kind === 'object' || node.kind === 'array') text = node.kind === 'object' ? '{…}' : '[…]';
  else text = node.raw;
  text = text.replace(/[\r\n\t]+/g, ' ');
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/**
 * The values of `columns` in a row: each a `properties` column of the record, or an envelope field
 * (`time`, `category`, `tenantId`) when `properties` lacks it; the summary column is the row's summary.
 */
export function columnValues(entry: WireEntry, columns: readonly string[]): string[] {
  const tree = entry.kind === 'record' && columns.some((c) => c !== SUMMARY_COLUMN) ? parseJsonTree(entry.json, LIMITS) : undefined;
  const properties = member(tree, 'properties');
  return columns.map((name) => {
    if (name === SUMMARY_COLUMN) return entry.summary;
    const inProperties = member(properties, name);
    return nodeText(inProperties ?? member(tree, name));
  });
}

/** A column's header text. */
export function columnHeader(name: string): string {
  return name === SUMMARY_COLUMN ? 'Summary' : name;
}

/** The chosen columns of a row of another table shown in the summary cell: "Name: value · Name: value". */
export function joinedValues(entry: WireEntry, columns: readonly string[], values = columnValues(entry, columns)): string {
  return columns.map((c, i) => (c === SUMMARY_COLUMN ? values[i] : `${c}: ${values[i]}`)).join(' · ');
}
