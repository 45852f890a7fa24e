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
  /** Picking none (or the first item, "Every table") means every table (a tail); otherwise picking none is the same as dismissing. */
  readonly noneMeansAll?: boolean;
  /** The tables offered (default: every catalog table). */
  readonly tables?: readonly TableDef[];
}

const EVERY_TABLE = '$(list-flat) Every table';

/**
 * The one table picker: a multi-select of the catalog's tables, streamed ones first, each with its
 * stream status ("streamed (GA)", "seen in real streams", "Advanced Hunting only"). Dismissed: `UserCancelledError`.
 */
export async function pickTables(input: UserInput, options: PickTablesOptions): Promise<string[]> {
  const preselected = options.preselected ?? [];
  // Enter with nothing checked takes the highlighted item: where none means all, that is this first one.
  const every: TableItem[] = options.noneMeansAll ? [{ label: EVERY_TABLE, description: 'no table filter', table: '' }] : [];
  const items: TableItem[] = [
    ...every,
    ...(options.tables ?? TABLES).map((t) => ({
      label: t.name,
      description: `${streamStatusLabel(t.streamStatus)} · ${t.columns.length} columns`,
      picked: preselected.includes(t.name),
      table: t.name,
    })),
  ];
  const picked = await input.showQuickPick(items, {
    canPickMany: true,
    title: options.title,
    placeHolder: options.noneMeansAll ? 'Tables to show (pick none for every table)' : 'Choose one or more Advanced Hunting tables',
    matchOnDescription: false,
  });
  if (options.noneMeansAll && (picked.length === 0 || picked.some((item) => item.table === ''))) return [];
  if (picked.length === 0) throw new UserCancelledError();
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

/** An ISO time typed by the user, as epoch ms, or undefined. */
function isoTime(text: string): number | undefined {
  const value = text.trim();
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}

const TIME_WINDOW = 'time window';

/**
 * Where a tail starts and, optionally, where it ends: the setting's position, or (when the setting is
 * "ask") a choice that includes a time window, from one ISO time until another, by enqueued time.
 */
export async function pickStartOrWindow(
  input: UserInput,
  setting: StartSetting,
  title: string,
): Promise<{ start: StartPosition; until?: Date }> {
  if (setting !== 'ask') return { start: startPositionFromSetting(setting) };
  const picked = await input.showQuickPick(
    [
      ...START_CHOICES.map((c) => ({ label: c.label, detail: c.detail, setting: c.setting as string })),
      {
        label: 'A time window...',
        detail: 'Events enqueued between two times; the tail stops once it has read them',
        setting: TIME_WINDOW,
      },
    ],
    { title, placeHolder: 'Where should the tail start reading?' },
  );
  if (picked.setting !== TIME_WINDOW) return { start: startPositionFromSetting(picked.setting) };
  const example = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16) + 'Z';
  const fromText = await input.showInputBox({
    title,
    prompt: `From: an ISO time (UTC with Z, e.g. ${example})`,
    value: example,
    validateInput: (v) => (isoTime(v) === undefined ? 'An ISO time, e.g. 2025-01-31T09:00:00Z.' : undefined),
  });
  const from = isoTime(fromText)!;
  const untilText = await input.showInputBox({
    title,
    prompt: 'Until: an ISO time after the start',
    value: new Date(Math.min(Date.now(), from + 15 * 60_000)).toISOString().slice(0, 19) + 'Z',
    validateInput: (v) => {
      const until = isoTime(v);
      return until === undefined
        ? 'An ISO time, e.g. 2025-01-31T09:15:00Z.'
        : until < from
          ? 'Until must not be before the start.'
          : undefined;
    },
  });
  return { start: { kind: 'time', enqueuedAfter: new Date(from) }, until: new Date(isoTime(untilText)!) };
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
