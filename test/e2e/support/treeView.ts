// A view in the side bar (e.g. "Event Hubs"): its tree items, its welcome content, its actions.
import type { Locator, Page } from 'playwright-core';
import { ContextMenu } from './contextMenu';

export interface TreeItemInfo {
  label: string;
  description: string;
  /** 1 for top-level items, 2 for their children, ... */
  level: number;
  /** true/false for expandable items, undefined for leaves. */
  expanded: boolean | undefined;
  selected: boolean;
  /** The row's accessible label (the item's accessibilityInformation or label + description). */
  ariaLabel: string;
}

export interface WelcomeContent {
  /** Paragraph texts, in order. */
  paragraphs: string[];
  /** Buttons (markdown links alone on their line). */
  buttons: string[];
  /** Inline links inside paragraphs. */
  links: string[];
}

export class TreeView {
  readonly pane: Locator;

  constructor(
    private readonly page: Page,
    readonly name: string,
  ) {
    this.pane = page
      .locator('.part.sidebar .pane, .part.auxiliarybar .pane, .part.panel .pane')
      .filter({ has: page.locator('.pane-header h3.title').getByText(name, { exact: true }) })
      .first();
  }

  private body(): Locator {
    return this.pane.locator('.pane-body');
  }

  async waitVisible(timeout = 20_000): Promise<void> {
    await this.pane.waitFor({ state: 'visible', timeout });
    const header = this.pane.locator('.pane-header');
    // A collapsed section (several views in one container) is expanded first.
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  }

  /** True while the view shows its welcome content instead of a tree. */
  async showsWelcome(): Promise<boolean> {
    await this.waitVisible();
    return this.pane.locator('.pane-body.welcome .welcome-view-content').isVisible();
  }

  async welcome(timeout = 20_000): Promise<WelcomeContent> {
    await this.waitVisible();
    const content = this.pane.locator('.pane-body.welcome .welcome-view-content');
    try {
      await content.waitFor({ state: 'visible', timeout });
    } catch {
      const shown = (
        (await this.body()
          .textContent()
          .catch(() => '')) ?? ''
      )
        .trim()
        .slice(0, 200);
      throw new Error(`view "${this.name}" shows no welcome content within ${timeout / 1000} s; it shows: "${shown}"`);
    }
    return content.evaluate((el) => ({
      paragraphs: [...el.querySelectorAll('p')].map((p) => (p.textContent ?? '').trim()),
      buttons: [...el.querySelectorAll('.button-container .monaco-button')].map((b) => (b.textContent ?? '').trim()),
      links: [...el.querySelectorAll('p a')].map((a) => (a.textContent ?? '').trim()),
    }));
  }

  /** Clicks a welcome-content button or link by its text. */
  async clickWelcome(text: string): Promise<void> {
    const content = this.pane.locator('.pane-body.welcome .welcome-view-content');
    await content.locator('.monaco-button, a').getByText(text, { exact: true }).first().click();
  }

  private rows(): Locator {
    return this.body().locator('.monaco-list-row[role=treeitem]');
  }

  /** The rendered tree items, top to bottom (the tree is virtualised: long trees show what fits). */
  async items(): Promise<TreeItemInfo[]> {
    await this.waitVisible();
    return this.rows().evaluateAll((rows) =>
      rows
        .map((row) => {
          const text = (sel: string) => (row.querySelector(sel)?.textContent ?? '').trim();
          const expanded = row.getAttribute('aria-expanded');
          return {
            top: parseFloat((row as HTMLElement).style.top || '0'),
            label: text('.label-name'),
            description: text('.label-description'),
            level: Number(row.getAttribute('aria-level') ?? 1),
            expanded: expanded === null ? undefined : expanded === 'true',
            selected: row.getAttribute('aria-selected') === 'true',
            ariaLabel: row.getAttribute('aria-label') ?? '',
          };
        })
        .sort((a, b) => a.top - b.top)
        .map(({ top: _top, ...item }) => item),
    );
  }

  /** Waits until an item with this label is shown (e.g. after a refresh) and returns its row. */
  async item(label: string, timeout = 20_000): Promise<Locator> {
    await this.waitVisible();
    const row = this.rows()
      .filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) })
      .first();
    try {
      await row.waitFor({ state: 'visible', timeout });
    } catch {
      const shown = (await this.items()).map((i) => i.label);
      throw new Error(`tree item "${label}" not shown in view "${this.name}" within ${timeout / 1000} s; shown: ${JSON.stringify(shown)}`);
    }
    return row;
  }

  async click(label: string): Promise<void> {
    await (await this.item(label)).click();
  }

  /** Expands a collapsed item (no-op when already expanded). */
  async expand(label: string): Promise<void> {
    const row = await this.item(label);
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    await this.page.waitForFunction((el) => el?.getAttribute('aria-expanded') !== 'false', await row.elementHandle());
  }

  async collapse(label: string): Promise<void> {
    const row = await this.item(label);
    if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click();
  }

  /**
   * Opens the item's context menu (right click). The tree redraws whenever a hub's status arrives, and
   * a right click that lands during a redraw opens nothing: it is tried again on the redrawn row.
   */
  async contextMenu(label: string, attempts = 3): Promise<ContextMenu> {
    const menu = new ContextMenu(this.page);
    for (let attempt = 1; ; attempt++) {
      const row = await this.item(label);
      await row.click({ button: 'right' });
      try {
        await menu.waitOpen(attempt < attempts ? 3000 : 30_000);
        return menu;
      } catch (error) {
        if (attempt >= attempts) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Clicks one of the item's inline actions (shown on hover), by its title, e.g. "Start Live Tail". */
  async clickInlineAction(label: string, actionTitle: string): Promise<void> {
    const row = await this.item(label);
    await row.hover();
    await row.locator(`.actions a.action-label[aria-label="${actionTitle}"]`).click();
  }

  /** Titles of the view's title-bar actions (icons and "..." overflow not included). */
  async titleActions(): Promise<string[]> {
    await this.waitVisible();
    return this.titleActionLocator().evaluateAll((els) =>
      els.map((el) => el.getAttribute('aria-label') ?? '').filter((l) => l && !l.endsWith('More Actions...')),
    );
  }

  /** Clicks a view title-bar action by its title, e.g. "Refresh". */
  async clickTitleAction(title: string): Promise<void> {
    await this.waitVisible();
    await this.titleActionLocator()
      .and(this.page.locator(`[aria-label="${title}"]`))
      .first()
      .click();
  }

  /**
   * When a view is alone in its container, VS Code hides the view's own header and shows its actions
   * in the side bar's title instead; otherwise they are in the view's header.
   */
  private titleActionLocator(): Locator {
    const inHeader = this.pane.locator('.pane-header:not(.hidden) .actions a.action-label');
    const inComposite = this.page.locator('.part.sidebar .composite.title .title-actions a.action-label');
    return inHeader.or(inComposite);
  }
}
