import * as vscode from 'vscode';
import { messageTreeItem } from '../support/messageItem';
import { redact, redactError } from '../../core/connection/redact';
import { storageDisplayName, type StorageAccountEntry } from '../../storage/accountEntries';
import { describeStorageProblem } from '../../storage/errors';
import { listExportDays, listExportHourBlobs, listExportHours, listExportTables } from '../../storage/exportTree';
import type { StorageAccounts } from './storageAccounts';

export const STORAGE_VIEW_ID = 'defenderStream.storage';
export const OPEN_BLOB_COMMAND = 'defenderStream.openStorageBlob';

/** Nodes of the Storage Accounts view; commands read `accountId` (and a blob's `container`/`blob`) from their argument. */
export type StorageNode = AccountNode | TableNode | DayNode | HourNode | BlobNode | StorageMessageNode;

interface InAccount {
  readonly accountId: string;
}
export interface AccountNode extends InAccount {
  readonly kind: 'storageAccount';
  readonly entry: StorageAccountEntry;
}
export interface TableNode extends InAccount {
  readonly kind: 'storageTable';
  readonly container: string;
  readonly table: string;
  readonly known: boolean;
}
export interface DayNode extends InAccount {
  readonly kind: 'storageDay';
  readonly container: string;
  readonly start: number;
  readonly tenants: readonly string[];
}
export interface HourNode extends InAccount {
  readonly kind: 'storageHour';
  readonly container: string;
  readonly start: number;
  readonly tenants: readonly string[];
}
export interface BlobNode extends InAccount {
  readonly kind: 'storageBlob';
  readonly container: string;
  readonly blob: string;
  readonly tenantId: string;
  readonly size: number;
  readonly lastModified: number;
}
export interface StorageMessageNode {
  readonly kind: 'storageMessage';
  readonly id: string;
  readonly severity: 'error' | 'info';
  readonly text: string;
}

/**
 * The Storage Accounts view: account → tables (the `insights-logs-advancedhunting-*` containers) → UTC days →
 * hours (newest first) → hour blobs. Each level is listed when expanded; a failure is a child item with the
 * one wording of `describeStorageProblem`.
 */
export class StorageTreeProvider implements vscode.TreeDataProvider<StorageNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<StorageNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    private readonly accounts: StorageAccounts,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(accounts.onDidChange(() => this.emitter.fire(undefined)));
  }

  refresh(): void {
    this.accounts.changed();
  }

  getTreeItem(node: StorageNode): vscode.TreeItem {
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'storageAccount': {
        const item = new vscode.TreeItem(storageDisplayName(node.entry), collapsed);
        item.id = `sa/${node.accountId}`;
        item.description = node.entry.blobEndpoint.replace(/^https?:\/\//, '');
        item.tooltip = [
          storageDisplayName(node.entry),
          `Blob endpoint: ${node.entry.blobEndpoint}`,
          `Authentication: ${node.entry.auth === 'entraId' ? 'Microsoft Entra ID' : 'connection string or SAS (kept in VS Code secret storage)'}`,
        ].join('\n');
        item.iconPath = new vscode.ThemeIcon('database');
        // The demo's Azurite is shown while the demo hub runs: tailed and measured like any, not removed.
        const demo = this.accounts.store.isEphemeral(node.accountId);
        item.contextValue = demo ? 'storageDemoAccount' : 'storageAccount';
        if (demo) item.tooltip += "\n\nThe demo hub writes its traffic here in the layout of Defender's Storage export, while it runs.";
        return item;
      }
      case 'storageTable': {
        const item = new vscode.TreeItem(node.table, collapsed);
        item.id = `sa/${node.accountId}/${node.container}`;
        item.description = node.known ? undefined : 'not in the catalog';
        item.tooltip = `Container: ${node.container}`;
        item.iconPath = new vscode.ThemeIcon('table');
        item.contextValue = 'storageTable';
        return item;
      }
      case 'storageDay': {
        const item = new vscode.TreeItem(new Date(node.start).toISOString().slice(0, 10), collapsed);
        item.id = `sa/${node.accountId}/${node.container}/d/${node.start}`;
        item.description = tenantsText(node.tenants);
        item.tooltip = `UTC day ${new Date(node.start).toISOString().slice(0, 10)}\nTenants: ${node.tenants.join(', ')}`;
        item.iconPath = new vscode.ThemeIcon('calendar');
        item.contextValue = 'storageDay';
        return item;
      }
      case 'storageHour': {
        const hour = new Date(node.start).toISOString().slice(11, 13);
        const item = new vscode.TreeItem(`${hour}:00 UTC`, collapsed);
        item.id = `sa/${node.accountId}/${node.container}/h/${node.start}`;
        item.description = tenantsText(node.tenants);
        item.tooltip = `${new Date(node.start).toISOString().slice(0, 13)}:00–${hour}:59 UTC\nTenants: ${node.tenants.join(', ')}`;
        item.iconPath = new vscode.ThemeIcon('clock');
        item.contextValue = 'storageHour';
        return item;
      }
      case 'storageBlob': {
        const name = node.blob.slice(node.blob.lastIndexOf('/') + 1);
        const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
        item.id = `sa/${node.accountId}/${node.container}/b/${node.blob}`;
        item.description = `${formatBytes(node.size)} · ${formatTime(node.lastModified)} · tenant ${node.tenantId}`;
        item.tooltip = [
          `${node.container}/${node.blob}`,
          `Size: ${node.size.toLocaleString('en-US')} bytes`,
          `Last modified: ${new Date(node.lastModified).toISOString()}`,
          'Click to open it as a read-only NDJSON document.',
        ].join('\n');
        item.iconPath = new vscode.ThemeIcon('file');
        item.contextValue = 'storageBlob';
        item.command = { command: OPEN_BLOB_COMMAND, title: 'Open Blob', arguments: [node] };
        return item;
      }
      case 'storageMessage': {
        const item = messageTreeItem(node.id, node.text, node.severity);
        return item;
      }
    }
  }

  async getChildren(node?: StorageNode): Promise<StorageNode[]> {
    if (!node) return this.roots();
    if (node.kind === 'storageMessage' || node.kind === 'storageBlob') return [];
    const where = node.kind === 'storageAccount' ? {} : { container: node.container };
    const parentId =
      node.kind === 'storageAccount'
        ? `sa/${node.accountId}`
        : `sa/${node.accountId}/${node.container}/${node.kind}/${'start' in node ? node.start : ''}`;
    let opened;
    try {
      opened = await this.accounts.open(node.accountId);
    } catch (error) {
      const text = redactError(error);
      this.log.warn(`Storage account ${node.accountId}: ${text}`);
      return [{ kind: 'storageMessage', id: `${parentId}/error`, severity: 'error', text }];
    }
    try {
      const children = await this.children(node, opened.listing);
      if (children.length > 0) return children;
      const empty =
        node.kind === 'storageAccount'
          ? 'No insights-logs-advancedhunting-* containers: Defender has exported nothing here yet.'
          : 'No blobs.';
      return [{ kind: 'storageMessage', id: `${parentId}/none`, severity: 'info', text: empty }];
    } catch (error) {
      const problem = describeStorageProblem(error, opened.account, where);
      this.log.warn(`Listing ${opened.account.accountName}${where.container ? `/${where.container}` : ''} failed: ${problem.message}`);
      return [{ kind: 'storageMessage', id: `${parentId}/error`, severity: 'error', text: problem.message }];
    }
  }

  private async children(
    node: AccountNode | TableNode | DayNode | HourNode,
    store: Parameters<typeof listExportTables>[0],
  ): Promise<StorageNode[]> {
    const accountId = node.accountId;
    switch (node.kind) {
      case 'storageAccount':
        return (await listExportTables(store)).map((t) => ({ kind: 'storageTable', accountId, ...t }));
      case 'storageTable':
        return (await listExportDays(store, node.container)).map((d) => ({
          kind: 'storageDay',
          accountId,
          container: node.container,
          ...d,
        }));
      case 'storageDay':
        return (await listExportHours(store, node.container, node.start, node.tenants)).map((h) => ({
          kind: 'storageHour',
          accountId,
          container: node.container,
          ...h,
        }));
      case 'storageHour':
        return (await listExportHourBlobs(store, node.container, node.start, node.tenants)).map((b) => ({
          kind: 'storageBlob',
          accountId,
          container: node.container,
          blob: b.name,
          tenantId: b.tenantId,
          size: b.size,
          lastModified: b.lastModified,
        }));
    }
  }

  private roots(): StorageNode[] {
    const { entries, issues } = this.accounts.store.load();
    const nodes: StorageNode[] = entries.map((entry) => ({ kind: 'storageAccount', accountId: entry.id, entry }));
    for (const issue of issues)
      nodes.push({ kind: 'storageMessage', id: `sa-issue/${issue.index}`, severity: 'error', text: redact(issue.message) });
    // An empty root lets the welcome view ("Add Storage Account") show.
    return nodes;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function tenantsText(tenants: readonly string[]): string | undefined {
  return tenants.length > 1 ? `${tenants.length} tenants` : undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
