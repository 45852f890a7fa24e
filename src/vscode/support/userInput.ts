import * as vscode from 'vscode';
import { orCancel } from './cancel';
import { showMultiPick } from './multiPick';
import { showWarning } from './notify';

/**
 * Every prompt the extension shows goes through this interface, so tests can script the answers and
 * an unexpected prompt fails a test instead of hanging.
 */
export interface UserInput {
  showQuickPick<T extends vscode.QuickPickItem>(
    items: readonly T[] | Thenable<readonly T[]>,
    options: vscode.QuickPickOptions & { canPickMany: true },
  ): Promise<T[]>;
  showQuickPick<T extends vscode.QuickPickItem>(
    items: readonly T[] | Thenable<readonly T[]>,
    options?: vscode.QuickPickOptions,
  ): Promise<T>;
  showInputBox(options: vscode.InputBoxOptions): Promise<string>;
  /** A warning with choices: the one picked (dismissing it cancels). */
  showWarningMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Promise<string>;
  showSaveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri>;
  /** Files or folders to open: at least one (dismissing, or choosing none, cancels). */
  showOpenDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[]>;
}

/**
 * The real prompts of the VS Code window. Each one answers with a value, or rejects with
 * `UserCancelledError` when the user dismisses it: the one command error path ends the command
 * quietly, so no handler checks for `undefined`. In a multi-select pick, Enter with nothing checked
 * takes the highlighted item (`showMultiPick`).
 */
export const windowUserInput: UserInput = {
  showQuickPick: ((items: never, options?: vscode.QuickPickOptions) =>
    (options?.canPickMany
      ? showMultiPick(() => vscode.window.createQuickPick(), items, options)
      : Promise.resolve(vscode.window.showQuickPick(items, options))
    ).then(orCancel)) as UserInput['showQuickPick'],
  showInputBox: (options) => Promise.resolve(vscode.window.showInputBox(options)).then(orCancel),
  showWarningMessage: (message, options, ...items) => Promise.resolve(showWarning(message, options, ...items)).then(orCancel),
  showSaveDialog: (options) => Promise.resolve(vscode.window.showSaveDialog(options)).then(orCancel),
  showOpenDialog: (options) =>
    Promise.resolve(vscode.window.showOpenDialog(options)).then((uris) => orCancel(uris && uris.length > 0 ? uris : undefined)),
};
