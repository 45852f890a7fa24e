import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, diagnosticKey, toRange } from './convert';
import type { DocumentValidator } from './documentValidator';

/** Quick fixes for findings whose fix is certain (category casing or prefix, wrapping a bare record). */
export class DefenderQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly validator: DocumentValidator) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const entry = this.validator.fixesFor(document);
    if (!entry || entry.fixes.size === 0) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      const r = diagnostic.range;
      const fix = entry.fixes.get(
        diagnosticKey(diagnostic.code, {
          start: { line: r.start.line, character: r.start.character },
          end: { line: r.end.line, character: r.end.character },
        }),
      );
      if (!fix) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, toRange(fix.range), fix.newText);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}
