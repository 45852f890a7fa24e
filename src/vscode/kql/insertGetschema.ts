import { getschemaTemplate } from '../../kql/getschemaQuery';
import { tablesFromArgument } from '../../kql/contextTables';
import type { UserInput } from '../support/userInput';
import { insertQuery, type InsertedQuery } from './insertQuery';
import { pickTables } from '../support/pickers';

/**
 * `defenderStream.insertGetschemaQuery`: pick tables (pre-selected from a per-table hub node or a tail's
 * table filter) and insert one getschema query per table.
 */
export async function insertGetschemaQuery(input: UserInput, args: readonly unknown[]): Promise<InsertedQuery | undefined> {
  const tables = await pickTables(input, { title: 'Insert getschema Query', preselected: tablesFromArgument(...args) });
  return insertQuery(getschemaTemplate(tables));
}
