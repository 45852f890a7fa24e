import { TABLE_NAMES } from '../core/catalog/schemaCatalog';
import { assertTableName } from './names';
import { choice, type QueryTemplate } from './snippet';

/** `<Table> | getschema | project ColumnName, ColumnType`: the column names and Kusto types of a table. */
export function getschemaQuery(table: string): string {
  return `${assertTableName(table)} | getschema | project ColumnName, ColumnType`;
}

/** One getschema query per table, separated by a blank line (Kusto tools run the query under the cursor). */
export function getschemaTemplate(tables: readonly string[]): QueryTemplate {
  if (tables.length === 0) throw new Error('Choose at least one table.');
  return [tables.map(getschemaQuery).join('\n\n')];
}

/** The contributed `getschema` snippet: a choice of every catalog table, the streamed ones first. */
export function getschemaChoiceTemplate(tables: readonly string[] = TABLE_NAMES): QueryTemplate {
  return [choice(1, tables.map(assertTableName)), ' | getschema | project ColumnName, ColumnType'];
}
