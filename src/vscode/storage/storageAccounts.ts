import type { TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';
import { StorageAccountStore, type StorageAccountEntry } from '../../storage/accountEntries';
import type { StorageAccount } from '../../storage/account';
import type { ConfiguredStorageAccounts, OpenAccount } from '../../storage/openAccount';
import { createBlobStore, QUICK_STORAGE_RETRY, TAIL_STORAGE_RETRY } from '../../storage/sdkBlobStore';
import { EntraSignIn } from '../hubs/entraCredential';
import { storageAccountsSettingsPort } from '../support/settings';

/**
 * The configured storage accounts: entries from user settings, secrets from VS Code secret storage (see
 * `StorageAccountStore`), the Entra ID sign-in of the hubs. Opened accounts are kept until settings change.
 */
export class StorageAccounts implements ConfiguredStorageAccounts, vscode.Disposable {
  readonly store: StorageAccountStore;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private readonly opened = new Map<string, Promise<OpenAccount>>();
  private readonly signIn: EntraSignIn;
  readonly onDidChange = this.emitter.event;

  constructor(context: vscode.ExtensionContext, log: vscode.LogOutputChannel) {
    this.store = new StorageAccountStore(storageAccountsSettingsPort(), context.secrets);
    this.signIn = new EntraSignIn(log);
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('defenderStream.storageAccounts')) this.changed();
      }),
    );
  }

  /** Shows an account that is not configured while something runs (the demo's Azurite), or stops showing it. */
  setEphemeral(value: { readonly entry: StorageAccountEntry; readonly account: StorageAccount } | undefined): void {
    this.store.setEphemeral(value);
    this.changed();
  }

  /** Forgets opened accounts and tells the tree. */
  changed(): void {
    this.opened.clear();
    this.emitter.fire();
  }

  /** The Entra ID credential (VS Code's sign-in shows only inside `withInteractiveSignIn`). */
  get credential(): TokenCredential {
    return this.signIn.credential;
  }

  /** Lets the Entra ID credential show VS Code's sign-in while `work` runs (interactive commands only). */
  withInteractiveSignIn<T>(work: () => Promise<T>): Promise<T> {
    return this.signIn.withInteractiveSignIn(work);
  }

  /** The account of a configured entry; rejects with a `ConnectionError` when its key is missing or bound elsewhere. */
  open(id: string): Promise<OpenAccount> {
    const known = this.opened.get(id);
    if (known) return known;
    const opening = (async () => {
      const entry = this.store.get(id);
      if (!entry) throw new Error('This storage account is no longer configured. Refresh the Storage Accounts view.');
      const account = await this.store.account(entry, () => this.credential);
      const [listing, reading] = await Promise.all([
        createBlobStore(account, { retryOptions: QUICK_STORAGE_RETRY }),
        createBlobStore(account, { retryOptions: TAIL_STORAGE_RETRY }),
      ]);
      return { entry, account, listing, reading };
    })();
    // A failure is not kept: the next try (Refresh, or after adding the key again) opens anew.
    opening.catch(() => this.opened.get(id) === opening && this.opened.delete(id));
    this.opened.set(id, opening);
    return opening;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
