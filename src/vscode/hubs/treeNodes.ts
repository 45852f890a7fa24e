import type { HubConfigEntry } from '../../config/types';
import type { ConnectionProblem } from '../../hubs/errors';
import type { PartitionInfo } from '../../hubs/properties';
import type { HubRef } from '../../hubs/registry';

/** Nodes of the hubs view. Hub nodes carry `configId`, `hubName` and `table`, which commands read from their argument. */
export type TreeNode = NamespaceNode | HubNode | PartitionNode | MessageNode;

export interface NamespaceNode {
  readonly kind: 'namespace';
  readonly configId: string;
  readonly entry: HubConfigEntry;
  readonly demo: boolean;
}

export interface HubNode extends HubRef {
  readonly kind: 'hub';
}

export interface PartitionNode {
  readonly kind: 'partition';
  readonly configId: string;
  readonly hubName: string;
  readonly table?: string;
  readonly partition: PartitionInfo;
}

export interface MessageNode {
  readonly kind: 'message';
  /** Unique within the view. */
  readonly id: string;
  readonly severity: 'error' | 'info' | 'loading';
  readonly text: string;
  readonly problem?: ConnectionProblem;
  /** Command run on click, e.g. open settings. */
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: unknown[] };
}
