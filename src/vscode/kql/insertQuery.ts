import * as vscode from 'vscode';
import { renderSnippet, type QueryTemplate } from '../../kql/snippet';
import { queryLanguageId } from './language';

export interface InsertedQuery {
  readonly uri: string;
  /** True when a new untitled document was opened for the query. */
  readonly newDocument: boolean;
}

/**
 * Inserts a query as a snippet at the cursor of the active editor, or into a new untitled KQL
 * document when no editor is open or the active one cannot be edited (`insertSnippet` refuses).
 */
export async function insertQuery(template: QueryTemplate): Promise<InsertedQuery> {
  const body = renderSnippet(template);
  const editor = vscode.window.activeTextEditor;
  if (editor && vscode.workspace.fs.isWritableFileSystem(editor.document.uri.scheme) !== false) {
    // At the end of a line that holds text (e.g. another query), start a new query after a blank line.
    const snippet = new vscode.SnippetString(`${afterText(editor) ? '\n\n' : ''}${body}`);
    if (await editor.insertSnippet(snippet)) return { uri: editor.document.uri.toString(), newDocument: false };
  }
  const document = await vscode.workspace.openTextDocument({ language: await queryLanguageId(), content: '' });
  const target = await vscode.window.showTextDocument(document);
  if (!(await target.insertSnippet(new vscode.SnippetString(body)))) throw new Error('Could not insert the query into a new document.');
  return { uri: document.uri.toString(), newDocument: true };
}

function afterText(editor: vscode.TextEditor): boolean {
  if (!editor.selection.isEmpty) return false;
  const position = editor.selection.active;
  const line = editor.document.lineAt(position.line);
  return position.character > 0 && position.character === line.text.length && line.text.trim() !== '';
}
