import type * as vscode from 'vscode';
import { TABLES, streamStatusLabel, type TableDef } from '../../core/catalog/schemaCatalog';
import type { StartSetting } from '../../config/settings';
import { CURRENT_HOUR_CHOICE, START_CHOICES, startPositionFromSetting } from '../../tail/startSetting';
import { checkIsoTime, parseIsoTime, parseOffsets, parseSequenceNumbers, parseWindowEnd, type Parsed } from '../../tail/startInput';
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

interface StartItem extends vscode.QuickPickItem {
  readonly setting: string;
}

const TIME = '$time';
const SEQUENCE = '$sequence';
const OFFSET = '$offset';
const TIME_WINDOW = '$window';
const START_PLACEHOLDER = 'Where should the tail start reading?';

/** The choices of the start picker: the list's positions, then those typed in (a time, sequence numbers, offsets). */
function startItems(options: { readonly currentHour?: boolean; readonly first?: StartSetting }): StartItem[] {
  const choices: ReadonlyArray<{ readonly setting: string; readonly label: string; readonly detail: string }> = options.currentHour
    ? [START_CHOICES[0], CURRENT_HOUR_CHOICE, ...START_CHOICES.slice(1)]
    : START_CHOICES;
  const items: StartItem[] = [
    ...choices.map((c) => ({ label: c.label, detail: c.detail, setting: c.setting })),
    { label: 'A time...', detail: 'Events enqueued after a time you type (ISO, e.g. 2025-01-31T09:00:00Z)', setting: TIME },
  ];
  // A Storage tail (the current hour's blob) has no partitions, so no sequence numbers or offsets.
  if (!options.currentHour)
    items.push(
      {
        label: 'Sequence numbers...',
        detail: "Per partition, e.g. 0:1200, 1:980 (as the portal's Data Explorer); partitions not listed start at latest",
        setting: SEQUENCE,
      },
      {
        label: 'Offsets...',
        detail: "Per partition, e.g. 0:4096, 1:0 (an event's offset, as Event Hubs gives it); partitions not listed start at latest",
        setting: OFFSET,
      },
    );
  // The setting's position first (Enter takes it), said to be the setting's.
  const first = items.findIndex((i) => i.setting === options.first);
  if (first > 0) items.unshift(...items.splice(first, 1));
  if (first >= 0) items[0] = { ...items[0], description: 'the tail.startPosition setting' };
  return items;
}

/** An ISO time typed in, checked. */
async function askTime(input: UserInput, title: string, prompt: string, value: string): Promise<number> {
  const text = await input.showInputBox({ title, prompt, value, validateInput: (v) => checkIsoTime(v) });
  return parseIsoTime(text)!;
}

/** partition:value pairs typed in, checked as they are typed by `parse`. */
async function askPairs<T>(
  input: UserInput,
  title: string,
  prompt: string,
  placeHolder: string,
  parse: (text: string) => Parsed<Record<string, T>>,
): Promise<Record<string, T>> {
  const text = await input.showInputBox({
    title,
    prompt,
    placeHolder,
    validateInput: (v) => {
      const parsed = parse(v);
      return parsed.ok ? undefined : parsed.reason;
    },
  });
  const parsed = parse(text);
  if (!parsed.ok) throw new UserCancelledError(); // validated above; a scripted answer that is not
  return parsed.value;
}

/** The start position of a picked item (asking for the time, sequence numbers or offsets it needs). */
async function startOf(input: UserInput, title: string, setting: string): Promise<StartPosition> {
  if (setting === TIME) {
    const example = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16) + 'Z';
    const at = await askTime(input, title, `Start at: an ISO time (UTC with Z, e.g. ${example}); events enqueued after it`, example);
    return { kind: 'time', enqueuedAfter: new Date(at) };
  }
  if (setting === SEQUENCE) {
    const sequenceNumbers = await askPairs(
      input,
      title,
      'Sequence numbers per partition, partition:sequence separated by commas (e.g. 0:1200, 1:980); each partition starts at its number, partitions not listed start at latest',
      '0:1200, 1:980',
      parseSequenceNumbers,
    );
    return { kind: 'sequence', sequenceNumbers };
  }
  if (setting === OFFSET) {
    const offsets = await askPairs(
      input,
      title,
      'Offsets per partition, partition:offset separated by commas (e.g. 0:4096, 1:0); each partition starts at the event at its offset, partitions not listed start at latest',
      '0:4096, 1:0',
      parseOffsets,
    );
    return { kind: 'offset', offsets };
  }
  return startPositionFromSetting(setting);
}

/**
 * The one start-position picker: the setting's position, or a choice when the setting is "ask": the list's
 * positions, a time typed in, or sequence numbers per partition; a Storage tail (`currentHour`) is also
 * offered the start of the current hour's blob (and no sequence numbers).
 */
export async function pickStartPosition(
  input: UserInput,
  setting: StartSetting,
  title: string,
  options: { readonly currentHour?: boolean } = {},
): Promise<StartPosition> {
  if (setting !== 'ask') return startPositionFromSetting(setting);
  const picked = await input.showQuickPick(startItems(options), { title, placeHolder: START_PLACEHOLDER });
  return startOf(input, title, picked.setting);
}

/** Where a tail starts and, for a time window, where it ends: at a time, or after a number of matching records. */
export interface StartOrWindow {
  readonly start: StartPosition;
  /** The window ends at this enqueued time. */
  readonly until?: Date;
  /** The window ends after this many matching records. */
  readonly maxMatches?: number;
}

/**
 * The start picker of Tail to Editor: always asked (the setting's position first), with the same choices as
 * `pickStartPosition` and a time window: from an ISO time until another, or until a number of matches.
 */
export async function pickStartOrWindow(input: UserInput, setting: StartSetting, title: string): Promise<StartOrWindow> {
  const picked = await input.showQuickPick(
    [
      ...startItems({ first: setting }),
      {
        label: 'A time window...',
        detail: 'From a time until another, or until a number of matches; the tail stops once it has read them',
        setting: TIME_WINDOW,
      },
    ],
    { title, placeHolder: START_PLACEHOLDER },
  );
  if (picked.setting !== TIME_WINDOW) return { start: await startOf(input, title, picked.setting) };
  const example = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16) + 'Z';
  const from = await askTime(input, title, `From: an ISO time (UTC with Z, e.g. ${example})`, example);
  const untilText = await input.showInputBox({
    title,
    prompt: 'Until: a time, or a number of matches (an ISO time after the start, or e.g. 100)',
    value: new Date(Math.min(Date.now(), from + 15 * 60_000)).toISOString().slice(0, 19) + 'Z',
    validateInput: (v) => {
      const end = parseWindowEnd(v, from);
      return end.ok ? undefined : end.reason;
    },
  });
  const end = parseWindowEnd(untilText, from);
  if (!end.ok) throw new UserCancelledError();
  const start: StartPosition = { kind: 'time', enqueuedAfter: new Date(from) };
  return end.value.kind === 'time' ? { start, until: new Date(end.value.untilMs) } : { start, maxMatches: end.value.count };
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
