import * as vscode from 'vscode';
import { createHubRegistry, registerHubs } from './commands/hubs';
import { registerKqlCommands } from './commands/kql';
import { registerEditorTail } from './commands/tail/editorTail';
import { registerValidation } from './diagnostics/registerValidation';
import type { Services } from './services';
import { registerCommand } from './vscodeGlue/commands';
import { registerLiveTail } from './webview/registerLiveTail';
import { windowUserInput } from './vscodeGlue/userInput';

/** Composition root: builds the services and registers every command, view and provider. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Defender Stream', { log: true });
  context.subscriptions.push(log);
  const services: Services = { context, log, input: windowUserInput, hubs: createHubRegistry(context, log, windowUserInput) };

  registerCommand(context, log, 'defenderStream.showLog', () => log.show());
  registerHubs(services);
  registerEditorTail(services);
  registerValidation(services);
  registerLiveTail(services);
  registerKqlCommands(services);
  void services;
  log.info(`Defender Stream Explorer ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
