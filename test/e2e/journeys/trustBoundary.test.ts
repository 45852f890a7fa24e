// Journey of issue 14 (trust boundary, findings 1 and 2): a cloned repository's .vscode/settings.json
// redefines a hub the user added (same id, so the same stored key, but the host of an "attacker"
// listener) and asks for a refresh every 5 s. Hubs and the refresh interval come from user settings
// only: the extension never connects to the attacker, the tree shows the user's hub, and the user's
// settings.json is left as it was. (The harness turns workspace trust off, so the workspace counts as
// trusted: what is under test is the settings' application scope and reading the user's own value.)
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startLocalHub, type LocalHub } from '../../../src/localHub';
import { addHubByConnectionString, waitUntil } from '../support/hubFlows';
import { useWorkbench } from '../support/session';

// A distinctive key, so a search for it cannot match anything else.
const KEY = 'dHJ1c3QtYm91bmRhcnktam91cm5leS1rZXktbXktc29j';
const HUB = 'soc-hub';
const PARTITIONS = 2;
/** What the workspace asks for (seconds); the setting's minimum. */
const REFRESH_INTERVAL = 5;

interface HubSetting {
  id: string;
  label?: string;
  namespaceHost: string;
  hubs: string[];
  sharedAccessKeyName?: string;
  useDevelopmentEmulator?: boolean;
}

/** A TCP listener on loopback that only counts the connections made to it. */
interface Attacker {
  port: number;
  connections(): number;
  stop(): Promise<void>;
}

async function startAttacker(): Promise<Attacker> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => count,
    stop: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Every file under dir (recursively). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('Trust boundary: a workspace cannot redirect a stored hub or make it refresh', function () {
  const ctx = useWorkbench({ journey: 'trust-boundary' });
  let hub: LocalHub;
  let attacker: Attacker;

  const userSettingsFile = () => path.join(ctx.session.userDataDir, 'User', 'settings.json');
  const userSettings = () => JSON.parse(readFileSync(userSettingsFile(), 'utf8')) as Record<string, unknown>;
  const userHubs = () => (userSettings()['defenderStream.hubs'] as HubSetting[] | undefined) ?? [];
  /** Lines of our log channel that start a connection to `host` for the hub. */
  const connectLines = (host: string) =>
    ctx.session
      .extensionLog()
      .split('\n')
      .filter((l) => l.includes(`Connecting to ${host} / ${HUB} `));
  const hubDescription = async () => (await ctx.workbench.view('Event Hubs').items()).find((i) => i.label === HUB)?.description ?? '';

  before(async () => {
    hub = await startLocalHub({ key: KEY, hubs: [{ name: HUB, partitionCount: PARTITIONS }] });
    attacker = await startAttacker();
  });
  after(async () => {
    await attacker?.stop();
    await hub?.stop();
  });

  it('a workspace that redefines "My SOC" with another host and a 5 s refresh changes nothing', async () => {
    const wb = ctx.workbench;
    const view = wb.view('Event Hubs');
    const realHost = `127.0.0.1:${hub.port}`;
    const attackerHost = `127.0.0.1:${attacker.port}`;

    // The user adds their hub by connection string: its key goes to secret storage under the entry's id.
    await wb.activityBar.open('Defender Stream');
    await addHubByConnectionString(wb, { connectionString: hub.connectionStringFor(HUB), label: 'My SOC' });
    await waitUntil('"My SOC" to be connected', async () => new RegExp(`^${PARTITIONS} partitions`).test(await hubDescription()), 30_000);
    const saved = userHubs().find((e) => e.label === 'My SOC');
    assert.ok(saved, readFileSync(userSettingsFile(), 'utf8'));
    assert.equal(saved.namespaceHost, realHost);
    const hubsBefore = userHubs();

    // A repository opened later brings its own settings: the same id (so the same stored key), the
    // attacker's host without TLS, and an automatic refresh.
    const workspace = ctx.session.workspace;
    mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    mkdirSync(path.join(workspace, 'samples'), { recursive: true });
    const attackerEntry: HubSetting = {
      id: saved.id,
      label: 'Attacker',
      namespaceHost: attackerHost,
      hubs: saved.hubs,
      sharedAccessKeyName: saved.sharedAccessKeyName,
      useDevelopmentEmulator: true,
    };
    writeFileSync(
      path.join(workspace, '.vscode', 'settings.json'),
      JSON.stringify(
        { 'editor.tabSize': 3, 'defenderStream.hubs': [attackerEntry], 'defenderStream.refreshInterval': REFRESH_INTERVAL },
        null,
        2,
      ),
    );
    writeFileSync(path.join(workspace, 'samples', 'x.defender.json'), JSON.stringify({ records: [] }, null, 2));
    // VS Code drops application-scoped settings from a workspace, so the file's one ordinary setting
    // shows when it has been read.
    await waitUntil(
      'VS Code to load the workspace settings',
      async () => (await wb.probe.configuration('editor', 'tabSize'))?.workspaceValue === 3,
      30_000,
    );
    const loadedAt = Date.now();

    // The user refreshes (twice, over at least two of the workspace's refresh intervals): every
    // connection goes to the user's own hub.
    // (Each wait ends early once the workspace's entry shows: the assertions below then say how.)
    const attackerUsed = () => attacker.connections() > 0 || ctx.session.extensionLog().includes('Attacker');
    const before = connectLines(realHost).length;
    for (let i = 1; i <= 2; i++) {
      await wb.runCommand('Defender Stream: Refresh');
      await waitUntil(`refresh ${i} to reach "My SOC"`, () => connectLines(realHost).length >= before + i || attackerUsed(), 20_000);
    }
    // Nothing shows that a timer did NOT fire: watch for two of its intervals.
    await waitUntil(
      `${2 * REFRESH_INTERVAL} s since the workspace settings were loaded`,
      () => attackerUsed() || Date.now() - loadedAt > (2 * REFRESH_INTERVAL + 1) * 1000,
      60_000,
    );
    await wb.screenshot('workspace-ignored');

    assert.equal(attacker.connections(), 0, 'the attacker listener was connected to');
    const items = await view.items();
    assert.ok(!items.some((i) => i.label === 'Attacker'), JSON.stringify(items));
    assert.deepEqual(
      ctx.session
        .extensionLog()
        .split('\n')
        .filter((l) => l.includes('Attacker') || l.includes(attackerHost)),
      [],
      "the log names the workspace's entry",
    );
    assert.equal(items.find((i) => i.label === 'My SOC')?.description, realHost);
    await waitUntil(
      '"My SOC" to show its partitions after the refreshes',
      async () => new RegExp(`^${PARTITIONS} partitions`).test(await hubDescription()),
      20_000,
    );
    // Only the two refreshes connected: the workspace's refresh interval did not start a timer.
    assert.equal(connectLines(realHost).length, before + 2, connectLines(realHost).join('\n'));

    // The user's settings are what they were: not replaced by the workspace's list, no interval added.
    assert.deepEqual(userHubs(), hubsBefore);
    assert.ok(!readFileSync(userSettingsFile(), 'utf8').includes(attackerHost), 'the attacker host is in the user settings');
    assert.equal(userSettings()['defenderStream.refreshInterval'], undefined);
    assert.ok(!readFileSync(userSettingsFile(), 'utf8').includes(KEY), 'the key is in the user settings');
    // Nor did the key (or the workspace's settings) get written into the workspace folder.
    for (const file of filesUnder(workspace))
      assert.ok(!readFileSync(file, 'utf8').includes(KEY), `the key is in ${path.relative(workspace, file)}`);
    assert.ok(existsSync(path.join(workspace, '.vscode', 'settings.json')));

    // Both settings are application-scoped, so VS Code itself does not take them from a workspace either.
    for (const key of ['hubs', 'refreshInterval']) {
      const inspected = await wb.probe.configuration('defenderStream', key);
      assert.equal(
        inspected?.workspaceValue,
        undefined,
        `VS Code took defenderStream.${key} from the workspace: ${JSON.stringify(inspected)}`,
      );
    }
  });
});
