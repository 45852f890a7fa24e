import type { HubTarget } from './hubTarget';

/**
 * Where features find event hubs (configured ones and the demo hub). Exposed as `services.hubs`.
 *
 * Shape for the tail / KQL / capacity helpers:
 *   const target = await services.hubs.resolveTarget(nodeArg);  // rejects with a cancellation when the user backs out
 *   // target.hubName, target.table (per-table hubs), target.configId, target.auth (secret merged in)
 *
 * `nodeOrArg` may be: a tree node of the hubs view (a `HubRef`-like object with `configId` and `hubName`,
 * and `table` for a per-table hub), a namespace node (`configId` only: the user picks one of its hubs when
 * it has several), an already resolved `HubTarget` (returned as is), or nothing (a quick pick of every
 * configured and demo hub).
 */
export interface HubRegistry {
  resolveTarget(nodeOrArg?: unknown): Promise<HubTarget>;
  /** Every hub known right now (configured + demo), without secrets. */
  listHubs(): Promise<readonly HubRef[]>;
  /** Opens the target of one hub (merges the secret or credential in); throws a clear error when it cannot. */
  targetFor(ref: Pick<HubRef, 'configId' | 'hubName'>): Promise<HubTarget>;
  /** Called whenever the configured or demo hubs change; returns a function that unsubscribes. */
  onDidChange(listener: () => void): { dispose(): void };
}

/** One event hub as the tree and the quick pick show it (no secret). Tree hub nodes carry these fields too. */
export interface HubRef {
  readonly configId: string;
  readonly hubName: string;
  /** The Advanced Hunting table of a per-table hub (`insights-logs-advancedhunting-<table>`). */
  readonly table?: string;
  /** Namespace label, e.g. "Contoso SOC" or "Demo (local)". */
  readonly namespaceLabel: string;
  readonly namespaceHost: string;
  readonly consumerGroup: string;
  readonly demo: boolean;
}
