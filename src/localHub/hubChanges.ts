import type { NamespaceModel } from './hubModel';

/**
 * Changes to a running local hub that Event Hubs allows while clients read (test hooks for the tail's
 * handling of them). Reach the namespace with `LocalHubServer.namespace`.
 */

/** Raises a hub's partition count by `count`; returns the new partitions' ids. */
export function addPartitions(namespace: NamespaceModel, hubName: string, count = 1): string[] {
  return hubOf(namespace, hubName).addPartitions(count);
}

/**
 * Deletes a hub and creates it again under the same name: empty partitions numbered from 0, a later
 * `created_at` (unless `createdAt` is given), the same consumer groups. Links already open stay on the
 * old hub and get nothing more; `dropAllConnections()` then has clients reconnect to the new hub from
 * their last sequence numbers, as after a network outage that spanned the change.
 */
export function recreateHub(
  namespace: NamespaceModel,
  hubName: string,
  options: { readonly partitionCount?: number; readonly createdAt?: number } = {},
): void {
  const previous = hubOf(namespace, hubName);
  namespace.replace(previous.recreated(options));
}

function hubOf(namespace: NamespaceModel, hubName: string) {
  const hub = namespace.hub(hubName);
  if (!hub) throw new RangeError(`The local hub has no event hub "${hubName}" (it has: ${namespace.hubNames.join(', ')}).`);
  return hub;
}
