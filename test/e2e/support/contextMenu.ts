// Context menus (right click). VS Code draws them itself inside a shadow root, which Playwright's
// CSS locators pierce.
import type { Locator, Page } from 'playwright-core';

export class ContextMenu {
  readonly menu: Locator;

  constructor(private readonly page: Page) {
    this.menu = page.locator('.context-view .monaco-menu').first();
  }

  async waitOpen(timeout?: number): Promise<void> {
    await this.menu.waitFor({ state: 'visible', timeout });
  }

  /** Entry labels in order; separators are left out. */
  async items(): Promise<string[]> {
    await this.waitOpen();
    const labels = await this.menu
      .locator('.action-item:not(.disabled) .action-label, .action-item.disabled .action-label')
      .evaluateAll((els) => els.map((el) => (el.getAttribute('aria-label') || el.textContent || '').trim()));
    return labels.filter((l) => l !== '');
  }

  async select(label: string): Promise<void> {
    await this.waitOpen();
    const item = this.menu.locator('.action-item .action-label').getByText(label, { exact: true }).first();
    try {
      await item.waitFor({ state: 'visible', timeout: 5000 });
    } catch {
      throw new Error(`context menu entry "${label}" not found; shown: ${JSON.stringify(await this.items())}`);
    }
    await item.click();
    // Now and then the menu only highlights the entry and stays open (the action did not run: the
    // menu closes before it runs its action). Click once more in that case.
    const closed = await this.menu.waitFor({ state: 'hidden', timeout: 3000 }).then(
      () => true,
      () => false,
    );
    if (!closed && (await item.isVisible())) {
      await item.click();
      await this.menu.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {
        throw new Error(`context menu entry "${label}" was clicked but the menu stayed open`);
      });
    }
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.menu.waitFor({ state: 'hidden' }).catch(() => undefined);
  }
}
