import * as vscode from 'vscode';
import type { Services } from '../services';
import { registerCommand } from '../support/commands';
import { loadWorkspaceSchemaLookup, onDidChangeWorkspaceSchema } from '../tenantSchema/workspaceSchema';
import type { Finding } from '../../validation/validate';
import { DocumentValidator } from './documentValidator';
import { DefenderQuickFixes } from './quickFixes';
import { summarize } from './validateText';

export const VALIDATE_COMMAND = 'defenderStream.validateSampleJson';

/** What the command accepts: nothing (the active editor), a file URI, or JSON text (e.g. a record from the tail panel). */
export type ValidateArgument = vscode.Uri | string | { readonly text: string } | undefined;

async function documentFor(arg: unknown): Promise<vscode.TextDocument> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const text =
    typeof arg === 'string'
      ? arg
      : typeof arg === 'object' && arg !== null && typeof (arg as { text?: unknown }).text === 'string'
        ? (arg as { text: string }).text
        : undefined;
  if (text !== undefined) {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: text });
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }
  const active = vscode.window.activeTextEditor?.document;
  if (!active) throw new Error('Open a JSON or NDJSON sample first, then run "Validate Sample JSON".');
  return active;
}

/**
 * Automatic validation of matching sample files, the "Validate Sample JSON" command (returns the
 * findings, so other features can call it) and quick fixes.
 */
export function registerValidation(services: Services): void {
  const { context } = services;
  const validator = new DocumentValidator();
  context.subscriptions.push(
    validator,
    vscode.workspace.onDidOpenTextDocument((document) => validator.refresh(document)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) validator.schedule(event.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => validator.closed(document)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('defenderStream.validation')) return;
      for (const document of vscode.workspace.textDocuments) validator.refresh(document);
    }),
    // The tenant schema was imported, edited or removed: what the open samples are checked against changed.
    onDidChangeWorkspaceSchema(() => {
      for (const document of vscode.workspace.textDocuments) validator.refresh(document);
    }),
    vscode.languages.registerCodeActionsProvider(
      [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }],
      new DefenderQuickFixes(validator),
      { providedCodeActionKinds: DefenderQuickFixes.kinds },
    ),
  );
  registerCommand(context, services.log, VALIDATE_COMMAND, async (arg?: ValidateArgument): Promise<Finding[]> => {
    const document = await documentFor(arg);
    await loadWorkspaceSchemaLookup(); // the first read of the tenant schema may still be under way
    const findings = validator.request(document);
    const { summary } = summarize(findings);
    const name = document.isUntitled ? 'the sample' : vscode.workspace.asRelativePath(document.uri);
    void vscode.window.showInformationMessage(`Defender Stream: ${summary} in ${name}.`, 'Show Problems').then((choice) => {
      if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return findings;
  });
  // Last, so the command is registered whatever the documents already open hold.
  for (const document of vscode.workspace.textDocuments) validator.refresh(document);
}
