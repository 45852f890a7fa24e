import type * as vscode from 'vscode';
import { DECORATION_COLUMNS, getTable } from '../../core/catalog/schemaCatalog';
import {
  columnLabel,
  columnOptions,
  columnsOfHub,
  parseColumnOrder,
  parseStoredColumns,
  withTableColumns,
  type TableColumns,
} from '../../liveTail/columnChoice';
import type { ColumnRequest } from '../../liveTail/liveTailController';
import { UserCancelledError } from '../support/cancel';
import type { UserInput } from '../support/userInput';

/** The global state key of the Live Tail's chosen columns (all hubs in one bounded value). */
export const COLUMNS_STATE_KEY = 'defenderStream.liveTail.columns';

const TITLE = 'Live Tail: Choose Columns';

/** The chosen columns of one hub, as the global state holds them (checked when read). */
export function readHubColumns(state: vscode.Memento, hub: string): TableColumns {
  return columnsOfHub(parseStoredColumns(state.get<unknown>(COLUMNS_STATE_KEY)), hub);
}

interface ColumnItem extends vscode.QuickPickItem {
  readonly column: string;
}

/** The catalog's columns of a table (with the columns Defender adds to every table), in documentation order. */
export function catalogColumns(table: string): string[] {
  const def = getTable(table);
  return def ? [...def.columns.map((c) => c.name), ...DECORATION_COLUMNS.map((c) => c.name)] : [];
}

/**
 * "Columns…" of a Live Tail: which table (unless the page named one), which columns (a multi-select:
 * the catalog's and those seen in records; the summary is one of them), then their order (an input
 * box, when more than one is picked). Saves the choice for the hub; answers the hub's columns, or
 * `undefined` when the user backed out.
 */
export async function promptColumns(
  input: UserInput,
  state: vscode.Memento,
  hub: string,
  request: ColumnRequest,
): Promise<TableColumns | undefined> {
  try {
    const table = request.table ?? (await pickTableInView(input, request.tables));
    const current = readHubColumns(state, hub)[table];
    const items: ColumnItem[] = columnOptions(current, catalogColumns(table), request.seen(table)).map((o) => ({
      label: columnLabel(o.name),
      description: o.source === 'summary' ? 'the one-line summary (the default)' : o.source === 'seen' ? 'seen in records' : undefined,
      picked: o.picked,
      column: o.name,
    }));
    const picked = (
      await input.showQuickPick(items, {
        canPickMany: true,
        title: `${TITLE}: ${table}`,
        placeHolder: 'Check the columns to show (Summary alone: the default)',
        matchOnDescription: true,
      })
    ).map((i) => i.column);
    let order = picked;
    if (picked.length > 1) {
      const typed = await input.showInputBox({
        title: `${TITLE}: ${table}`,
        prompt: 'The order of the columns, left to right (comma-separated; Enter keeps this order)',
        value: picked.map(columnLabel).join(', '),
        validateInput: (text) => {
          const result = parseColumnOrder(text, picked);
          return 'problem' in result ? result.problem : undefined;
        },
      });
      const result = parseColumnOrder(typed, picked);
      if ('problem' in result) return undefined;
      order = result.order;
    }
    const next = withTableColumns(parseStoredColumns(state.get<unknown>(COLUMNS_STATE_KEY)), hub, table, order);
    await state.update(COLUMNS_STATE_KEY, next);
    return columnsOfHub(next, hub);
  } catch (error) {
    if (error instanceof UserCancelledError) return undefined;
    throw error;
  }
}

/** The table to choose columns for: those that arrived first, then the catalog's streamed ones. */
async function pickTableInView(input: UserInput, tables: readonly string[]): Promise<string> {
  const picked = await input.showQuickPick(
    tables.map((t) => ({ label: t, table: t })),
    { title: TITLE, placeHolder: 'Which table’s columns?' },
  );
  return picked.table;
}
