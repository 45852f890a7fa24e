import type * as vscode from 'vscode';
import { TABLES, streamStatusLabel, type TableDef } from '../../core/catalog/schemaCatalog';
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
  /** The tables offered (default: every catalog table). */
  readonly tables?: readonly TableDef[];
}

/**
 * The one table picker: a multi-select of the catalog's tables, streamed ones first, each with its
 * stream status ("streamed (GA)", "seen in real streams", "Advanced Hunting only"). Dismissed: `UserCancelledError`.
 */
export async function pickTables(input: UserInput, options: PickTablesOptions): Promise<string[]> {
  const preselected = options.preselected ?? [];
  const items: TableItem[] = (options.tables ?? TABLES).map((t) => ({
    label: t.name,
    description: `${streamStatusLabel(t.streamStatus)} · ${t.columns.length} columns`,
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

export interface PickTableOptions {
  readonly title: string;
  /** Offered first (e.g. the table a file name suggests), with why. */
  readonly suggested?: { readonly table: string; readonly reason: string };
  /** Checks a typed name; returns why it cannot be used, or undefined. */
  readonly validateName: (name: string) => string | undefined;
}

const OTHER_TABLE = '$(edit) Another table...';

/** One table: a catalog table from a quick pick, or a name typed in. Dismissed: `UserCancelledError`. */
export async function pickTable(input: UserInput, options: PickTableOptions): Promise<string> {
  const suggested = options.suggested;
  const items: TableItem[] = [];
  if (suggested) items.push({ label: suggested.table, description: suggested.reason, table: suggested.table });
  for (const t of TABLES)
    if (t.name !== suggested?.table)
      items.push({ label: t.name, description: `${streamStatusLabel(t.streamStatus)} · ${t.columns.length} columns`, table: t.name });
  items.push({ label: OTHER_TABLE, description: 'type its name', table: '' });
  const picked = await input.showQuickPick(items, {
    title: options.title,
    placeHolder: 'Which Advanced Hunting table do these columns belong to?',
  });
  if (picked.table !== '') return picked.table;
  const typed = await input.showInputBox({
    title: options.title,
    prompt: 'The table name, exactly as Advanced Hunting spells it',
    validateInput: (value) => options.validateName(value.trim()),
  });
  return typed.trim();
}
