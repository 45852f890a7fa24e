import type { TokenCredential } from '@azure/core-auth';
import { formatConnectionString } from '../core/connection/connectionString';
import { getTableByHubName } from '../core/catalog/schemaCatalog';
import type { HubTarget } from './hubTarget';
import { displayName } from '../config/entries';
import { endpointOf, isLoopbackHost } from '../config/secretBinding';
import type { HubConfigEntry, HubSecret } from '../config/types';

/** A configuration that cannot be turned into a client; the message says how to fix it (never a secret). */
export class HubConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubConfigError';
  }
}

/** The Advanced Hunting table a hub carries, when its name is `insights-logs-advancedhunting-<table>`. */
export function tableOfHub(hubName: string): string | undefined {
  return getTableByHubName(hubName)?.name;
}

/** Builds the connection string for one hub from settings + secret. */
export function connectionStringFor(entry: HubConfigEntry, hubName: string, secret: HubSecret | undefined): string {
  const name = displayName(entry);
  if (!secret || (!secret.sharedAccessKey && !secret.sharedAccessSignature)) {
    throw new HubConfigError(`No key is stored for "${name}". Use "Edit Event Hub..." to enter the connection string again.`);
  }
  if (secret.endpoint !== undefined && secret.endpoint !== endpointOf(entry)) {
    throw new HubConfigError(
      `The key stored for "${name}" was saved for ${secret.endpoint}, but its settings now name ${endpointOf(entry)}. A key is only sent to the host it was saved for: use "Edit Event Hub..." to enter the connection string for the new host.`,
    );
  }
  if (entry.useDevelopmentEmulator && !isLoopbackHost(entry.namespaceHost)) {
    throw new HubConfigError(
      `"${name}" turns TLS off (UseDevelopmentEmulator) for ${entry.namespaceHost}, which is not this machine. A key is sent without TLS only to localhost, 127.0.0.1 or ::1.`,
    );
  }
  if (secret.sharedAccessSignature) {
    let text = `Endpoint=sb://${entry.namespaceHost}/;SharedAccessSignature=${secret.sharedAccessSignature};EntityPath=${hubName}`;
    if (entry.useDevelopmentEmulator) text += ';UseDevelopmentEmulator=true';
    return text;
  }
  if (!entry.sharedAccessKeyName) {
    throw new HubConfigError(
      `"${name}" has no "sharedAccessKeyName" in settings. Use "Edit Event Hub..." to enter the connection string again.`,
    );
  }
  return formatConnectionString({
    host: entry.namespaceHost,
    sharedAccessKeyName: entry.sharedAccessKeyName,
    sharedAccessKey: secret.sharedAccessKey as string,
    entityPath: hubName,
    useDevelopmentEmulator: entry.useDevelopmentEmulator,
  });
}

/** Merges an entry with its secret (or an Entra ID credential) into the target of one of its hubs. */
export function buildTarget(
  entry: HubConfigEntry,
  hubName: string,
  secret: HubSecret | undefined,
  credential?: () => TokenCredential,
): HubTarget {
  const hub = entry.hubs.find((h) => h.toLowerCase() === hubName.toLowerCase());
  if (!hub) throw new HubConfigError(`"${displayName(entry)}" has no event hub "${hubName}".`);
  const base = {
    configId: entry.id,
    label: `${displayName(entry)} / ${hub}`,
    namespaceHost: entry.namespaceHost,
    hubName: hub,
    consumerGroup: entry.consumerGroup,
    table: tableOfHub(hub),
  };
  if (entry.auth === 'entraId') {
    if (!credential) throw new HubConfigError('Microsoft Entra ID sign-in is not available here.');
    return { ...base, auth: { kind: 'tokenCredential', credential: credential() } };
  }
  return { ...base, auth: { kind: 'connectionString', connectionString: connectionStringFor(entry, hub, secret) } };
}
