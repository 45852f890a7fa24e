import * as vscode from 'vscode';
import { showWarning } from './notify';

/**
 * Every prompt the extension shows goes through this interface, so tests can script the answers and
 * an unexpected prompt fails a test instead of hanging.
 */
export interface UserInput {
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, options: vscode.QuickPickOptions & { canPickMany: true }): Promise<T[] | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, options?: vscode.QuickPickOptions): Promise<T | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined>;
  showWarningMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Promise<string | undefined>;
  showSaveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
}

/** The real prompts of the VS Code window. */
export const windowUserInput: UserInput = {
  showQuickPick: ((items: never, options?: vscode.QuickPickOptions) => vscode.window.showQuickPick(items, options)) as UserInput['showQuickPick'],
  showInputBox: (options) => Promise.resolve(vscode.window.showInputBox(options)),
  showWarningMessage: (message, options, ...items) => Promise.resolve(showWarning(message, options, ...items)),
  showSaveDialog: (options) => Promise.resolve(vscode.window.showSaveDialog(options)),
};

/** Thrown when the user dismisses a prompt: the command stops quietly. */
export class UserCancelledError extends Error {
  constructor() {
    super('Cancelled by the user.');
    this.name = 'UserCancelledError';
  }
}
