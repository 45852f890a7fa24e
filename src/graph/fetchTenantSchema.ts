import { getschemaQuery } from '../kql/getschemaQuery';
import { parseGetschema, type ImportedTable } from '../tenantSchema/getschema';
import { HuntingError } from './huntingErrors';
import type { HuntingResult } from './runHuntingQuery';

export interface TableFailure {
  readonly table: string;
  readonly message: string;
}

export interface FetchedSchema {
  readonly tables: readonly ImportedTable[];
  /** Tables the tenant could not describe (unknown there, or the answer was not getschema rows). */
  readonly failed: readonly TableFailure[];
}

/**
 * Runs `<Table> | getschema | project ColumnName, ColumnType` in Advanced Hunting for each table, one
 * query per table (so a table the tenant lacks fails alone), and reads the rows with the getschema
 * parser of Import getschema Result. Errors that are not about one table (sign-in, permission,
 * throttling, network, cancel) end the whole fetch.
 */
export async function fetchTenantSchema(
  tables: readonly string[],
  run: (query: string) => Promise<HuntingResult>,
  onTable?: (table: string, index: number) => void,
): Promise<FetchedSchema> {
  const fetched: ImportedTable[] = [];
  const failed: TableFailure[] = [];
  for (const [index, table] of tables.entries()) {
    onTable?.(table, index);
    let result: HuntingResult;
    try {
      result = await run(getschemaQuery(table));
    } catch (error) {
      if (error instanceof HuntingError && error.kind === 'query') {
        failed.push({ table, message: error.message });
        continue;
      }
      throw error;
    }
    if (result.results.length === 0) {
      failed.push({ table, message: 'getschema returned no columns.' });
      continue;
    }
    try {
      const parsed = parseGetschema(JSON.stringify(result), { table });
      fetched.push(...parsed.tables.filter((t) => t.name === table));
    } catch (error) {
      failed.push({ table, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { tables: fetched, failed };
}
