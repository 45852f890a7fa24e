import * as vscode from 'vscode';
import { describeStorageProblem } from '../../storage/errors';
import { storageDisplayName } from '../../storage/accountEntries';
import { measureStorageCapacity, storageCapacityReport, type StorageCapacityResult } from '../../storage/storageCapacity';
import type { StorageTailRef } from '../../storage/tailRef';
import type { Services } from '../services';
import { showInfo } from '../support/notify';

interface HoursItem extends vscode.QuickPickItem {
  readonly hours: number;
}

const HOURS: readonly HoursItem[] = [
  { label: 'Last hour', hours: 1 },
  { label: 'Last 6 hours', hours: 6 },
  { label: 'Last 24 hours', hours: 24, description: 'recommended: a whole day of the tenant' },
  { label: 'Last 7 days', hours: 168, description: 'a request per table, tenant and hour' },
];

export interface StorageCapacityOutcome {
  readonly result: StorageCapacityResult;
  readonly report: string;
}

/**
 * Measure Capacity on a storage account (or one of its tables): the last complete hours the user picks,
 * measured from the hour blobs' sizes and line counts (progress notification, cancellable), then the same
 * Markdown report as a hub's measurement.
 */
export async function measureStorageCapacityCommand(services: Services, ref: StorageTailRef): Promise<StorageCapacityOutcome | undefined> {
  const entry = services.storage.store.get(ref.accountId);
  if (!entry) throw new Error('This storage account is no longer configured. Refresh the Storage Accounts view.');
  const name = storageDisplayName(entry) + (ref.tables ? ` / ${ref.tables.join(', ')}` : '');
  const picked = await services.input.showQuickPick(HOURS, {
    title: `Measure Capacity: ${name}`,
    placeHolder: 'Which complete hours of the export should be measured?',
  });
  const opened = await services.storage.open(ref.accountId);
  services.log.info(`Measuring capacity of storage account ${name} over the last ${picked.hours} complete hour(s)`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Measuring ${name}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      try {
        return await measureStorageCapacity(opened.reading, {
          ...(ref.tables ? { tables: ref.tables } : {}),
          hours: picked.hours,
          signal: controller.signal,
          onProgress: (p) => {
            const percent = Math.round(p.fraction * 100);
            const table = p.table === '' ? '' : `${p.table}: `;
            progress.report({
              message: `${table}${p.records.toLocaleString('en-US')} records`,
              increment: Math.max(0, percent - reported),
            });
            reported = Math.max(reported, percent);
          },
        });
      } catch (error) {
        if (controller.signal.aborted) return undefined;
        throw new Error(describeStorageProblem(error, opened.account).message);
      } finally {
        subscription.dispose();
      }
    },
  );
  if (!result) {
    services.log.info('Storage capacity measurement cancelled');
    return undefined;
  }
  const report = storageCapacityReport(opened.account, result);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('markdown.showPreview', document.uri);
  services.log.info(
    `Capacity of ${name}: ${result.records} records from ${result.blobs.length} hour blobs in ${result.tables.length} tables`,
  );
  void showInfo(
    result.records === 0
      ? `No records in the last ${picked.hours} complete hour(s) of ${name}'s export.`
      : `Measured ${result.tables.length} table${result.tables.length === 1 ? '' : 's'} of ${name} from ${result.blobs.length} hour blob${result.blobs.length === 1 ? '' : 's'}.`,
  );
  return { result, report };
}
