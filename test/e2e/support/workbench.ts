// The workbench page object: what a user sees and does, so journeys read like user stories.
//
//   const wb = session.workbench;
//   await wb.activityBar.open('Defender Stream');
//   const hubs = wb.view('Event Hubs');
//   await hubs.clickWelcome('Start Demo Hub');
//   await wb.notifications.waitFor(/Demo hub running/);
//   await wb.screenshot('demo-started');
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { ActivityBar } from './activityBar';
import { repoRoot } from './config.mjs';
import { ContextMenu } from './contextMenu';
import { EditorArea } from './editor';
import { Notifications } from './notifications';
import { OutputPanel, ProblemsPanel } from './panels';
import { sleep, type Probe } from './probe';
import { CommandPalette, QuickInput } from './quickInput';
import { TreeView } from './treeView';
import { webviewIn } from './webview';

/** Set by `npm run screenshots`: key screenshots are copied into media/screenshots/ for the README. */
export const readmeScreenshotsEnv = 'DSE_README_SCREENSHOTS';

export class Workbench {
  readonly quickInput: QuickInput;
  readonly palette: CommandPalette;
  readonly activityBar: ActivityBar;
  readonly notifications: Notifications;
  readonly editor: EditorArea;
  readonly problems: ProblemsPanel;
  readonly output: OutputPanel;

  constructor(
    readonly page: Page,
    readonly probe: Probe,
    private readonly resultsDir: string,
  ) {
    this.quickInput = new QuickInput(page);
    this.palette = new CommandPalette(page, this.quickInput);
    this.activityBar = new ActivityBar(page);
    this.notifications = new Notifications(page);
    this.editor = new EditorArea(page, probe, this.quickInput, this.palette);
    this.problems = new ProblemsPanel(page, this.palette);
    this.output = new OutputPanel(page, this.palette);
  }

  /** Waits until the workbench is laid out and interactive. */
  async waitReady(timeout = 150_000): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
  }

  /**
   * "Developer: Reload Window", then waits until the new page is laid out. (The command returns
   * before the page navigates: waitReady alone would still see the old workbench.)
   */
  async reloadWindow(timeout = 150_000): Promise<void> {
    const marker = '__dseBeforeReload';
    await this.page.evaluate((key) => {
      (globalThis as Record<string, unknown>)[key] = true;
    }, marker);
    await this.runCommand('Developer: Reload Window');
    const deadline = Date.now() + timeout;
    // Throws while the old page is torn down; answers false once the new one runs.
    while (await this.page.evaluate((key) => (globalThis as Record<string, unknown>)[key] === true, marker).catch(() => true)) {
      if (Date.now() > deadline) throw new Error(`the window did not reload within ${timeout / 1000} s`);
      await sleep(100);
    }
    await this.waitReady(Math.max(1, deadline - Date.now()));
  }

  /** Runs a command by its palette title, e.g. "Defender Stream: Start Demo Hub". */
  async runCommand(title: string): Promise<void> {
    await this.palette.run(title);
  }

  /** Titles of the palette's commands starting with prefix, e.g. "Defender Stream:". */
  async listPaletteCommands(prefix: string): Promise<string[]> {
    return this.palette.list(prefix);
  }

  /** A view by its name, e.g. "Event Hubs" (open its container first with activityBar.open). */
  view(name: string): TreeView {
    return new TreeView(this.page, name);
  }

  /** The context menu currently open. */
  contextMenu(): ContextMenu {
    return new ContextMenu(this.page);
  }

  /** The content frame of a webview panel, by its editor tab title. */
  async webview(title: string, options: { selector?: string; timeout?: number } = {}): Promise<Frame> {
    return this.editor.webview(title, options);
  }

  /** The content frame of a webview shown over an arbitrary region (e.g. a webview view's pane). */
  async webviewIn(region: Locator, options: { selector?: string; timeout?: number } = {}): Promise<Frame> {
    return webviewIn(this.page, region, options);
  }

  /** Text of the status bar entries, left to right. */
  /**
   * Gives the focus to the side bar, as a user clicking there would. A webview that is (or just became)
   * the active editor takes the focus once its page has loaded, which closes a quick input opened
   * meanwhile: call this, after that page is loaded, before opening one.
   */
  async focusSideBar(): Promise<void> {
    await this.page
      .locator('.part.sidebar .pane-body')
      .first()
      .click({ position: { x: 120, y: 300 } });
    const deadline = Date.now() + 10_000;
    while (await this.page.evaluate(() => document.activeElement?.tagName === 'IFRAME')) {
      if (Date.now() > deadline) throw new Error('the focus stayed in a webview after a click in the side bar');
      await sleep(50);
    }
  }

  async statusBarTexts(): Promise<string[]> {
    const texts = await this.page
      .locator('.part.statusbar .statusbar-item')
      .evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
    return texts.filter(Boolean);
  }

  /**
   * Saves a screenshot as test-results/<journey>/<step>.png. With `readme`, and when run by
   * `npm run screenshots`, also copies it to media/screenshots/<readme>.png for the README.
   */
  async screenshot(step: string, options: { readme?: string; locator?: Locator } = {}): Promise<string> {
    mkdirSync(this.resultsDir, { recursive: true });
    const file = path.join(this.resultsDir, `${step}.png`);
    if (options.locator) await options.locator.screenshot({ path: file });
    else await this.page.screenshot({ path: file });
    if (options.readme && process.env[readmeScreenshotsEnv]) {
      const target = path.join(repoRoot, 'media', 'screenshots', `${options.readme}.png`);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(file, target);
    }
    return file;
  }
}
