// Small helpers for the KQL journey: the editor's suggest widget, the editor tabs, and reading the
// Markdown capacity report.
import type { Page } from 'playwright-core';
import { sleep } from './probe';
import type { Workbench } from './workbench';

/**
 * Waits until no suggest widget is shown, so a following Tab moves between snippet placeholders
 * instead of accepting a completion. Closes a widget that stays open with Escape (which closes only
 * the widget, not the snippet session).
 */
export async function waitForSuggestWidgetHidden(page: Page, timeout = 3000): Promise<void> {
  const widget = page.locator('.monaco-editor .suggest-widget.visible');
  const deadline = Date.now() + timeout;
  // Give a widget triggered by the last keystroke a moment to show up.
  await sleep(150);
  while ((await widget.count()) > 0) {
    if (Date.now() > deadline) {
      await page.keyboard.press('Escape');
      await widget.first().waitFor({ state: 'hidden', timeout: 5000 });
      return;
    }
    await sleep(100);
  }
}

/**
 * "View: Close All Editors", answering "Don't Save" for each dirty document (with hot exit off,
 * VS Code asks about every dirty untitled document), until no editor tab is left.
 */
export async function closeAllEditorsDiscarding(wb: Workbench, timeout = 30_000): Promise<void> {
  await wb.runCommand('View: Close All Editors');
  const dontSave = wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button').getByText("Don't Save", { exact: true });
  const deadline = Date.now() + timeout;
  for (;;) {
    if ((await wb.editor.tabs()).length === 0) return;
    if (await dontSave.isVisible()) await dontSave.click();
    if (Date.now() > deadline) throw new Error(`editor tabs still open: ${JSON.stringify((await wb.editor.tabs()).map((t) => t.title))}`);
    await sleep(100);
  }
}

export interface ReportTableRow {
  table: string;
  recordsPerSecond: number;
  eventsPerSecond: number;
  mbPerSecond: number;
  avgRecordBytes: number;
}

function number(cell: string, what: string): number {
  if (!/^\d[\d,]*(\.\d+)?$/.test(cell)) throw new Error(`${what}: "${cell}" is not a number`);
  return Number(cell.replace(/,/g, ''));
}

/**
 * The rows of the first Markdown table after `heading` in the capacity report:
 * | `Table` | Records/s | Events/s | MB/s | Avg record (bytes) | TUs (own hub) | Partitions (own hub) |
 */
export function reportTableRows(markdown: string, heading: string): ReportTableRow[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no "${heading}" in the report`);
  const rows: ReportTableRow[] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line
      .slice(1, -1)
      .split(' | ')
      .map((c) => c.trim());
    if (cells[0] === 'Table' || /^-+:?$/.test(cells[0])) continue;
    const table = /^`([^`]+)`$/.exec(cells[0])?.[1];
    if (!table || cells.length !== 7) throw new Error(`unexpected report row: ${line}`);
    rows.push({
      table,
      recordsPerSecond: number(cells[1], `${table} records/s`),
      eventsPerSecond: number(cells[2], `${table} events/s`),
      mbPerSecond: number(cells[3], `${table} MB/s`),
      avgRecordBytes: number(cells[4], `${table} average record`),
    });
  }
  return rows;
}
