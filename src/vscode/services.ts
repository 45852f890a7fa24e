import type * as vscode from 'vscode';
import type { HubRegistry } from '../hubs/registry';
import type { UserInput } from './support/userInput';

/** What every feature's registration receives from the composition root. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly input: UserInput;
  /** Configured + demo event hubs: `await services.hubs.resolveTarget(nodeArg)` gives a HubTarget (see src/hubs/registry.ts). */
  readonly hubs: HubRegistry;
}
