import { getTable, getTableByHubName } from '../core/catalog/schemaCatalog';

/**
 * The catalog tables a command argument points at: a hubs-tree node or HubTarget (`table`, or a
 * per-table `hubName`), the tail panel's `{tables: [...]}`, or an array of those (a multi-selection).
 * Unknown names are ignored: the result only holds catalog tables, deduplicated, in order.
 */
export function tablesFromArgument(...args: unknown[]): string[] {
  const out: string[] = [];
  const add = (name: string | undefined): void => {
    if (name !== undefined && !out.includes(name)) out.push(name);
  };
  const visit = (arg: unknown, depth: number): void => {
    if (depth > 2 || typeof arg !== 'object' || arg === null) return;
    if (Array.isArray(arg)) {
      for (const item of arg) visit(item, depth + 1);
      return;
    }
    const { table, hubName, tables } = arg as { table?: unknown; hubName?: unknown; tables?: unknown };
    if (typeof table === 'string') add(getTable(table)?.name);
    else if (typeof hubName === 'string') add(getTableByHubName(hubName)?.name);
    if (Array.isArray(tables)) for (const t of tables) if (typeof t === 'string') add(getTable(t)?.name);
  };
  for (const arg of args) visit(arg, 0);
  return out;
}
