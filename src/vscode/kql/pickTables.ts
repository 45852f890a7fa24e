import type * as vscode from 'vscode';
import { TABLES } from '../../core/catalog/schemaCatalog';
import type { UserInput } from '../support/userInput';

interface TableItem extends vscode.QuickPickItem {
  readonly table: string;
}

/** Multi-select quick pick of the 21 tables, `preselected` checked. Undefined when dismissed. */
export async function pickTables(input: UserInput, preselected: readonly string[], title: string): Promise<string[] | undefined> {
  const items: TableItem[] = TABLES.map((t) => ({ label: t.name, description: `${t.columns.length} columns`, picked: preselected.includes(t.name), table: t.name }));
  const picked = await input.showQuickPick(items, { canPickMany: true, title, placeHolder: 'Choose one or more Advanced Hunting tables', matchOnDescription: false });
  if (!picked || picked.length === 0) return undefined;
  return picked.map((item) => item.table);
}
