import type * as vscode from 'vscode';
import type { HubRegistry } from '../hubs/registry';
import type { TailSessionFactory } from '../tail/types';
import type { ConfiguredStorageAccounts } from '../storage/openAccount';
import type { StorageTailSessionFactory } from '../storage/storageTailSource';
import type { UserInput } from './support/userInput';

/** What every feature's registration receives from the composition root. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly input: UserInput;
  /** Configured + demo event hubs: `await services.hubs.resolveTarget(nodeArg)` gives a HubTarget (see src/hubs/registry.ts). */
  readonly hubs: HubRegistry;
  /** Configured storage accounts: `await services.storage.open(accountId)` gives the account with its secret and blob stores. */
  readonly storage: ConfiguredStorageAccounts;
  /** Starts the tail sessions of Live Tail and Tail to Editor: each in a worker thread of its own (src/tail/worker). */
  readonly tailSessions: TailSessionFactory;
  /** Starts the sessions of Storage tails, also each in a worker thread of its own. */
  readonly storageTailSessions: StorageTailSessionFactory;
}
