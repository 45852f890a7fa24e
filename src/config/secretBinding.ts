import type { HubConfigEntry } from './types';

/**
 * A stored key is bound to the endpoint it was saved for: the scheme (TLS or, for a local emulator,
 * plain AMQP) and the namespace host with its port. A key is only ever sent to that endpoint, so a
 * settings entry that names another host (or turns TLS off) under the same id cannot obtain it.
 */
export function endpointOf(entry: Pick<HubConfigEntry, 'namespaceHost' | 'useDevelopmentEmulator'>): string {
  return `${entry.useDevelopmentEmulator ? 'amqp' : 'amqps'}://${entry.namespaceHost.toLowerCase()}`;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)(?::\d+)?$/i;

/** Whether a namespace host (with an optional port) is this machine: the only place a key may go without TLS. */
export function isLoopbackHost(namespaceHost: string): boolean {
  return LOOPBACK.test(namespaceHost.trim());
}
