import * as vscode from 'vscode';

/** The language of a new query document: `kusto` when an installed extension provides it, else our `kql`, else plain text. */
export async function queryLanguageId(): Promise<string> {
  const languages = await vscode.languages.getLanguages();
  if (languages.includes('kusto')) return 'kusto';
  if (languages.includes('kql')) return 'kql';
  return 'plaintext';
}

/**
 * `.kql` files open as KQL only when no other extension claims them: a `.kql` document that VS Code
 * opened as plain text is switched to our `kql` language (which declares no file extension itself).
 */
export function associateKqlFiles(context: vscode.ExtensionContext): void {
  const adopt = (document: vscode.TextDocument): void => {
    if (document.languageId !== 'plaintext' || !document.uri.path.toLowerCase().endsWith('.kql')) return;
    void vscode.languages.getLanguages().then((languages) => {
      if (languages.includes('kql') && !languages.includes('kusto') && document.languageId === 'plaintext' && !document.isClosed) {
        void vscode.languages.setTextDocumentLanguage(document, 'kql');
      }
    });
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(adopt));
  for (const document of vscode.workspace.textDocuments) adopt(document);
}
