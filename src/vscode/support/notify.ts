import * as vscode from 'vscode';
import { redactError } from '../../core/connection/redact';
import { notificationText } from '../../core/text/notificationText';

/**
 * Every notification the extension shows goes through here: its text is redacted and can hold no
 * link, whatever part of it came from a hub, a record or an error.
 */
export function showError(message: string, ...items: string[]): Thenable<string | undefined> {
  return vscode.window.showErrorMessage(safe(message), ...items);
}

export function showWarning(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(safe(message), options, ...items);
}

export function showInfo(message: string, ...items: string[]): Thenable<string | undefined> {
  return vscode.window.showInformationMessage(safe(message), ...items);
}

function safe(message: string): string {
  return notificationText(redactError(message));
}
