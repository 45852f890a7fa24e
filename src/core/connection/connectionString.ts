import { ConnectionError } from './errors';

/** The parts of an Event Hubs connection string. `key`/`signature` are secrets: never log them. */
export interface EventHubsConnectionString {
  /** `sb://host[:port]/` as given. */
  readonly endpoint: string;
  /** Namespace host, with `:port` when the endpoint names one (a local hub). */
  readonly host: string;
  readonly port?: number;
  readonly sharedAccessKeyName?: string;
  readonly sharedAccessKey?: string;
  readonly sharedAccessSignature?: string;
  /** The hub, for a hub-level connection string. */
  readonly entityPath?: string;
  /** `UseDevelopmentEmulator=true`: plain TCP to a local emulator. Case-sensitive as in the SDK. */
  readonly useDevelopmentEmulator: boolean;
}

const HOST_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$|^\[[0-9a-fA-F:]+\]$/;

/** Parses `Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=...[;EntityPath=...]`. */
export function parseConnectionString(input: string): EventHubsConnectionString {
  const text = input.trim();
  if (text === '') throw new ConnectionError('empty', 'The connection string is empty.');
  // Messages name the part (by position or name) and never quote a value: a malformed part may be a key.
  const parts = new Map<string, string>();
  let position = 0;
  for (const segment of text.split(';')) {
    if (segment.trim() === '') continue;
    position++;
    const eq = segment.indexOf('=');
    if (eq < 0)
      throw new ConnectionError('malformed', `Part ${position} of the connection string is not "Name=Value" (parts are separated by ";").`);
    const name = segment.slice(0, eq).trim();
    if (name === '') throw new ConnectionError('malformed', `Part ${position} of the connection string has no name before "=".`);
    const canonical = CANONICAL_NAMES.get(name.toLowerCase());
    if (!canonical) continue; // unknown parts (e.g. TransportType) are ignored like the SDK does
    const value = segment.slice(eq + 1).trim();
    if (SINGLE_TOKEN.has(canonical) && /[\s,]/.test(value)) {
      throw new ConnectionError(
        'malformed',
        `The "${canonical}" part of the connection string holds a "," or a space: separate the parts with ";".`,
      );
    }
    parts.set(canonical, value);
  }
  const endpoint = parts.get('Endpoint');
  if (!endpoint)
    throw new ConnectionError('missingEndpoint', 'The connection string has no "Endpoint=sb://<namespace>.servicebus.windows.net/".');
  const match = /^sb:\/\/([^/]+)\/?$/i.exec(endpoint);
  if (!match)
    throw new ConnectionError(
      'badEndpoint',
      'The "Endpoint" of the connection string must look like "sb://<namespace>.servicebus.windows.net/".',
    );
  const { host, port } = splitHostPort(match[1]);
  const key = parts.get('SharedAccessKey');
  const keyName = parts.get('SharedAccessKeyName');
  const signature = parts.get('SharedAccessSignature');
  if (signature === undefined) {
    if (!keyName)
      throw new ConnectionError(
        'missingKeyName',
        'The connection string has no "SharedAccessKeyName" (the name of the shared access policy).',
      );
    if (!key) throw new ConnectionError('missingKey', 'The connection string has no "SharedAccessKey".');
  } else if (signature === '') {
    throw new ConnectionError('missingKey', 'The connection string has an empty "SharedAccessSignature".');
  }
  const entityPath = parts.get('EntityPath');
  if (entityPath !== undefined && entityPath === '')
    throw new ConnectionError('badEntityPath', 'The connection string has an empty "EntityPath".');
  return {
    endpoint,
    host: port === undefined ? host : `${host}:${port}`,
    port,
    sharedAccessKeyName: keyName,
    sharedAccessKey: key,
    sharedAccessSignature: signature,
    entityPath,
    useDevelopmentEmulator: parts.get('UseDevelopmentEmulator') === 'true',
  };
}

/** Builds a connection string from its parts (the inverse of parseConnectionString). */
export function formatConnectionString(parts: {
  host: string;
  sharedAccessKeyName: string;
  sharedAccessKey: string;
  entityPath?: string;
  useDevelopmentEmulator?: boolean;
}): string {
  let text = `Endpoint=sb://${parts.host}/;SharedAccessKeyName=${parts.sharedAccessKeyName};SharedAccessKey=${parts.sharedAccessKey}`;
  if (parts.entityPath) text += `;EntityPath=${parts.entityPath}`;
  if (parts.useDevelopmentEmulator) text += ';UseDevelopmentEmulator=true';
  return text;
}

/** Parts whose value is one token: a "," or a space in them means the separators are wrong. */
const SINGLE_TOKEN = new Set(['Endpoint', 'SharedAccessKeyName', 'SharedAccessKey', 'EntityPath']);

const CANONICAL_NAMES = new Map(
  ['Endpoint', 'SharedAccessKeyName', 'SharedAccessKey', 'SharedAccessSignature', 'EntityPath', 'UseDevelopmentEmulator'].map((n) => [
    n.toLowerCase(),
    n,
  ]),
);

export function splitHostPort(hostPort: string): { host: string; port?: number } {
  let host = hostPort;
  let port: number | undefined;
  const m = /^(.*):(\d+)$/.exec(hostPort);
  if (m && !(hostPort.startsWith('[') && !hostPort.includes(']:'))) {
    host = m[1];
    port = Number(m[2]);
    if (port < 1 || port > 65535) throw new ConnectionError('badEndpoint', 'The port is out of range (1 to 65535).');
  }
  // No echo: the host may come from a connection string pasted with the wrong separators.
  if (!HOST_PATTERN.test(host))
    throw new ConnectionError(
      'badHost',
      'The host is not a valid host name (letters, digits and "-" in dot-separated labels, or an [IPv6] address).',
    );
  return { host, port };
}
