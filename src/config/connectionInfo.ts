import { cloudOfHost } from '../core/connection/cloud';
import { redact } from '../core/connection/redact';
import { displayName } from './entries';
import { getTableByHubName } from '../core/catalog/schemaCatalog';
import type { HubConfigEntry } from './types';

/** What "Copy Connection Info" puts on the clipboard: everything needed to find the hub, never the key. */
export function formatConnectionInfo(entry: HubConfigEntry, hubName?: string): string {
  const hubs = hubName ? [hubName] : entry.hubs;
  const cloud = cloudOfHost(entry.namespaceHost);
  const lines = [
    `Name: ${displayName(entry)}`,
    `Namespace: ${entry.namespaceHost}`,
    cloud ? `Cloud: ${cloud.label}` : undefined,
    `Event hub${hubs.length === 1 ? '' : 's'}: ${hubs.map((h) => (getTableByHubName(h)?.name ? `${h} (${getTableByHubName(h)?.name})` : h)).join(', ')}`,
    `Consumer group: ${entry.consumerGroup}`,
    entry.auth === 'entraId'
      ? 'Authentication: Microsoft Entra ID (needs the "Azure Event Hubs Data Receiver" role)'
      : `Authentication: shared access policy "${entry.sharedAccessKeyName ?? '(SAS token)'}" (the key stays in VS Code secret storage and is not copied)`,
    entry.useDevelopmentEmulator ? 'Transport: plain AMQP to a local hub (UseDevelopmentEmulator=true)' : undefined,
  ];
  return redact(lines.filter((l): l is string => l !== undefined).join('\n'));
}
