import * as vscode from 'vscode';
import { queryAt } from '../../graph/queryBlocks';
import type { Services } from '../services';
import { UserCancelledError } from '../support/cancel';
import { HuntingPanel } from './huntingPanel';
import { huntWithProgress } from './huntWithProgress';

export const HUNTING_LANGUAGES = ['kusto', 'kql'];

/** The query to run: the selection, else the paragraph at `line` (a CodeLens passes its line), else at the cursor. */
function queryFrom(editor: vscode.TextEditor, line: number | undefined): string {
  if (line === undefined && !editor.selection.isEmpty) return editor.document.getText(editor.selection);
  const lines = editor.document.getText().split(/\r?\n/);
  const block = queryAt(lines, line ?? editor.selection.active.line);
  if (!block) throw new Error('Put the cursor in a query (queries are separated by blank lines) or select one.');
  return block.text;
}

/** Run Query in Advanced Hunting: the query under the cursor (or the selection) through Microsoft Graph, results in the panel. */
export async function runHuntingQueryCommand(services: Services, uri?: unknown, line?: unknown): Promise<void> {
  const editor =
    uri instanceof vscode.Uri
      ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())
      : vscode.window.activeTextEditor;
  if (!editor) throw new Error('Open a KQL document and put the cursor in a query.');
  const query = queryFrom(editor, typeof line === 'number' ? line : undefined);
  const panel = HuntingPanel.show(services);
  panel.running(query);
  const started = Date.now();
  try {
    const result = await huntWithProgress(
      { services },
      'Advanced Hunting',
      (session) => {
        session.report('running the query…');
        return session.run(query);
      },
      (message) => panel.waiting(message),
    );
    panel.showResult(query, result, Date.now() - started);
  } catch (error) {
    panel.failed(query, error instanceof UserCancelledError ? 'Cancelled.' : error instanceof Error ? error.message : String(error));
    throw error;
  }
}
