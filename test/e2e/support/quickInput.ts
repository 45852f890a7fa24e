// The quick input widget: the command palette, quick picks and input boxes share it.
import type { Locator, Page } from 'playwright-core';
import { sleep } from './probe';

export interface QuickPickItem {
  label: string;
  description: string;
  detail: string;
  /** 1-based position in the whole (virtualised) list. */
  position: number;
  focused: boolean;
  checked?: boolean;
}

export class QuickInput {
  readonly widget: Locator;
  readonly input: Locator;

  constructor(private readonly page: Page) {
    this.widget = page.locator('.quick-input-widget');
    this.input = this.widget.locator('.quick-input-box input');
  }

  async isOpen(): Promise<boolean> {
    return this.widget.isVisible();
  }

  async waitOpen(timeout = 20_000): Promise<void> {
    await this.widget.waitFor({ state: 'visible', timeout });
  }

  async waitClosed(timeout = 20_000): Promise<void> {
    await this.widget.waitFor({ state: 'hidden', timeout });
  }

  /** The title bar text (set by the extension's QuickPick/InputBox title), '' when none. */
  async title(): Promise<string> {
    const title = this.widget.locator('.quick-input-title');
    return (await title.isVisible()) ? ((await title.textContent()) ?? '').trim() : '';
  }

  async placeholder(): Promise<string> {
    return (await this.input.getAttribute('placeholder')) ?? '';
  }

  /** The prompt or validation message under the input ('' when none). */
  async message(): Promise<string> {
    const message = this.widget.locator('.quick-input-message');
    return (await message.isVisible()) ? ((await message.textContent()) ?? '').trim() : '';
  }

  /** True while the input shows a validation error. */
  async hasError(): Promise<boolean> {
    return (
      (await this.widget.locator('.monaco-inputbox.error, .quick-input-message.error').count()) > 0 ||
      (await this.widget.locator('.quick-input-message[class*="error"]').count()) > 0
    );
  }

  async value(): Promise<string> {
    return this.input.inputValue();
  }

  /** Replaces the input's text (filters a quick pick; types into an input box). */
  async fill(text: string): Promise<void> {
    try {
      await this.waitOpen();
    } catch (error) {
      throw new Error(`the quick input is not open (the focus is on ${await this.focusedElement()}): ${(error as Error).message}`);
    }
    await this.input.fill(text);
  }

  /** What has the page's focus, e.g. "iframe.webview.ready" or "input.input" (for error messages). */
  async focusedElement(): Promise<string> {
    return this.page
      .evaluate(() => {
        const e = document.activeElement;
        return e ? `${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join('')}` : 'nothing';
      })
      .catch(() => 'an unknown element');
  }

  /** Types text into an input box and accepts it with Enter. */
  async submit(text: string): Promise<void> {
    await this.fill(text);
    await this.input.press('Enter');
  }

  async cancel(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.waitClosed();
  }

  private rows(): Locator {
    return this.widget.locator('.quick-input-list .monaco-list-row');
  }

  /** The items currently rendered (the list is virtualised: use allItems() for long lists). */
  async items(): Promise<QuickPickItem[]> {
    await this.waitOpen();
    return this.rows().evaluateAll((rows) =>
      rows
        .map((row) => {
          const text = (sel: string) => (row.querySelector(sel)?.textContent ?? '').trim();
          const checked = row.getAttribute('aria-checked');
          return {
            label: text('.quick-input-list-row .label-name'),
            description: text('.quick-input-list-row .label-description'),
            detail: text('.quick-input-list-label-meta .label-name'),
            position: Number(row.getAttribute('aria-posinset') ?? 0),
            focused: row.classList.contains('focused'),
            ...(checked !== null ? { checked: checked === 'true' } : {}),
          };
        })
        .filter((item) => item.label !== '')
        .sort((a, b) => a.position - b.position),
    );
  }

  /** Every item of the list, scrolling through it page by page. */
  async allItems(): Promise<QuickPickItem[]> {
    await this.waitOpen();
    // Start from the top: a list longer than the view may be scrolled (a previous read ends at the bottom).
    for (let page = 0; page < 100; page++) {
      const shown = await this.items();
      if (shown.length === 0 || shown.some((item) => item.position === 1)) break;
      await this.input.press('PageUp');
      await sleep(100);
    }
    const seen = new Map<number, QuickPickItem>();
    for (let page = 0; page < 100; page++) {
      for (const item of await this.items()) seen.set(item.position, item);
      const total = Number(
        (await this.rows()
          .first()
          .getAttribute('aria-setsize')
          .catch(() => '0')) ?? 0,
      );
      if (seen.size >= total) break;
      await this.input.press('PageDown');
      await sleep(100);
    }
    return [...seen.values()].sort((a, b) => a.position - b.position);
  }

  /** Waits until an item with exactly this label is listed (after filtering if needed) and returns its row. */
  async findItem(label: string, timeout = 20_000): Promise<Locator> {
    await this.waitOpen();
    const row = this.rows()
      .filter({ has: this.page.locator('.quick-input-list-row .label-name').getByText(label, { exact: true }) })
      .first();
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(timeout, 3000) });
      return row;
    } catch {
      // Not rendered (long list) or not there: filter by typing, as a user would.
    }
    if (!(await this.input.inputValue()).includes(label)) await this.fill(label);
    try {
      await row.waitFor({ state: 'visible', timeout });
    } catch {
      const shown = (await this.items()).map((i) => i.label);
      throw new Error(`quick pick item "${label}" not found; shown: ${JSON.stringify(shown)}`);
    }
    return row;
  }

  /** Chooses the item with exactly this label (click, as a user would). */
  async pick(label: string): Promise<void> {
    const row = await this.findItem(label);
    await row.click();
  }

  /** In a multi-select quick pick: checks the given items (leaving others as they are), then accepts with Enter. */
  async pickMany(labels: string[]): Promise<void> {
    for (const label of labels) {
      const row = await this.findItem(label);
      if ((await row.getAttribute('aria-checked')) !== 'true') await row.locator('.monaco-checkbox').first().click();
      await this.page.waitForFunction((el) => el?.getAttribute('aria-checked') === 'true', await row.elementHandle());
      if ((await this.input.inputValue()) !== '') await this.fill('');
    }
    await this.input.press('Enter');
  }

  /** Labels of the checked items of a multi-select quick pick (rendered rows). */
  async checkedItems(): Promise<string[]> {
    return (await this.items()).filter((i) => i.checked).map((i) => i.label);
  }
}

/** The command palette (F1), on top of the quick input. */
export class CommandPalette {
  constructor(
    private readonly page: Page,
    private readonly quickInput: QuickInput,
  ) {}

  async open(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.page.keyboard.press('F1');
      try {
        await this.quickInput.waitOpen(5000);
        if ((await this.quickInput.value()).startsWith('>')) return;
      } catch {
        // The key went to a place that swallowed it (e.g. while the workbench was still loading).
      }
      await this.page.keyboard.press('Escape');
    }
    throw new Error('the command palette did not open (F1)');
  }

  /**
   * Runs a command by its full palette title, e.g. "Defender Stream: Add Event Hub...". The palette lists
   * the commands known when it opens: while the extension host is still reading extensions (a loaded
   * machine, just after start-up), a built-in one can be missing from that list. So the palette is opened
   * again until the command is listed, for at most `timeout`.
   */
  async run(title: string, timeout = 30_000): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.open();
      await this.quickInput.fill(`>${title}`);
      try {
        const row = await this.quickInput.findItem(title, 5000);
        await row.click();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`command "${title}" is not in the palette (${(error as Error).message})`);
        await this.page.keyboard.press('Escape');
        await this.quickInput.waitClosed();
      }
    }
  }

  /** Titles of every palette command whose title starts with prefix (e.g. "Defender Stream:"). */
  async list(prefix: string): Promise<string[]> {
    await this.open();
    await this.quickInput.fill(`>${prefix}`);
    // The palette fills in asynchronously; wait until two reads agree.
    let previous = '';
    let items: string[] = [];
    for (let i = 0; i < 20; i++) {
      await sleep(250);
      items = (await this.quickInput.allItems()).map((item) => item.label);
      const key = items.join('\n');
      if (key === previous && items.length > 0) break;
      previous = key;
    }
    await this.page.keyboard.press('Escape');
    return items.filter((label) => label.startsWith(prefix));
  }
}
