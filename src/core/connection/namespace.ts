import { CLOUDS, type AzureCloud } from './cloud';
import { splitHostPort } from './connectionString';
import { mayEcho, quotedOr } from './echo';
import { ConnectionError } from './errors';

export interface NamespaceResourceId {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly namespace: string;
  /** Present when the ID names an event hub (`.../eventhubs/<hub>`). */
  readonly hub?: string;
}

const RESOURCE_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.EventHub\/namespaces\/([^/]+)(?:\/eventhubs\/([^/]+))?\/?$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Event Hubs namespace names: 6-50 characters, letters, digits and hyphens, starting with a letter, not ending with a hyphen. */
const NAMESPACE_NAME = /^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]$/;
/** Event hub names: 1-256 characters of letters, digits, periods, hyphens and underscores, starting and ending with a letter or digit. */
const HUB_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,254}[A-Za-z0-9])?$/;

/** Parses the namespace resource ID that the Defender portal asks for. */
export function parseResourceId(input: string): NamespaceResourceId {
  const text = input.trim();
  const m = RESOURCE_ID.exec(text);
  if (!m) {
    if (!text.startsWith('/subscriptions/')) {
      throw new ConnectionError(
        'badResourceId',
        'A resource ID starts with "/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.EventHub/namespaces/<namespace>".',
      );
    }
    if (!/\/providers\/Microsoft\.EventHub\/namespaces\//i.test(text)) {
      throw new ConnectionError(
        'badResourceId',
        'This resource ID is not an Event Hubs namespace: it must contain "/providers/Microsoft.EventHub/namespaces/<namespace>".',
      );
    }
    throw new ConnectionError(
      'badResourceId',
      'The resource ID has extra or missing segments; expected "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.EventHub/namespaces/<namespace>[/eventhubs/<hub>]".',
    );
  }
  const [, subscriptionId, resourceGroup, namespace, hub] = m;
  if (!GUID.test(subscriptionId))
    throw new ConnectionError(
      'badResourceId',
      `The subscription ID${mayEcho(subscriptionId) ? ` "${subscriptionId}"` : ''} is not a GUID.`,
    );
  if (!NAMESPACE_NAME.test(namespace))
    throw new ConnectionError('badResourceId', `${quotedOr(namespace, 'The namespace')} is not a valid Event Hubs namespace name.`);
  if (hub !== undefined) validateHubName(hub);
  return { subscriptionId, resourceGroup, namespace, hub };
}

/** The AMQP host of a namespace in a cloud. */
export function hostForNamespace(namespace: string, cloud: AzureCloud = CLOUDS[0]): string {
  return namespace.toLowerCase() + cloud.serviceBusSuffix;
}

/**
 * Reads what a user typed for "the namespace": a host (`contoso.servicebus.windows.net`, with an
 * optional `sb://` and port), a bare namespace name (commercial cloud assumed), or a resource ID.
 */
export function parseNamespaceInput(input: string, cloud: AzureCloud = CLOUDS[0]): { host: string; hub?: string } {
  const text = input.trim();
  if (text === '') throw new ConnectionError('empty', 'Enter a namespace host name or resource ID.');
  if (text.startsWith('/')) {
    const id = parseResourceId(text);
    return { host: hostForNamespace(id.namespace, cloud), hub: id.hub };
  }
  const stripped = text.replace(/^sb:\/\//i, '').replace(/\/$/, '');
  if (!stripped.includes('.') && !stripped.includes(':')) {
    if (!NAMESPACE_NAME.test(stripped))
      throw new ConnectionError('badHost', `${quotedOr(stripped, 'This')} is neither a host name nor a valid namespace name.`);
    return { host: hostForNamespace(stripped, cloud) };
  }
  const { host, port } = splitHostPort(stripped);
  return { host: port === undefined ? host.toLowerCase() : `${host.toLowerCase()}:${port}` };
}

export function validateHubName(name: string): string {
  if (!HUB_NAME.test(name)) {
    throw new ConnectionError(
      'badHubName',
      `${quotedOr(name, 'The name')} is not a valid event hub name (letters, digits, ".", "-", "_"; up to 256 characters; starting and ending with a letter or digit).`,
    );
  }
  return name;
}
