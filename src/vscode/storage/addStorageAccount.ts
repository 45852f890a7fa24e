import * as vscode from 'vscode';
import { checkLabel } from '../../config/validate';
import { CLOUDS } from '../../core/connection/cloud';
import { redact } from '../../core/connection/redact';
import { BLOB_SUFFIXES, describeAccount, parseStorageConnection, storageAccountForEntra, type StorageAccount } from '../../storage/account';
import { STORAGE_ACCOUNT_NAME, storageAccountUrlProblem, storageConnectionProblem } from '../../storage/accountInput';
import { newStorageEntryId, storageDisplayName, type StorageAccountEntry } from '../../storage/accountEntries';
import { checkStorageAccount, StorageCheckError } from '../../storage/connectionCheck';
import type { Services } from '../services';
import type { StorageAccounts } from './storageAccounts';

const TITLE = 'Add Storage Account';

/**
 * "Add Storage Account...": connection string or SAS URL (kept in secret storage) or Microsoft Entra ID (the
 * account URL) → label → the quick connection check with progress → save (user settings, no secret).
 */
export async function addStorageAccount(services: Services, accounts: StorageAccounts): Promise<StorageAccountEntry> {
  const { input, log } = services;
  const auth = (
    await input.showQuickPick(
      [
        {
          label: '$(key) Connection string or SAS URL',
          description: 'Account key, or an account SAS with Read and List',
          auth: 'connectionString' as const,
        },
        {
          label: '$(account) Microsoft Entra ID',
          description: 'Needs the "Storage Blob Data Reader" role',
          auth: 'entraId' as const,
        },
      ],
      { title: TITLE, placeHolder: 'How do you sign in to the storage account that Defender exports to?' },
    )
  ).auth;

  let account: StorageAccount;
  let connection: string | undefined;
  if (auth === 'connectionString') {
    connection = (
      await input.showInputBox({
        title: TITLE,
        prompt:
          'Connection string of the storage account (Access keys), or a blob service SAS URL with Read and List. It is kept in VS Code secret storage.',
        placeHolder: 'DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=...;EndpointSuffix=core.windows.net',
        password: true,
        ignoreFocusOut: true,
        validateInput: storageConnectionProblem,
      })
    ).trim();
    account = parseStorageConnection(connection);
  } else {
    let text = (
      await input.showInputBox({
        title: TITLE,
        prompt: 'Storage account: its name or its blob endpoint URL.',
        placeHolder: 'https://<account>.blob.core.windows.net',
        ignoreFocusOut: true,
        validateInput: storageAccountUrlProblem,
      })
    ).trim();
    if (STORAGE_ACCOUNT_NAME.test(text)) {
      const picked = await input.showQuickPick(
        CLOUDS.map((c, i) => ({ label: c.label, description: `*${BLOB_SUFFIXES[i]}`, suffix: BLOB_SUFFIXES[i] })),
        { title: TITLE, placeHolder: 'Which Azure cloud is the storage account in?' },
      );
      text = `https://${text}${picked.suffix}`;
    }
    account = storageAccountForEntra(text, accounts.credential);
  }

  const label = (
    await input.showInputBox({
      title: TITLE,
      prompt: 'Label shown in the Storage Accounts view.',
      value: account.accountName,
      ignoreFocusOut: true,
      validateInput: checkLabel,
    })
  ).trim();

  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Checking the storage account ${account.accountName}...` },
      () => accounts.withInteractiveSignIn(() => checkStorageAccount(account)),
    );
    log.info(`Storage check passed for ${describeAccount(account)}: ${result.tables.length} exported tables`);
  } catch (error) {
    const message = error instanceof StorageCheckError ? error.message : redact((error as Error).message ?? String(error));
    log.warn(`Storage check failed for ${describeAccount(account)}: ${message}`);
    await input.showWarningMessage(`The connection check failed: ${message}`, { modal: false }, 'Save Anyway');
  }

  const entry: StorageAccountEntry = {
    id: newStorageEntryId(
      account.accountName,
      accounts.store.load().entries.map((e) => e.id),
    ),
    label: label && label !== account.accountName ? label : undefined,
    accountName: account.accountName,
    blobEndpoint: account.blobEndpoint,
    auth,
  };
  await accounts.store.add(entry, connection);
  log.info(`Added storage account "${storageDisplayName(entry)}" (${describeAccount(account)})`);
  accounts.changed();
  return entry;
}
