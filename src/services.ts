import type * as vscode from 'vscode';
import type { UserInput } from './vscodeGlue/userInput';

/** What every feature's registration receives from the composition root. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly input: UserInput;
}
