import * as vscode from 'vscode';
import { storageDisplayName, type StorageAccountEntry } from '../../storage/accountEntries';
import { BLOB_DOCUMENT_SCHEME } from '../../storage/blobText';
import type { Services } from '../services';
import { registerCommand } from '../support/commands';
import { addStorageAccount } from './addStorageAccount';
import { BlobDocumentProvider, openBlob } from './blobDocuments';
import type { StorageAccounts } from './storageAccounts';
import { OPEN_BLOB_COMMAND, STORAGE_VIEW_ID, StorageTreeProvider, type StorageNode } from './storageTree';

/** What registerStorage returns, for tests that drive the view directly. */
export interface StorageFeature {
  readonly accounts: StorageAccounts;
  readonly tree: StorageTreeProvider;
  readonly view: vscode.TreeView<StorageNode>;
}

/** Registers the Storage Accounts view, its commands and the read-only documents of hour blobs. */
export function registerStorage(services: Services, accounts: StorageAccounts): StorageFeature {
  const { context, log } = services;
  const tree = new StorageTreeProvider(accounts, log);
  const view = vscode.window.createTreeView(STORAGE_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const documents = new BlobDocumentProvider(accounts, log);
  context.subscriptions.push(tree, view, documents, vscode.workspace.registerTextDocumentContentProvider(BLOB_DOCUMENT_SCHEME, documents));

  const run = (id: string, handler: (arg?: unknown) => unknown) => registerCommand(context, log, id, handler);
  run('defenderStream.addStorageAccount', async () => {
    await addStorageAccount(services, accounts);
    await vscode.commands.executeCommand(`${STORAGE_VIEW_ID}.focus`);
  });
  run('defenderStream.removeStorageAccount', (arg) => removeStorageAccount(services, accounts, arg));
  run('defenderStream.refreshStorage', () => {
    tree.refresh();
    documents.reloadOpen();
  });
  run(OPEN_BLOB_COMMAND, (arg) => openBlob(arg, log));
  return { accounts, tree, view };
}

/** "Remove Storage Account": the settings entry and its secret (the key or SAS) in secret storage. */
async function removeStorageAccount(services: Services, accounts: StorageAccounts, arg: unknown): Promise<void> {
  const entries = accounts.store.load().entries;
  const id = typeof arg === 'object' && arg !== null ? (arg as { accountId?: unknown }).accountId : undefined;
  let entry: StorageAccountEntry | undefined = entries.find((e) => e.id === id);
  if (!entry) {
    if (entries.length === 0) throw new Error('No storage accounts are configured.');
    entry = (
      await services.input.showQuickPick(
        entries.map((e) => ({ label: storageDisplayName(e), description: e.blobEndpoint, entry: e })),
        { title: 'Remove Storage Account', placeHolder: 'Storage account to remove' },
      )
    ).entry;
  }
  const name = storageDisplayName(entry);
  const detail = entry.auth === 'connectionString' ? ' Its connection string is deleted from VS Code secret storage.' : '';
  await services.input.showWarningMessage(`Remove "${name}" (${entry.blobEndpoint})?${detail}`, { modal: false }, 'Remove');
  await accounts.store.remove(entry.id);
  services.log.info(`Removed storage account "${name}" and its stored secret`);
  accounts.changed();
}
