// The editor area: tabs, the active editor's text, opening files, webview panels.
import type { Frame, Locator, Page } from 'playwright-core';
import { sleep, type Probe, type ProbeEditor } from './probe';
import type { CommandPalette, QuickInput } from './quickInput';
import { webviewIn } from './webview';

export interface TabInfo {
  title: string;
  active: boolean;
  dirty: boolean;
  /** 0-based editor group. */
  group: number;
}

export class EditorArea {
  constructor(
    private readonly page: Page,
    private readonly probe: Probe,
    private readonly quickInput: QuickInput,
    private readonly palette: CommandPalette,
  ) {}

  /** The active editor group (the region an active webview panel covers). */
  activeGroup(): Locator {
    return this.page.locator('.part.editor .editor-group-container.active');
  }

  private tab(title: string): Locator {
    return this.page
      .locator('.part.editor .tabs-container .tab')
      .filter({ has: this.page.locator('.label-name').getByText(title, { exact: true }) })
      .first();
  }

  async tabs(): Promise<TabInfo[]> {
    return this.page.locator('.part.editor .editor-group-container').evaluateAll((groups) =>
      groups.flatMap((group, index) =>
        [...group.querySelectorAll('.tabs-container .tab')].map((tab) => ({
          title: (tab.querySelector('.label-name')?.textContent ?? '').trim(),
          active: tab.classList.contains('active') && group.classList.contains('active'),
          dirty: tab.classList.contains('dirty'),
          group: index,
        })),
      ),
    );
  }

  async waitForTab(title: string, timeout = 20_000): Promise<void> {
    try {
      await this.tab(title).waitFor({ state: 'visible', timeout });
    } catch {
      throw new Error(
        `no editor tab "${title}" within ${timeout / 1000} s; tabs: ${JSON.stringify((await this.tabs()).map((t) => t.title))}`,
      );
    }
  }

  /** Brings the editor with this tab title to the front. */
  async activateTab(title: string): Promise<void> {
    await this.waitForTab(title);
    await this.tab(title).click();
  }

  /**
   * Opens a workspace file with Quick Open, as a user would: the palette with its ">" replaced by the
   * path (the palette's opening copes with a key a just-focused webview swallows; Ctrl+P alone did not).
   */
  async openFile(relativePath: string): Promise<void> {
    await this.palette.open();
    await this.quickInput.fill(relativePath);
    const name = relativePath.split('/').pop() ?? relativePath;
    await this.quickInput.pick(name);
    await this.waitForTab(name);
  }

  /**
   * The whole document of the active text editor, read from VS Code's model through the probe
   * (exact, not limited to what is scrolled into view). Waits until a text editor is active and,
   * when given, `until` accepts it (e.g. a streamed document reaching some number of lines).
   */
  async document(until?: (editor: ProbeEditor) => boolean, timeout = 20_000): Promise<ProbeEditor> {
    const deadline = Date.now() + timeout;
    let last: ProbeEditor | undefined;
    for (;;) {
      last = await this.probe.activeEditor();
      if (last && (!until || until(last))) return last;
      if (Date.now() > deadline) {
        throw new Error(last ? `the active editor (${last.uri}, ${last.lineCount} lines) never matched` : 'no text editor became active');
      }
      await sleep(200);
    }
  }

  /** The active editor's whole text (see document()). */
  async text(): Promise<string> {
    return (await this.document()).text;
  }

  /** The lines of the active editor as rendered on screen (only what is scrolled into view). */
  async visibleLines(): Promise<string[]> {
    return this.activeGroup()
      .locator('.monaco-editor .view-lines')
      .first()
      .evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>('.view-line')]
          .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
          .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ')),
      );
  }

  /** Clicks into the active text editor and types (keyboard input, as a user would). */
  async type(text: string): Promise<void> {
    await this.activeGroup().locator('.monaco-editor .view-lines').first().click();
    await this.page.keyboard.type(text);
  }

  /** The content frame of the webview panel shown under this tab title. */
  async webview(title: string, options: { selector?: string; timeout?: number } = {}): Promise<Frame> {
    await this.activateTab(title);
    return webviewIn(this.page, this.activeGroup().locator('.editor-container'), options);
  }
}
