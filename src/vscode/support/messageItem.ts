import * as vscode from 'vscode';

/** What a tree says in a row of its own: a failure, a note, or work under way. */
export type MessageSeverity = 'error' | 'info' | 'loading';

/** The one look of a message row in a tree (the Event Hubs and Storage Accounts views): its icon and context value by severity. */
export function messageTreeItem(id: string, text: string, severity: MessageSeverity): vscode.TreeItem {
  const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.tooltip = text;
  item.iconPath =
    severity === 'error'
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
      : severity === 'loading'
        ? new vscode.ThemeIcon('loading~spin')
        : new vscode.ThemeIcon('info');
  item.contextValue = severity === 'error' ? 'error' : 'message';
  return item;
}
