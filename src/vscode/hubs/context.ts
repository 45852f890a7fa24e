import type * as vscode from 'vscode';
import type { VsCodeHubRegistry } from './hubRegistry';
import type { Services } from '../services';
import type { HubsTreeProvider } from './hubsTree';
import type { TreeNode } from './treeNodes';

/** What the hub commands share. */
export interface HubCommandContext {
  readonly services: Services;
  readonly registry: VsCodeHubRegistry;
  readonly tree: HubsTreeProvider;
  readonly view?: vscode.TreeView<TreeNode>;
}

/** `{configId, hubName?}` of a tree node or similar argument. */
export function nodeRef(arg: unknown): { configId: string; hubName?: string } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { configId, hubName, kind } = arg as { configId?: unknown; hubName?: unknown; kind?: unknown };
  if (typeof configId !== 'string') return undefined;
  return { configId, hubName: kind === 'namespace' || typeof hubName !== 'string' ? undefined : hubName };
}
