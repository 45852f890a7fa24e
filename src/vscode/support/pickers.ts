import type * as vscode from 'vscode';
import { TABLES } from '../../core/catalog/schemaCatalog';
import type { StartSetting } from '../../config/settings';
import { START_CHOICES, startPositionFromSetting } from '../../tail/startSetting';
import type { StartPosition } from '../../tail/types';
import { UserCancelledError } from './cancel';
import type { UserInput } from './userInput';

interface TableItem extends vscode.QuickPickItem {
  readonly table: string;
}

export interface PickTablesOptions {
  readonly title: string;
  /** Tables checked when the picker opens. */
  readonly preselected?: readonly string[];
  /** Picking none means every table (a tail); otherwise picking none is the same as dismissing. */
  readonly noneMeansAll?: boolean;
}

/** The one table picker: a multi-select of the catalog's tables. Dismissed: `UserCancelledError`. */
export async function pickTables(input: UserInput, options: PickTablesOptions): Promise<string[]> {
  const preselected = options.preselected ?? [];
  const items: TableItem[] = TABLES.map((t) => ({
    label: t.name,
    description: `${t.columns.length} columns`,
    picked: preselected.includes(t.name),
    table: t.name,
  }));
  const picked = await input.showQuickPick(items, {
    canPickMany: true,
    title: options.title,
    placeHolder: options.noneMeansAll ? 'Tables to show (pick none for every table)' : 'Choose one or more Advanced Hunting tables',
    matchOnDescription: false,
  });
  if (picked.length === 0 && !options.noneMeansAll) throw new UserCancelledError();
  return picked.map((item) => item.table);
}

/** The one start-position picker: the setting's position, or a choice when the setting is "ask". */
export async function pickStartPosition(input: UserInput, setting: StartSetting, title: string): Promise<StartPosition> {
  if (setting !== 'ask') return startPositionFromSetting(setting);
  const picked = await input.showQuickPick(
    START_CHOICES.map((c) => ({ label: c.label, detail: c.detail, setting: c.setting })),
    { title, placeHolder: 'Where should the tail start reading?' },
  );
  return startPositionFromSetting(picked.setting);
}
