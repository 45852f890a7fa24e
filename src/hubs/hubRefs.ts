import { displayName } from '../config/entries';
import { tableOfHub } from './targets';
import type { HubConfigEntry } from '../config/types';
import type { HubRef } from './registry';

/** The hubs of one namespace entry, as the tree and the quick pick list them. */
export function hubRefsOf(entry: HubConfigEntry, demo: boolean): HubRef[] {
  return entry.hubs.map((hubName) => ({
    configId: entry.id,
    hubName,
    table: tableOfHub(hubName),
    namespaceLabel: displayName(entry),
    namespaceHost: entry.namespaceHost,
    consumerGroup: entry.consumerGroup,
    demo,
  }));
}

/** Reads `{configId, hubName?}` from a command argument (a tree node or a plain object). */
export function refArgument(arg: unknown): { configId: string; hubName?: string } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { configId, hubName } = arg as { configId?: unknown; hubName?: unknown };
  if (typeof configId !== 'string') return undefined;
  return { configId, hubName: typeof hubName === 'string' ? hubName : undefined };
}

/** True for an already resolved HubTarget passed as an argument. */
export function isHubTarget(arg: unknown): arg is import('./hubTarget').HubTarget {
  if (typeof arg !== 'object' || arg === null) return false;
  const t = arg as { auth?: { kind?: unknown }; hubName?: unknown; namespaceHost?: unknown };
  return typeof t.hubName === 'string' && typeof t.namespaceHost === 'string' && typeof t.auth?.kind === 'string';
}
