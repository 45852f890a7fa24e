import * as vscode from 'vscode';
import { messageTreeItem } from '../support/messageItem';
import { displayName } from '../../config/entries';
import { redact } from '../../core/connection/redact';
import { readHubProperties } from '../../hubs/connectionCheck';
import { ConnectionCheckError } from '../../hubs/errors';
import { hubKey } from '../../hubs/hubKey';
import { hubRefsOf } from '../../hubs/hubRefs';
import { sortPartitionIds, type PartitionInfo } from '../../hubs/properties';
import type { VsCodeHubRegistry } from './hubRegistry';
import { hubDescription, hubTooltip, partitionDescription, partitionLabel, partitionTooltip, shortProblem } from './treeFormat';
import { aggregateStatus, infoOf, type Aggregate, type HubStatus } from './hubStatus';
import type { HubNode, NamespaceNode, TreeNode } from './treeNodes';

export const HUBS_VIEW_ID = 'defenderStream.hubs';

/**
 * The hubs view: namespace → hub → partitions. Hub properties are read in the background with
 * short retries; the tree shows "checking" until they arrive and failures as child items.
 */
export class HubsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly statuses = new Map<string, HubStatus>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private generation = 0;
  /** Settings of each namespace when last shown: a hand edit (host, consumer group...) invalidates its statuses. */
  private readonly signatures = new Map<string, string>();
  /**
   * The node objects last shown, by namespace and by hub key: a status change refreshes just its hub and
   * namespace rows. A whole-tree refresh makes VS Code drop every row's element while it re-reads them, so
   * an inline action clicked at that moment would run without its row (the command would ask which hub).
   */
  private readonly shownNamespaces = new Map<string, NamespaceNode>();
  private readonly shownHubs = new Map<string, HubNode>();

  constructor(
    private readonly registry: VsCodeHubRegistry,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(registry.onDidChange(() => this.refresh(false)));
  }

  /** Re-reads settings; `recheck` also reconnects to every hub (manual refresh). */
  refresh(recheck = true): void {
    if (recheck) {
      this.generation++;
      for (const [key, status] of this.statuses) this.statuses.set(key, { state: 'checking', previous: infoOf(status) });
      this.inFlight.clear();
    }
    this.emitter.fire(undefined);
  }

  /** Reloads every hub's properties without showing "checking" (the interval refresh). */
  async refreshQuietly(): Promise<void> {
    const hubs = await this.registry.listHubs();
    await Promise.all(hubs.map((h) => this.load(h.configId, h.hubName, true)));
  }

  statusOf(configId: string, hubName: string): HubStatus | undefined {
    return this.statuses.get(hubKey(configId, hubName));
  }

  /** Records a result from elsewhere (e.g. Test Connection) so the tree shows it. */
  setStatus(configId: string, hubName: string, status: HubStatus): void {
    const namespaceBefore = this.namespaceSummary(this.shownNamespaces.get(configId));
    this.statuses.set(hubKey(configId, hubName), status);
    this.fireHub(configId, hubName, namespaceBefore);
  }

  /**
   * Refreshes one hub's row (and its partitions), and its namespace's row only when the namespace's own
   * summary changed (refreshing it re-reads all of its hubs); the whole tree when the rows were not shown.
   */
  private fireHub(configId: string, hubName: string, namespaceBefore: string): void {
    const hub = this.shownHubs.get(hubKey(configId, hubName));
    const namespace = this.shownNamespaces.get(configId);
    if (!hub || !namespace) return this.emitter.fire(undefined);
    this.emitter.fire(this.namespaceSummary(namespace) === namespaceBefore ? hub : [namespace, hub]);
  }

  /** What a namespace row shows that depends on its hubs' statuses (its icon and error count). */
  private namespaceSummary(node: NamespaceNode | undefined): string {
    if (!node) return '';
    const statuses = node.entry.hubs.map((h) => this.statuses.get(hubKey(node.configId, h)));
    return `${aggregateStatus(statuses)}/${statuses.filter((s) => s?.state === 'error').length}`;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'namespace':
        return this.namespaceItem(node);
      case 'hub':
        return this.hubItem(node);
      case 'partition': {
        const item = new vscode.TreeItem(partitionLabel(node.partition), vscode.TreeItemCollapsibleState.None);
        item.id = `${hubKey(node.configId, node.hubName)}/p/${node.partition.partitionId}`;
        item.description = partitionDescription(node.partition);
        item.tooltip = partitionTooltip(node.partition);
        item.iconPath = new vscode.ThemeIcon(node.partition.isEmpty ? 'circle-outline' : 'circle-filled');
        item.contextValue = 'partition';
        return item;
      }
      case 'message': {
        const item = messageTreeItem(node.id, node.text, node.severity);
        if (node.command) item.command = { ...node.command };
        return item;
      }
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.rootChildren();
    if (node.kind === 'namespace') {
      const hubs = hubRefsOf(node.entry, node.demo).map((ref): HubNode => ({ kind: 'hub', ...ref }));
      for (const hub of hubs) {
        this.shownHubs.set(hubKey(hub.configId, hub.hubName), hub);
        void this.ensureLoaded(hub.configId, hub.hubName);
      }
      return hubs;
    }
    if (node.kind === 'hub') return this.hubChildren(node);
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'hub' || node.kind === 'partition') {
      const found = this.registry.entryFor(node.configId);
      if (!found) return undefined;
      if (node.kind === 'hub') return { kind: 'namespace', configId: node.configId, entry: found.entry, demo: found.demo };
      return hubRefsOf(found.entry, found.demo)
        .filter((h) => h.hubName === node.hubName)
        .map((h): HubNode => ({ kind: 'hub', ...h }))[0];
    }
    return undefined;
  }

  private rootChildren(): TreeNode[] {
    const { entries, issues, ephemeral } = this.registry.snapshot();
    const nodes: NamespaceNode[] = entries.map((entry) => ({ kind: 'namespace', configId: entry.id, entry, demo: false }));
    if (ephemeral) nodes.push({ kind: 'namespace', configId: ephemeral.id, entry: ephemeral, demo: true });
    this.forgetChanged(nodes);
    this.shownNamespaces.clear();
    this.shownHubs.clear();
    for (const n of nodes) this.shownNamespaces.set(n.configId, n);
    const messages: TreeNode[] = [];
    for (const issue of issues) {
      messages.push({
        kind: 'message',
        id: `issue/${issue.index}`,
        severity: 'error',
        text: redact(issue.message),
        command: { command: 'workbench.action.openSettingsJson', title: 'Open Settings (JSON)' },
      });
    }
    // An empty root lets the welcome view ("Add Event Hub", "Start Demo Hub") show.
    return [...nodes, ...messages];
  }

  private forgetChanged(nodes: readonly NamespaceNode[]): void {
    const current = new Map(nodes.map((n) => [n.configId, JSON.stringify(n.entry)]));
    for (const [configId, signature] of this.signatures) {
      if (current.get(configId) === signature) continue;
      for (const key of [...this.statuses.keys()]) if (key.startsWith(`${configId}/`)) this.statuses.delete(key);
      this.inFlight.forEach((_, key) => key.startsWith(`${configId}/`) && this.inFlight.delete(key));
    }
    this.signatures.clear();
    for (const [configId, signature] of current) this.signatures.set(configId, signature);
  }

  private hubChildren(node: HubNode): TreeNode[] {
    const key = hubKey(node.configId, node.hubName);
    const status = this.statuses.get(key);
    if (!status || status.state === 'checking') {
      void this.ensureLoaded(node.configId, node.hubName);
      const previous = infoOf(status);
      if (!previous) return [{ kind: 'message', id: `${key}/checking`, severity: 'loading', text: 'Connecting...' }];
      return this.partitionNodes(node, previous.partitions);
    }
    if (status.state === 'error') {
      return [{ kind: 'message', id: `${key}/error`, severity: 'error', text: status.problem.message, problem: status.problem }];
    }
    if (status.info.partitionIds.length === 0) return [{ kind: 'message', id: `${key}/none`, severity: 'info', text: 'No partitions' }];
    return this.partitionNodes(node, status.info.partitions);
  }

  private partitionNodes(node: HubNode, partitions: readonly PartitionInfo[]): TreeNode[] {
    const byId = new Map(partitions.map((p) => [p.partitionId, p]));
    return sortPartitionIds([...byId.keys()]).map((id) => ({
      kind: 'partition',
      configId: node.configId,
      hubName: node.hubName,
      table: node.table,
      partition: byId.get(id) as PartitionInfo,
    }));
  }

  private namespaceItem(node: NamespaceNode): vscode.TreeItem {
    const item = new vscode.TreeItem(displayName(node.entry), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `ns/${node.configId}`;
    const statuses = node.entry.hubs.map((h) => this.statuses.get(hubKey(node.configId, h)));
    const aggregate = aggregateStatus(statuses);
    const errors = statuses.filter((s) => s?.state === 'error').length;
    const mode = node.entry.mode === 'perTable' ? `per table · ${node.entry.hubs.length} hubs` : undefined;
    item.description = [node.entry.namespaceHost, mode, errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : undefined]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = [
      displayName(node.entry),
      `Namespace: ${node.entry.namespaceHost}`,
      `Authentication: ${node.entry.auth === 'entraId' ? 'Microsoft Entra ID' : `shared access policy ${node.entry.sharedAccessKeyName ?? '(SAS token)'}`}`,
      `Consumer group: ${node.entry.consumerGroup}`,
      node.demo ? 'Demo hub inside VS Code: stops with "Stop Demo Hub".' : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    item.iconPath = statusIcon(aggregate, node.demo ? 'beaker' : 'cloud');
    item.contextValue = node.demo ? 'namespace.demo' : 'namespace.configured';
    return item;
  }

  private hubItem(node: HubNode): vscode.TreeItem {
    const status = this.statuses.get(hubKey(node.configId, node.hubName));
    // A per-table hub is labelled with its table (its names all start alike); the hub name follows in the description.
    const item = new vscode.TreeItem(node.table ?? node.hubName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `hub/${hubKey(node.configId, node.hubName)}`;
    const info = infoOf(status);
    const named = node.table ? node.hubName : undefined;
    item.description =
      status?.state === 'error' ? [named, shortProblem(status.problem.code)].filter(Boolean).join(' · ') : hubDescription(info, named);
    item.tooltip =
      hubTooltip(node.hubName, node.namespaceHost, node.consumerGroup, info, node.table) +
      (status?.state === 'error' ? `\n\n${status.problem.message}` : '');
    item.iconPath = statusIcon(status ? (status.state === 'checking' ? 'checking' : status.state) : 'checking', 'radio-tower');
    item.contextValue = `hub.${node.demo ? 'demo' : 'configured'}${node.table ? '.table' : ''}`;
    return item;
  }

  private ensureLoaded(configId: string, hubName: string): Promise<void> {
    const status = this.statuses.get(hubKey(configId, hubName));
    if (status && status.state !== 'checking') return Promise.resolve();
    return this.load(configId, hubName, false);
  }

  private load(configId: string, hubName: string, quiet: boolean): Promise<void> {
    const key = hubKey(configId, hubName);
    const running = this.inFlight.get(key);
    if (running) return running;
    const generation = this.generation;
    const signature = this.signatures.get(configId);
    if (!quiet && !this.statuses.has(key)) this.statuses.set(key, { state: 'checking' });
    const work = (async () => {
      let next: HubStatus;
      let label = `${configId}/${hubName}`;
      try {
        const target = await this.registry.targetFor({ configId, hubName });
        label = target.label;
        this.log.info(
          `Connecting to ${target.namespaceHost} / ${hubName} (${target.auth.kind === 'connectionString' ? 'shared access key' : 'Microsoft Entra ID'})`,
        );
        const info = await readHubProperties(target);
        next = { state: 'connected', info, at: Date.now() };
        this.log.info(`Connected to ${label}: ${info.partitionIds.length} partitions`);
      } catch (error) {
        const problem =
          error instanceof ConnectionCheckError
            ? error.problem
            : { code: 'configuration' as const, message: redact(error instanceof Error ? error.message : String(error)) };
        next = { state: 'error', problem, at: Date.now() };
        this.log.warn(`Connection to ${label} failed: ${redact(problem.message)}`);
      }
      if (generation !== this.generation || signature !== this.signatures.get(configId) || !this.registry.entryFor(configId)) return;
      const before = this.statuses.get(key);
      const namespaceBefore = this.namespaceSummary(this.shownNamespaces.get(configId));
      this.statuses.set(key, next);
      if (!quiet || !sameStatus(before, next)) this.fireHub(configId, hubName, namespaceBefore);
    })().finally(() => {
      if (this.inFlight.get(key) === work) this.inFlight.delete(key);
    });
    this.inFlight.set(key, work);
    return work;
  }

  /** Forgets statuses of hubs that are no longer configured. */
  prune(keep: ReadonlySet<string>): void {
    for (const key of [...this.statuses.keys()]) if (!keep.has(key)) this.statuses.delete(key);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function statusIcon(status: Aggregate, fallback: string): vscode.ThemeIcon {
  switch (status) {
    case 'connected':
      return new vscode.ThemeIcon(fallback === 'radio-tower' ? 'pass' : fallback, new vscode.ThemeColor('testing.iconPassed'));
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    case 'checking':
      return new vscode.ThemeIcon('loading~spin');
    default:
      return new vscode.ThemeIcon(fallback);
  }
}

function sameStatus(a: HubStatus | undefined, b: HubStatus): boolean {
  if (!a || a.state !== b.state) return false;
  if (a.state === 'error' && b.state === 'error') return a.problem.message === b.problem.message;
  if (a.state === 'connected' && b.state === 'connected') return JSON.stringify(a.info) === JSON.stringify(b.info);
  return false;
}
