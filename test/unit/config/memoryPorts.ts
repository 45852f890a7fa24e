import type { HubConfigEntry, SecretPort, SettingsPort } from '../../../src/config/types';

/** In-memory settings and secret storage, the way VS Code behaves (values are copied on write). */
export class MemorySettings implements SettingsPort {
  writes = 0;
  constructor(public value: unknown = []) {}
  read(): unknown {
    return this.value === undefined ? undefined : JSON.parse(JSON.stringify(this.value));
  }
  async write(entries: readonly unknown[]): Promise<void> {
    this.writes++;
    this.value = JSON.parse(JSON.stringify(entries));
  }
}

export class MemorySecrets implements SecretPort {
  readonly map = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.map.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.map.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.map.delete(key);
  }
}

/** A connection-string hub entry of the commercial cloud, with `overrides`. */
export function entry(overrides: Partial<HubConfigEntry> = {}): HubConfigEntry {
  return {
    id: 'soc-1',
    label: 'Contoso SOC',
    namespaceHost: 'contoso-soc.servicebus.windows.net',
    hubs: ['defender-stream'],
    mode: 'single',
    consumerGroup: '$Default',
    auth: 'connectionString',
    sharedAccessKeyName: 'ListenPolicy',
    ...overrides,
  };
}
