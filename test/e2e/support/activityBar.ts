// The activity bar (left edge): one entry per view container.
import type { Locator, Page } from 'playwright-core';

export class ActivityBar {
  constructor(private readonly page: Page) {}

  private entry(title: string): Locator {
    return this.page.locator('.part.activitybar li.action-item[role=tab]').filter({
      has: this.page.locator(`a.action-label[aria-label="${title}"], a.action-label[aria-label^="${title} ("]`),
    });
  }

  /** Titles of the view containers shown, without their keybindings, e.g. ["Explorer", ..., "Defender Stream"]. */
  async titles(): Promise<string[]> {
    await this.page.locator('.part.activitybar').waitFor();
    const labels = await this.page
      .locator('.part.activitybar li.action-item[role=tab] a.action-label')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    return labels.map((l) => l.replace(/\s*\([^)]*\)$/, '')).filter(Boolean);
  }

  async waitFor(title: string, timeout = 20_000): Promise<void> {
    await this.entry(title).waitFor({ state: 'visible', timeout });
  }

  async isOpen(title: string): Promise<boolean> {
    return (await this.entry(title).getAttribute('aria-selected')) === 'true';
  }

  /** Shows the view container in the side bar (clicking an already open one would hide it, so it doesn't). */
  async open(title: string): Promise<void> {
    await this.waitFor(title);
    if (!(await this.isOpen(title))) await this.entry(title).click();
    await this.page.locator('.part.sidebar').waitFor({ state: 'visible' });
  }
}
