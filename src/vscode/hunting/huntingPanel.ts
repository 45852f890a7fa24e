import * as vscode from 'vscode';
import { cellText, resultColumns, resultCsv } from '../../graph/huntingFormat';
import type { HuntingResult } from '../../graph/runHuntingQuery';
import { buildPageHtml, makeNonce } from '../../liveTail/html';
import type { HostToResultsPage, ResultsPageToHost } from '../../webviewUi/huntingResults/protocol';
import type { Services } from '../services';

const MAX_SHOWN_ROWS = 100_000;
const MAX_CELL = 10_000;

/** The one results panel: reused by every run, replays the last state when it shows again. */
export class HuntingPanel {
  private static current: HuntingPanel | undefined;
  private last: HostToResultsPage | undefined;
  private result: HuntingResult | undefined;
  private ready = false;

  static show(services: Services): HuntingPanel {
    if (HuntingPanel.current) {
      HuntingPanel.current.panel.reveal(undefined, true);
      return HuntingPanel.current;
    }
    HuntingPanel.current = new HuntingPanel(services);
    return HuntingPanel.current;
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(private readonly services: Services) {
    const extensionUri = services.context.extensionUri;
    this.panel = vscode.window.createWebviewPanel(
      'defenderStream.huntingResults',
      'Advanced Hunting',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
      },
    );
    const webview = this.panel.webview;
    webview.html = buildPageHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'huntingResults.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'huntingResults.css')).toString(),
      title: 'Advanced Hunting',
    });
    const subscriptions = [
      webview.onDidReceiveMessage((m: ResultsPageToHost) => void this.receive(m)),
      this.panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) this.replay();
      }),
    ];
    this.panel.onDidDispose(() => {
      HuntingPanel.current = undefined;
      for (const s of subscriptions) s.dispose();
    });
  }

  running(query: string): void {
    this.result = undefined;
    this.post({ type: 'running', query });
  }

  waiting(message: string): void {
    this.post({ type: 'waiting', message });
  }

  failed(query: string, message: string): void {
    this.post({ type: 'failed', query, message });
  }

  showResult(query: string, result: HuntingResult, durationMs: number): void {
    this.result = result;
    const columns = resultColumns(result);
    const rows = result.results.slice(0, MAX_SHOWN_ROWS).map((row) =>
      columns.map((c) => {
        const text = cellText(row[c.name]);
        return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
      }),
    );
    this.post({ type: 'result', query, columns, rows, rowCount: result.results.length, durationMs });
  }

  private post(message: HostToResultsPage): void {
    if (message.type !== 'waiting') this.last = message;
    if (this.ready && this.panel.visible) void this.panel.webview.postMessage(message);
  }

  private replay(): void {
    if (this.ready && this.last) void this.panel.webview.postMessage(this.last);
  }

  private async receive(message: ResultsPageToHost): Promise<void> {
    if (message.type === 'ready') {
      this.ready = true;
      this.replay();
      return;
    }
    const result = this.result;
    if (!result) return;
    try {
      if (message.type === 'copy') {
        await vscode.env.clipboard.writeText(resultCsv(result));
        return;
      }
      const csv = message.type === 'exportCsv';
      const uri = await this.services.input.showSaveDialog({
        filters: csv ? { CSV: ['csv'] } : { JSON: ['json'] },
        saveLabel: 'Export',
      });
      const text = csv ? resultCsv(result) : `${JSON.stringify(result.results, null, 2)}\n`;
      await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    } catch (error) {
      // A dismissed save dialog rejects with UserCancelledError: nothing to say.
      if (error instanceof Error && error.name !== 'UserCancelledError') {
        this.services.log.error(`Advanced Hunting export: ${error.message}`);
        void vscode.window.showErrorMessage(`Could not export the results: ${error.message}`);
      }
    }
  }
}
