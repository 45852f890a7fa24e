/**
 * The one key of a hub of a configured namespace: its entry's id and its name, lowercased because
 * Event Hubs names are case-insensitive ("Alerts" and "alerts" are one hub). The tree's statuses and
 * the registry of running tails use it. An entry id has no "/" (src/config/ids.ts), so keys cannot collide.
 */
export function hubKey(configId: string, hubName: string): string {
  return `${configId}/${hubName.toLowerCase()}`;
}
