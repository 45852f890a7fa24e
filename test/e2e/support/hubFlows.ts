// Small helpers shared by the hubs and live-tail journeys: waiting for a condition, the "Add Event
// Hub" flow by connection string (each prompt is awaited before typing, or keystrokes race the
// next step), and reading one branch of the hubs tree.
import type { TreeItemInfo, TreeView } from './treeView';
import type { Workbench } from './workbench';
import { sleep } from './probe';

/** Polls `check` until it returns a truthy value; throws with `what` (and the last value seen) on timeout. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  timeout = 20_000,
  every = 150,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}${detail}`);
    }
    await sleep(every);
  }
}

/** Waits until the quick input shows a prompt/message or placeholder containing `text`. */
export async function waitForPrompt(wb: Workbench, text: string, timeout = 20_000): Promise<void> {
  await waitUntil(
    `the prompt "${text}"`,
    async () => {
      if (!(await wb.quickInput.isOpen())) return false;
      const shown = `${await wb.quickInput.message()}\n${await wb.quickInput.placeholder()}\n${await wb.quickInput.title()}`;
      return shown.includes(text);
    },
    timeout,
  );
}

export interface AddByConnectionString {
  /** Hub-level (with EntityPath): no hub prompt follows. */
  connectionString: string;
  label: string;
  consumerGroup?: string;
}

/**
 * Runs "Add Event Hub..." with a hub-level connection string up to the label. The quick connection
 * check runs after that: the caller waits for its outcome (the tree item, or the warning to
 * "Save Anyway").
 */
export async function addHubByConnectionString(wb: Workbench, o: AddByConnectionString): Promise<void> {
  await wb.runCommand('Defender Stream: Add Event Hub...');
  await waitForPrompt(wb, 'How do you sign in');
  await wb.quickInput.pick('Connection string');
  await waitForPrompt(wb, 'Endpoint=sb://');
  await wb.quickInput.submit(o.connectionString);
  await waitForPrompt(wb, 'Consumer group');
  await wb.quickInput.submit(o.consumerGroup ?? '$Default');
  await waitForPrompt(wb, 'Label shown in the Event Hubs view');
  await wb.quickInput.submit(o.label);
  await wb.quickInput.waitClosed();
}

/** The rendered rows below the item labelled `label` (its whole subtree as shown, in order). */
export async function childrenOf(view: TreeView, label: string): Promise<TreeItemInfo[]> {
  const items = await view.items();
  const at = items.findIndex((i) => i.label === label);
  if (at < 0) return [];
  const level = items[at].level;
  const out: TreeItemInfo[] = [];
  for (const item of items.slice(at + 1)) {
    if (item.level <= level) break;
    out.push(item);
  }
  return out;
}

/**
 * Expands an item, clicking its twistie again when a re-render of the tree swallowed the click (the
 * tree redraws whenever a hub's status arrives). TreeView.expand clicks once.
 */
export async function expandItem(view: TreeView, label: string, timeout = 20_000): Promise<void> {
  await waitUntil(
    `tree item "${label}" to expand`,
    async () => {
      const row = await view.item(label);
      const state = await row.getAttribute('aria-expanded');
      if (state !== 'false') return true;
      await row.locator('.monaco-tl-twistie').click({ timeout: 2000 });
      return waitUntil('aria-expanded', async () => (await (await view.item(label)).getAttribute('aria-expanded')) !== 'false', 2000).catch(
        () => false,
      );
    },
    timeout,
    100,
  );
}

/** Waits until the tree no longer shows an item with this label. */
export async function waitItemGone(view: TreeView, label: string, timeout = 20_000): Promise<void> {
  await waitUntil(`tree item "${label}" to disappear`, async () => !(await view.items()).some((i) => i.label === label), timeout);
}

/**
 * Edits the user settings as a user does by hand: "Preferences: Open User Settings (JSON)", replace
 * the text, save, close. (code-server does not notice settings.json changed on disk behind its back.)
 */
export async function editUserSettingsJson(
  wb: Workbench,
  edit: (settings: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  await wb.runCommand('Preferences: Open User Settings (JSON)');
  const doc = await wb.editor.document((e) => e.uri.endsWith('/settings.json'));
  // One line: typed newlines would be auto-indented by the editor.
  const next = JSON.stringify(edit(JSON.parse(doc.text) as Record<string, unknown>));
  await wb.editor.activeGroup().locator('.monaco-editor .view-lines').first().click();
  await wb.page.keyboard.press('Control+A');
  await wb.page.keyboard.insertText(next);
  // Brackets and quotes the editor closed automatically while the text went in.
  await wb.page.keyboard.press('Control+Shift+End');
  await wb.page.keyboard.press('Delete');
  await wb.editor
    .document((e) => e.uri.endsWith('/settings.json') && e.text === next, 10_000)
    .catch(async (error: unknown) => {
      const text = (await wb.probe.activeEditor())?.text ?? '';
      let at = 0;
      while (at < text.length && text[at] === next[at]) at++;
      throw new Error(
        `${(error as Error).message}: typed text differs at ${at}: ${JSON.stringify(text.slice(at - 20, at + 40))} vs ${JSON.stringify(next.slice(at - 20, at + 40))}`,
      );
    });
  await wb.page.keyboard.press('Control+S');
  await wb.editor.document((e) => e.uri.endsWith('/settings.json') && !e.isDirty, 10_000);
  await wb.runCommand('View: Close Editor');
}

/**
 * Waits until the row labelled `label` shows a description that matches. The view redraws every row
 * whenever one hub's status arrives, so one read of a row can fall in a redraw.
 */
export async function waitForDescription(view: TreeView, label: string, expected: RegExp | string, timeout = 20_000): Promise<string> {
  const matches = (text: string) => (typeof expected === 'string' ? text === expected : expected.test(text));
  let last = '';
  try {
    return await waitUntil(
      `the row "${label}" to show ${String(expected)}`,
      async () => {
        last = (await view.items()).find((i) => i.label === label)?.description ?? '';
        return matches(last) ? last : undefined;
      },
      timeout,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last description: ${JSON.stringify(last)}`);
  }
}
