// Page object of the "Live Tail: <namespace> / <hub>" webview panel (src/webviewUi/liveTail). The
// frame is looked up again for every action: a hidden webview is unloaded and reloads when shown.
import type { Frame } from 'playwright-core';
import { waitUntil } from './hubFlows';
import { sleep } from './probe';
import type { Workbench } from './workbench';

export interface TailRow {
  time: string;
  table: string;
  summary: string;
  partition: string;
  seq: number;
  malformed: boolean;
}

export interface TailTotals {
  received: number;
  shown: number;
  malformed: number;
}

const count = (text: string | null): number => Number((text ?? '').replace(/[^\d]/g, '') || '0');

export class LiveTailPage {
  constructor(
    private readonly wb: Workbench,
    /** The panel's tab title, e.g. "Live Tail: Demo (local) / defender-stream". */
    readonly title: string,
  ) {}

  /** The page's frame (activates the panel's tab), once the page has drawn its toolbar and list. */
  async frame(timeout = 30_000): Promise<Frame> {
    return this.wb.webview(this.title, { selector: '.grid-body', timeout });
  }

  async connectionState(): Promise<string> {
    return ((await (await this.frame()).locator('#connection-state').textContent()) ?? '').trim();
  }

  async waitLive(timeout = 30_000): Promise<void> {
    await waitUntil(`"${this.title}" to be live`, async () => /^Live/.test(await this.connectionState()), timeout);
  }

  async totals(): Promise<TailTotals> {
    const f = await this.frame();
    const [received, shown, malformed] = await Promise.all(
      ['#total-received', '#total-shown', '#total-malformed'].map((s) => f.locator(s).textContent()),
    );
    return { received: count(received), shown: count(shown), malformed: count(malformed) };
  }

  /** The rows in the DOM (the list is virtualised: the ones in view), top to bottom. */
  async rows(): Promise<TailRow[]> {
    const f = await this.frame();
    return f.locator('.grid-body .row').evaluateAll((rows) =>
      rows
        .map((row) => {
          const cell = (key: string) => (row.querySelector(`.c-${key}`)?.textContent ?? '').trim();
          const y = /translateY\(([\d.]+)px\)/.exec((row as HTMLElement).style.transform)?.[1];
          return {
            y: Number(y ?? 0),
            time: cell('time'),
            table: cell('table'),
            summary: cell('summary'),
            partition: cell('partition'),
            seq: Number(cell('seq')),
            malformed: row.classList.contains('malformed'),
          };
        })
        .sort((a, b) => a.y - b.y)
        .map(({ y: _y, ...row }) => row),
    );
  }

  /** Waits until at least `n` rows are drawn and returns them. */
  async waitRows(n = 1, timeout = 30_000, accept: (rows: TailRow[]) => boolean = () => true): Promise<TailRow[]> {
    return waitUntil(
      `${n} row(s) in "${this.title}"`,
      async () => {
        const rows = await this.rows();
        return rows.length >= n && accept(rows) ? rows : undefined;
      },
      timeout,
    );
  }

  /**
   * Scrolls the list up with the mouse wheel, as a user does to stop the auto-scroll; returns once
   * the rows in view stand still (new records keep arriving below).
   */
  async scrollUp(pixels = 200): Promise<void> {
    const f = await this.frame();
    await f.locator('.grid-body').hover();
    await this.wb.page.mouse.wheel(0, -pixels);
    await waitUntil(
      'the list to stop following the newest records',
      async () => {
        const before = JSON.stringify(await this.rows());
        await sleep(600);
        return before === JSON.stringify(await this.rows());
      },
      15_000,
    );
  }

  /** Opens the table filter, checks exactly these tables, and closes it with "Done". */
  async filterTables(tables: readonly string[]): Promise<void> {
    const f = await this.frame();
    await f.locator('#tables-button').click();
    await f.locator('#table-filter').waitFor({ state: 'visible' });
    for (const table of tables) {
      const box = f.locator(`vscode-checkbox[data-value="${table}"]`);
      if ((await box.getAttribute('aria-checked')) !== 'true') await box.click();
      await waitUntil(`the "${table}" box to be checked`, async () => (await box.getAttribute('aria-checked')) === 'true', 5000);
    }
    await f.locator('#tables-done').click();
    await f.locator('#table-filter').waitFor({ state: 'hidden' });
  }

  async tablesButtonLabel(): Promise<string> {
    return ((await (await this.frame()).locator('#tables-button').textContent()) ?? '').trim();
  }

  /**
   * Clicks the row (in view) with this summary, partition and sequence number (the records of one
   * event share partition and sequence number); returns once the detail pane shows that event.
   */
  async selectRow(row: Pick<TailRow, 'partition' | 'seq' | 'summary'>): Promise<void> {
    const f = await this.frame();
    const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const target = f
      .locator('.grid-body .row')
      .filter({ has: f.locator('.c-seq', { hasText: exact(String(row.seq)) }) })
      .filter({ has: f.locator('.c-partition', { hasText: exact(row.partition) }) })
      .filter({ has: f.locator('.c-summary', { hasText: exact(row.summary) }) })
      .first();
    await target.click();
    await waitUntil(
      'the detail pane to show the selected row',
      async () => new RegExp(`partition ${row.partition} · sequence ${row.seq}$`).test(await this.detailTitle()),
      10_000,
    );
  }

  async detailTitle(): Promise<string> {
    const f = await this.frame();
    if (await f.locator('.detail').isHidden()) return '';
    return ((await f.locator('.detail-title').textContent()) ?? '').trim();
  }

  async detailText(): Promise<string> {
    return (await (await this.frame()).locator('.detail-body').textContent()) ?? '';
  }

  /** Types an expression into the where box (replacing what it holds) and presses Enter. */
  async applyWhere(expression: string): Promise<void> {
    const f = await this.frame();
    const field = f.locator('#where-filter');
    const value = (): Promise<string> => field.evaluate((el) => (el as HTMLElement & { value: string }).value ?? '');
    await waitUntil(
      'the where box to hold the expression',
      async () => {
        await field.click();
        await field.evaluate((el) => ((el as HTMLElement & { value: string }).value = ''));
        // The component hands the focus to its inner input a moment after the click: type only then.
        await f.waitForFunction(
          () => document.activeElement?.id === 'where-filter' && document.activeElement.shadowRoot?.activeElement?.tagName === 'INPUT',
        );
        if (expression !== '') await f.page().keyboard.type(expression);
        return (await value()) === expression;
      },
      20_000,
    );
    await f.page().keyboard.press('Enter');
  }

  /** The reason shown under the where box ("" when it shows none). */
  async whereProblem(): Promise<string> {
    const f = await this.frame();
    if (await f.locator('#where-error').isHidden()) return '';
    return ((await f.locator('#where-reason').textContent()) ?? '').trim();
  }

  async click(selector: string): Promise<void> {
    await (await this.frame()).locator(selector).click();
  }

  async buttonLabel(selector: string): Promise<string> {
    return ((await (await this.frame()).locator(selector).textContent()) ?? '').trim();
  }

  /** Shows the Schema view (the toolbar's Schema toggle) unless it shows already. */
  async openSchema(): Promise<void> {
    const f = await this.frame();
    if ((await f.locator('#schema-toggle').getAttribute('aria-pressed')) !== 'true') await f.locator('#schema-toggle').click();
    await f.locator('#schema-view').waitFor({ state: 'visible' });
  }

  /** The tables of the Schema view: each one's summary line and its columns the schema lacks (first column of its table). */
  async schemaTables(): Promise<Array<{ table: string; summary: string; unknownColumns: string[] }>> {
    const f = await this.frame();
    return f.locator('#schema-tables details.schema-table').evaluateAll((sections) =>
      sections.map((s) => ({
        table: s.getAttribute('data-table') ?? '',
        summary: (s.querySelector('summary')?.textContent ?? '').trim(),
        unknownColumns: [...s.querySelectorAll('.schema-unknown tbody tr')].map((tr) => (tr.querySelector('td')?.textContent ?? '').trim()),
      })),
    );
  }

  /** The notice line under the toolbar ('' while hidden). */
  async notice(): Promise<string> {
    const f = await this.frame();
    const n = f.locator('#notice');
    return (await n.isVisible()) ? ((await n.textContent()) ?? '').trim() : '';
  }

  /** The grid's column headers, left to right. */
  async headers(): Promise<string[]> {
    const f = await this.frame();
    return f.locator('.grid-head [role=columnheader]').evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
  }

  /** The values of a chosen column (a column of its own in the grid) in the rows in view. */
  async columnCells(column: string): Promise<string[]> {
    const f = await this.frame();
    return f
      .locator('.grid-body .row .c-col')
      .evaluateAll(
        (cells, name) => cells.filter((c) => (c as HTMLElement).dataset.column === name).map((c) => c.textContent ?? ''),
        column,
      );
  }

  /**
   * "Columns…" for the table in view: checks `check` and unchecks `uncheck` in the quick pick, accepts,
   * and types `order` in the order box when one follows.
   */
  async chooseColumns(check: string[], uncheck: string[], order?: string): Promise<void> {
    const qi = this.wb.quickInput;
    await this.click('#columns-button');
    await qi.waitOpen();
    for (const label of uncheck) {
      const row = await qi.findItem(label);
      if ((await row.getAttribute('aria-checked')) === 'true') await row.locator('.monaco-checkbox').first().click();
      await waitUntil(`"${label}" to be unchecked`, async () => (await row.getAttribute('aria-checked')) !== 'true', 5000);
      if ((await qi.input.inputValue()) !== '') await qi.fill('');
    }
    await qi.pickMany(check);
    if (order === undefined) {
      await qi.waitClosed();
      return;
    }
    // The order box follows the pick: it holds the picked columns, comma-separated.
    await waitUntil('the column order box', async () => (await qi.value()).includes(','), 10_000);
    await qi.submit(order);
    await qi.waitClosed();
  }

  /** Types `text` at the end of the where box (focused). */
  async typeInWhere(text: string): Promise<void> {
    const f = await this.frame();
    const field = f.locator('#where-filter');
    await field.click();
    await f.waitForFunction(
      () => document.activeElement?.id === 'where-filter' && document.activeElement.shadowRoot?.activeElement?.tagName === 'INPUT',
    );
    await f.page().keyboard.press('End');
    await f.page().keyboard.type(text);
  }

  /**
   * The frame of the panel in front, without clicking its tab: a click there would take the focus from
   * the page (and close the where box's list, as it would for a user).
   */
  private async frameInFront(): Promise<Frame> {
    return this.wb.webviewIn(this.wb.editor.activeGroup().locator('.editor-container'), { selector: '.grid-body' });
  }

  /** The names the where box's completion list shows ([] while it is closed). */
  async whereCompletions(): Promise<string[]> {
    const f = await this.frameInFront();
    return f.locator('#where-completions:not([hidden]) [role=option]').evaluateAll((items) => items.map((i) => i.textContent ?? ''));
  }

  async whereValue(): Promise<string> {
    const f = await this.frameInFront();
    return f.locator('#where-filter').evaluate((el) => (el as HTMLElement & { value: string }).value ?? '');
  }
}
