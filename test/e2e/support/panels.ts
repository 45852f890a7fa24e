// The bottom panel's Problems and Output views.
import type { Page } from 'playwright-core';
import type { CommandPalette } from './quickInput';

export interface ProblemEntry {
  /** File name as shown on the resource row above the entry. */
  file: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** e.g. "json" or "Defender Stream" */
  source: string;
  code: string;
  /** 1-based, as shown ("[Ln 3, Col 5]"). */
  line: number;
  column: number;
}

export class ProblemsPanel {
  constructor(
    private readonly page: Page,
    private readonly palette: CommandPalette,
  ) {}

  async open(): Promise<void> {
    await this.palette.run('Problems: Focus on Problems View');
    await this.page.locator('.part.panel .markers-panel').waitFor({ state: 'visible' });
  }

  /** The entries shown (the tree is virtualised: a very long list shows what fits). */
  async entries(): Promise<ProblemEntry[]> {
    const rows = this.page.locator('.part.panel .markers-panel .monaco-list-row');
    return rows.evaluateAll((els) => {
      const sorted = [...els].sort((a, b) => parseFloat((a as HTMLElement).style.top) - parseFloat((b as HTMLElement).style.top));
      const entries: ProblemEntry[] = [];
      let file = '';
      for (const row of sorted) {
        const text = (sel: string) => (row.querySelector(sel)?.textContent ?? '').trim();
        if (row.getAttribute('aria-level') === '1') {
          file = text('.label-name');
          continue;
        }
        const icon = row.querySelector('.marker-icon')?.className ?? '';
        const position = /Ln\s*(\d+),\s*Col\s*(\d+)/.exec(text('.marker-line'));
        entries.push({
          file,
          severity: icon.includes('error') ? 'error' : icon.includes('warning') ? 'warning' : 'info',
          message: text('.marker-message-line .marker-message') || text('.marker-message-line'),
          source: text('.marker-source'),
          code: text('.marker-code'),
          line: position ? Number(position[1]) : 0,
          column: position ? Number(position[2]) : 0,
        });
      }
      return entries;
    });
  }

  /** Waits until entries() satisfies `until` and returns them. */
  async waitForEntries(until: (entries: ProblemEntry[]) => boolean, timeout = 20_000): Promise<ProblemEntry[]> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const entries = await this.entries();
      if (until(entries)) return entries;
      if (Date.now() > deadline) throw new Error(`the Problems panel never matched; it shows ${JSON.stringify(entries)}`);
      await this.page.waitForTimeout(200);
    }
  }

  /** The panel's counts in the status bar: [errors, warnings]. */
  async statusBarCounts(): Promise<{ errors: number; warnings: number }> {
    const label = (await this.page.locator('.statusbar-item#status\\.problems a').getAttribute('aria-label')) ?? '';
    // VS Code 1.100 says "Errors: 2, Warnings: 1" (or "No Problems"); older versions "2 Errors".
    const number = (re: RegExp) => {
      const m = re.exec(label);
      return Number(m?.[1] ?? m?.[2] ?? 0);
    };
    return { errors: number(/Errors?:\s*(\d+)|(\d+)\s+Errors?/i), warnings: number(/Warnings?:\s*(\d+)|(\d+)\s+Warnings?/i) };
  }
}

export class OutputPanel {
  constructor(
    private readonly page: Page,
    private readonly palette: CommandPalette,
  ) {}

  private select() {
    return this.page
      .locator('.part.panel select.monaco-select-box')
      .filter({ has: this.page.locator('option') })
      .first();
  }

  async open(): Promise<void> {
    await this.palette.run('Output: Focus on Output View');
    await this.select().waitFor({ state: 'attached' });
  }

  /** Names of the output channels offered in the Output view's channel list. */
  async channels(timeout = 30_000): Promise<string[]> {
    const deadline = Date.now() + timeout;
    await this.select().waitFor({ state: 'attached', timeout });
    for (;;) {
      const options = await this.select()
        .locator('option')
        .evaluateAll((els) => els.filter((el) => !(el as HTMLOptionElement).disabled).map((el) => (el.textContent ?? '').trim()))
        .catch(() => [] as string[]);
      const names = options.filter((o) => o !== '');
      if (names.length > 0 || Date.now() > deadline) return names;
      await this.page.waitForTimeout(200);
    }
  }

  async show(channel: string): Promise<void> {
    await this.select().selectOption({ label: channel });
  }

  /** The channel shown, as rendered (short logs; for the extension's log prefer session.extensionLog()). */
  async visibleLines(): Promise<string[]> {
    return this.page
      .locator('.part.panel .monaco-editor .view-lines')
      .first()
      .evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>('.view-line')]
          .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
          .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ')),
      );
  }
}
