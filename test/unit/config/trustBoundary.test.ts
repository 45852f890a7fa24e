// Issue 14, finding 1 and 2: a cloned repository's settings must not steer a stored key to another
// host, turn TLS off for it, or get copied into the user's own settings.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { secretKeyFor } from '../../../src/config/ids';
import { encodeSecret } from '../../../src/config/secret';
import { endpointOf, isLoopbackHost } from '../../../src/config/secretBinding';
import { HubConfigStore } from '../../../src/config/store';
import { buildTarget, HubConfigError } from '../../../src/hubs/targets';
import type { HubConfigEntry } from '../../../src/config/types';
import { checkConnection } from '../../../src/hubs/connectionCheck';
import { readSettings } from '../../../src/config/settings';
import { userSettingsPort, type UserConfiguration } from '../../../src/config/userSettingsPort';
import { tried } from '../../support/reliabilityLog';
import { entry, MemorySecrets, MemorySettings } from './memoryPorts';

const AREA = 'Trust boundary';

const KEY = 'dHJ1c3QtYm91bmRhcnkta2V5LW5ldmVyLXNlbnQtZWxzZXdoZXJlMDE=';

/** A VS Code configuration with user and workspace values, merged the way `get()` merges them. */
class LayeredConfiguration implements UserConfiguration {
  readonly updates: Array<{ key: string; value: unknown; target: unknown }> = [];
  constructor(
    public user: Record<string, unknown>,
    public workspace: Record<string, unknown>,
  ) {}
  get<T>(key: string): T | undefined {
    return (key in this.workspace ? this.workspace[key] : this.user[key]) as T | undefined;
  }
  inspect<T>(key: string): { globalValue?: T; workspaceValue?: T } {
    return { globalValue: this.user[key] as T | undefined, workspaceValue: this.workspace[key] as T | undefined };
  }
  async update(key: string, value: unknown, target: unknown): Promise<void> {
    this.updates.push({ key, value, target });
    if (target === true) this.user[key] = JSON.parse(JSON.stringify(value)) as unknown;
  }
}

/** A TCP listener that counts who connects: the attacker's host. */
async function listener(): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    count++;
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, connections: () => count };
}

describe('trust boundary: keys are bound to their host, hubs come from user settings only', () => {
  it('a key is refused for any host other than the one it was saved for', async () => {
    const store = new HubConfigStore(new MemorySettings(), new MemorySecrets());
    await store.add(entry(), { sharedAccessKey: KEY });
    const saved = store.get('soc-1') as HubConfigEntry;
    assert.equal(buildTarget(saved, 'defender-stream', await store.secretFor(saved)).auth.kind, 'connectionString');

    const moved = { ...saved, namespaceHost: 'attacker.example.com' };
    const plaintext = { ...saved, useDevelopmentEmulator: true };
    let refused = 0;
    for (const evil of [moved, plaintext, { ...saved, namespaceHost: 'contoso-soc.servicebus.windows.net:5672' }]) {
      assert.throws(
        () => buildTarget(evil, 'defender-stream', { sharedAccessKey: KEY, endpoint: endpointOf(saved) }),
        (error: Error) =>
          error instanceof HubConfigError && /only sent to the host it was saved for/.test(error.message) && !error.message.includes(KEY),
      );
      refused++;
    }
    tried({
      area: AREA,
      fault: 'A hub entry redefined under the id of a stored key: other host, other port, TLS turned off',
      times: 3,
      outcome: `refused ${refused} of 3 before any connection ("A key is only sent to the host it was saved for")`,
    });
  });

  it('the refusal happens before any connection: an attacker listening on the new host sees nobody', async () => {
    const attacker = await listener();
    try {
      const secrets = new MemorySecrets();
      const store = new HubConfigStore(new MemorySettings(), secrets);
      await store.add(entry({ namespaceHost: '127.0.0.1:5999', useDevelopmentEmulator: true }), { sharedAccessKey: KEY });
      // The same id, redefined (as a workspace could have done) to point at the attacker.
      const redefined = entry({ namespaceHost: `127.0.0.1:${attacker.port}`, useDevelopmentEmulator: true });
      let refused: unknown;
      try {
        await checkConnection(buildTarget(redefined, 'defender-stream', await store.secretFor(redefined)));
      } catch (error) {
        refused = error;
      }
      assert.ok(refused instanceof HubConfigError, String(refused));
      assert.equal(attacker.connections(), 0);
      tried({
        area: AREA,
        fault: 'Connection check on a redefined entry whose host is an attacker listening on loopback',
        times: 1,
        outcome: `refused; ${attacker.connections()} connections reached the attacker`,
      });
    } finally {
      attacker.server.close();
    }
  });

  it('a secret saved before binding existed is bound, on first use, to the entry of the user settings', async () => {
    const secrets = new MemorySecrets();
    await secrets.store(secretKeyFor('soc-1'), encodeSecret({ sharedAccessKey: KEY }));
    const store = new HubConfigStore(new MemorySettings([entry()]), secrets);
    const bound = await store.secretFor(entry());
    assert.equal(bound?.endpoint, 'amqps://contoso-soc.servicebus.windows.net');
    assert.match(secrets.map.get(secretKeyFor('soc-1')) ?? '', /"endpoint":"amqps:\/\/contoso-soc\.servicebus\.windows\.net"/);
    assert.throws(() => buildTarget(entry({ namespaceHost: 'evil.servicebus.windows.net' }), 'defender-stream', bound), HubConfigError);
    tried({
      area: AREA,
      fault: 'A key stored before keys were bound to hosts, then its entry pointed elsewhere',
      times: 1,
      outcome: 'bound to the user-settings host on first use; refused for the other host',
    });
  });

  it('editing the connection string binds the new key to the new host; keeping the old key for a new host is refused', async () => {
    const store = new HubConfigStore(new MemorySettings(), new MemorySecrets());
    await store.add(entry(), { sharedAccessKey: KEY });
    await store.update(entry({ namespaceHost: 'fabrikam.servicebus.windows.net' }));
    const e = store.get('soc-1') as HubConfigEntry;
    await assert.rejects(async () => buildTarget(e, 'defender-stream', await store.secretFor(e)), /only sent to the host it was saved for/);
    await store.update(e, { sharedAccessKey: KEY });
    assert.equal(buildTarget(e, 'defender-stream', await store.secretFor(e)).namespaceHost, 'fabrikam.servicebus.windows.net');
  });

  it('TLS is turned off only for this machine', () => {
    for (const host of ['localhost', 'localhost:5672', '127.0.0.1:5672', '127.10.0.3', '[::1]:5672'])
      assert.equal(isLoopbackHost(host), true, host);
    for (const host of [
      'contoso.servicebus.windows.net',
      '10.0.0.4:5672',
      'localhost.attacker.com',
      '127.0.0.1.attacker.com',
      '1270.0.0.1',
    ])
      assert.equal(isLoopbackHost(host), false, host);
    const remote = entry({ namespaceHost: 'emulator.contoso.com:5672', useDevelopmentEmulator: true });
    assert.throws(() => buildTarget(remote, 'defender-stream', { sharedAccessKey: KEY }), /without TLS only to localhost/);
    tried({
      area: AREA,
      fault: 'UseDevelopmentEmulator (no TLS) for a host that is not this machine',
      times: 1,
      outcome: 'refused: a key goes without TLS only to localhost, 127.0.0.1 or ::1',
    });
    const local = entry({ namespaceHost: 'localhost:5672', useDevelopmentEmulator: true });
    assert.equal(buildTarget(local, 'defender-stream', { sharedAccessKey: KEY }).namespaceHost, 'localhost:5672');
  });

  it('hub entries are read from user settings only, whatever the workspace says', () => {
    const mine = [entry()];
    const config = new LayeredConfiguration(
      { hubs: mine },
      { hubs: [entry({ namespaceHost: 'attacker.example.com' })], refreshInterval: 5 },
    );
    const store = new HubConfigStore(
      userSettingsPort(() => config, 'hubs'),
      new MemorySecrets(),
    );
    assert.deepEqual(
      store.load().entries.map((e) => e.namespaceHost),
      ['contoso-soc.servicebus.windows.net'],
    );
    const read = () =>
      readSettings({ get: (key) => config.get(key), user: (key) => config.inspect(key).globalValue }).refreshIntervalSeconds;
    assert.equal(read(), 0);
    config.user.refreshInterval = 30;
    assert.equal(read(), 30);
    tried({
      area: AREA,
      fault: 'Workspace settings define defenderStream.hubs (attacker host) and defenderStream.refreshInterval',
      times: 1,
      outcome: 'ignored: hubs and the refresh interval are read from user settings only',
    });
  });

  it('a workspace hub list is never written into the user settings (migrate, add, update, remove)', async () => {
    const workspaceHubs = [
      { namespaceHost: 'attacker.example.com', hubs: ['h'] },
      { namespaceHost: 'other.example.com', hubs: ['x'] },
    ];
    const config = new LayeredConfiguration({ hubs: [entry()] }, { hubs: workspaceHubs });
    const store = new HubConfigStore(
      userSettingsPort(() => config, 'hubs'),
      new MemorySecrets(),
    );
    assert.equal(await store.migrate(), false);
    await store.add(entry({ id: 'soc-2', namespaceHost: 'fabrikam.servicebus.windows.net' }), { sharedAccessKey: KEY });
    await store.update(entry({ label: 'Renamed' }));
    await store.remove('soc-2');
    assert.ok(config.updates.length >= 3);
    for (const u of config.updates) {
      assert.equal(u.target, true, 'written to user settings');
      assert.ok(!JSON.stringify(u.value).includes('attacker.example.com'), JSON.stringify(u.value));
    }
    assert.deepEqual(
      (config.user.hubs as HubConfigEntry[]).map((e) => e.label),
      ['Renamed'],
    );
    assert.deepEqual(config.workspace.hubs, workspaceHubs);
    tried({
      area: AREA,
      fault: 'Workspace hub list present while hubs are migrated, added, edited and removed',
      times: config.updates.length,
      outcome: "every write went to user settings and held only the user's own entries",
    });
  });
});

describe('trust boundary: a key typed into the wrong box is not shown back', () => {
  it('the policy-name and consumer-group checks never repeat a key', async () => {
    const { checkConsumerGroup, checkKeyName } = await import('../../../src/config/validate');
    for (const typed of [KEY, `SharedAccessKey=${KEY}`, `${KEY.slice(0, 40)}+/x`]) {
      for (const message of [checkKeyName(typed), checkConsumerGroup(typed)]) {
        assert.ok(message, 'the value is refused');
        for (let i = 0; i + 8 <= KEY.length; i++) assert.ok(!message.includes(KEY.slice(i, i + 8)), message);
      }
    }
    assert.match(checkKeyName('bad name') ?? '', /"bad name" is not a valid shared access policy name/);
  });
});
