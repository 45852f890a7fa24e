import * as vscode from 'vscode';
import { redactError } from '../../core/connection/redact';
import { BLOB_DOCUMENT_SCHEME, blobDocumentPath, parseBlobDocumentPath, readBlobText, type BlobRef } from '../../storage/blobText';
import { describeStorageProblem } from '../../storage/errors';
import { settings } from '../support/settings';
import type { StorageAccounts } from './storageAccounts';

/** The URI of a blob's read-only document: the account id, container and blob path, never a secret. */
export function blobDocumentUri(ref: BlobRef): vscode.Uri {
  return vscode.Uri.from({ scheme: BLOB_DOCUMENT_SCHEME, path: blobDocumentPath(ref) });
}

/**
 * Hour blobs as read-only NDJSON documents: read in ranges with progress (cancellable), at most
 * `defenderStream.storage.openMaxLines` lines and 64 MB, with a first line saying so when cut.
 */
export class BlobDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly accounts: StorageAccounts,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Reads the open blob documents again (Refresh). */
  reloadOpen(): void {
    for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === BLOB_DOCUMENT_SCHEME) this.emitter.fire(d.uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ref = parseBlobDocumentPath(uri.path);
    if (!ref) throw new Error(`Not a storage blob document: ${uri.path}`);
    const opened = await this.accounts.open(ref.accountId);
    const name = ref.blob.slice(ref.blob.lastIndexOf('/') + 1);
    const maxLines = settings().storage.openMaxLines;
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Reading ${ref.container}/${name}`, cancellable: true },
        (progress, cancel) => {
          let reported = 0;
          return readBlobText(opened.reading, ref.container, ref.blob, {
            maxLines,
            cancelled: () => cancel.isCancellationRequested || token.isCancellationRequested,
            onProgress: (bytes, size) => {
              const percent = size > 0 ? (100 * bytes) / size : 100;
              progress.report({ increment: percent - reported, message: `${Math.round(percent)}%` });
              reported = percent;
            },
          });
        },
      );
      this.log.info(
        `Opened ${opened.account.accountName}/${ref.container}/${ref.blob}: ${result.lines} lines, ${result.bytesRead} of ${result.size} bytes${result.cut ? ' (cut)' : ''}`,
      );
      return result.text;
    } catch (error) {
      const problem = describeStorageProblem(error, opened.account, { container: ref.container, blob: ref.blob });
      this.log.warn(`Reading ${ref.container}/${ref.blob} failed: ${problem.message}`);
      throw new Error(problem.message);
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** "Open Blob": the blob node's document, as NDJSON (JSON Lines), in a preview editor. */
export async function openBlob(arg: unknown, log: vscode.LogOutputChannel): Promise<vscode.TextEditor> {
  const ref = blobRefOf(arg);
  if (!ref) throw new Error('Choose an hour blob in the Storage Accounts view to open.');
  // The provider reads the blob (or rejects with the one wording of the failure).
  let document = await vscode.workspace.openTextDocument(blobDocumentUri(ref));
  try {
    document = await vscode.languages.setTextDocumentLanguage(document, 'jsonl');
  } catch (error) {
    log.info(`JSON Lines is not a language here (${redactError(error)}): the blob opens as JSON.`);
  }
  return vscode.window.showTextDocument(document, { preview: true });
}

function blobRefOf(arg: unknown): BlobRef | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { accountId, container, blob } = arg as Record<string, unknown>;
  return typeof accountId === 'string' && typeof container === 'string' && typeof blob === 'string'
    ? { accountId, container, blob }
    : undefined;
}
