// Journeys of issue 5 (the hubs tree): a user starts the demo hub from the welcome view and sees
// namespaces, hubs and partitions with sequence numbers; adds a hub by connection string (a local
// hub this test starts) and sees its partitions; pastes a wrong key and gets a specific error item
// within seconds; adds per-table hubs found by probing; removes a hub, after which its key is gone
// from secret storage. No key ever appears in settings.json, the logs or the texts shown.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { startLocalHub, type LocalHub } from '../../../src/localHub';
import {
  addHubByConnectionString,
  childrenOf,
  editUserSettingsJson,
  expandItem,
  waitForDescription,
  waitForPrompt,
  waitItemGone,
  waitUntil,
} from '../support/hubFlows';
import { useWorkbench } from '../support/session';

// Distinctive keys, so a grep for them cannot match anything else.
const KEY = 'c2NyYXRjaC1qb3VybmV5LWtleS1mb3ItaHVicy10ZXN0';
const WRONG_KEY = 'd3Jvbmcta2V5LWZvci10aGUtaHVicy1qb3VybmV5LXRlc3Q=';
const SOC = 'soc-hub';
const AUDIT = 'audit-hub';
const ALERTS = 'insights-logs-advancedhunting-alertinfo';
const DEVICE_EVENTS = 'insights-logs-advancedhunting-deviceevents';

interface HubSetting {
  id: string;
  label?: string;
  namespaceHost: string;
  hubs: string[];
  mode?: string;
  auth?: string;
  sharedAccessKeyName?: string;
  consumerGroup?: string;
}

describe('Hubs: configure Event Hubs and see them in the tree', function () {
  const ctx = useWorkbench({ journey: 'hubs' });
  let hub: LocalHub;

  const settingsFile = () => path.join(ctx.session.userDataDir, 'User', 'settings.json');
  const settingsText = () => readFileSync(settingsFile(), 'utf8');
  const hubSettings = (): HubSetting[] =>
    ((JSON.parse(settingsText()) as Record<string, unknown>)['defenderStream.hubs'] as HubSetting[]) ?? [];

  /** Every log file the workbench wrote (extension host, our channel, code-server's own). */
  const allLogs = (): string => {
    let text = '';
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (name.endsWith('.log')) text += readFileSync(file, 'utf8');
      }
    };
    const logs = path.join(ctx.session.userDataDir, 'logs');
    if (existsSync(logs)) walk(logs);
    if (existsSync(ctx.session.codeServerLog)) text += readFileSync(ctx.session.codeServerLog, 'utf8');
    return text;
  };

  before(async () => {
    hub = await startLocalHub({
      key: KEY,
      hubs: [
        { name: SOC, partitionCount: 2 },
        { name: AUDIT, partitionCount: 1 },
        { name: ALERTS, partitionCount: 1 },
        { name: DEVICE_EVENTS, partitionCount: 3 },
      ],
    });
    // Five events in partition 0 of soc-hub, none in partition 1: the tree shows both cases.
    hub.append(
      SOC,
      Array.from({ length: 5 }, (_, i) => ({ body: JSON.stringify({ records: [{ i }] }) })),
      '0',
    );
  });
  after(() => hub?.stop());

  it('starts the demo hub from the welcome view and shows namespaces, hubs and partitions with sequence numbers', async () => {
    const wb = ctx.workbench;
    await wb.activityBar.open('Defender Stream');
    const view = wb.view('Event Hubs');
    const welcome = await view.welcome();
    assert.ok(welcome.buttons.includes('Start Demo Hub') && welcome.buttons.includes('Add Event Hub'), JSON.stringify(welcome));
    await view.clickWelcome('Start Demo Hub');

    await view.item('Demo (local)', 60_000);
    const demo = (await view.items()).find((i) => i.label === 'Demo (local)');
    assert.equal(demo?.level, 1);
    assert.match(demo?.description ?? '', /^127\.0\.0\.1:\d+/);
    // The single hub and the per-table hubs, as children of the namespace.
    const hubs = (await childrenOf(view, 'Demo (local)')).filter((i) => i.level === 2).map((i) => i.label);
    // A per-table hub is labelled with its table; its hub name is in the description.
    assert.deepEqual(hubs, ['defender-stream', 'DeviceProcessEvents', 'DeviceNetworkEvents', 'AlertInfo', 'EmailEvents']);

    await expandItem(view, 'defender-stream');
    const partitions = await waitUntil('the four partitions of defender-stream with sequence numbers', async () => {
      const rows = (await childrenOf(view, 'defender-stream')).filter((i) => i.label.startsWith('Partition '));
      return rows.length === 4 && rows.every((r) => /^seq \d+–\d+ · last \d{4}-/.test(r.description)) ? rows : undefined;
    });
    assert.deepEqual(
      partitions.map((p) => p.label),
      ['Partition 0', 'Partition 1', 'Partition 2', 'Partition 3'],
    );
    // The hub's own row is redrawn after its status arrives, which can be just after its children are shown.
    await waitForDescription(view, 'defender-stream', /^4 partitions · [\d,]+ events$/);
    await wb.screenshot('demo-tree', { readme: 'demo-tree' });

    // Live status: the demo keeps sending, so a refresh shows a higher last sequence number.
    const lastSeq = (description: string) => Number(/–(\d+)/.exec(description)?.[1] ?? -1);
    const before = lastSeq(partitions[0].description);
    await view.clickTitleAction('Refresh');
    await waitUntil('a higher last sequence number after Refresh', async () => {
      const p0 = (await childrenOf(view, 'defender-stream')).find((i) => i.label === 'Partition 0');
      return p0 !== undefined && lastSeq(p0.description) > before;
    });

    // A per-table hub names its table and shows its own partitions.
    await expandItem(view, 'AlertInfo');
    await waitUntil(
      'the partitions of the AlertInfo hub',
      async () => (await childrenOf(view, 'AlertInfo')).filter((i) => i.label.startsWith('Partition ')).length === 2,
    );
    await waitForDescription(view, 'AlertInfo', new RegExp(`^${ALERTS} · 2 partitions`));
    // Keep the tree short for the next journeys.
    await view.collapse('Demo (local)');
  });

  it('adds a hub by connection string and shows it with its partitions', async () => {
    const wb = ctx.workbench;
    await addHubByConnectionString(wb, { connectionString: hub.connectionStringFor(SOC), label: 'Local SOC' });
    const view = wb.view('Event Hubs');
    await view.item('Local SOC', 30_000);
    const ns = (await view.items()).find((i) => i.label === 'Local SOC');
    assert.equal(ns?.description, `127.0.0.1:${hub.port}`);

    await expandItem(view, SOC);
    const partitions = await waitUntil('the partitions of soc-hub', async () => {
      const rows = (await childrenOf(view, SOC)).filter((i) => i.label.startsWith('Partition '));
      return rows.length === 2 ? rows : undefined;
    });
    assert.match(partitions[0].description, /^seq 0–4 · last \d{4}-\d\d-\d\d /);
    assert.equal(partitions[1].description, 'empty · begin seq 0');
    await waitForDescription(view, SOC, '2 partitions · 5 events');
    await wb.screenshot('added-hub');

    // Only the non-secret fields went to settings.json.
    const saved = hubSettings().find((e) => e.label === 'Local SOC');
    assert.ok(saved, settingsText());
    assert.equal(saved.namespaceHost, `127.0.0.1:${hub.port}`);
    assert.deepEqual(saved.hubs, [SOC]);
    assert.equal(saved.auth, 'connectionString');
    assert.equal(saved.sharedAccessKeyName, hub.keyName);
    assert.match(saved.id, /^127-[0-9a-f]{6}$/);
    assert.ok(!settingsText().includes(KEY), 'the key is in settings.json');
    assert.ok(!/SharedAccessKey=|Endpoint=/.test(settingsText()), 'a connection string is in settings.json');
  });

  it('reports a wrong key within seconds, as a warning and as an error item in the tree', async () => {
    const wb = ctx.workbench;
    await addHubByConnectionString(wb, { connectionString: hub.connectionStringFor(AUDIT).replace(KEY, WRONG_KEY), label: 'Wrong Key' });
    // The quick check before saving has short retries: the SDK's own would hide the 401 for ~90 s.
    const warning = await wb.notifications.waitFor(/connection check failed/, 15_000);
    assert.match(warning.message, /The key was rejected \(401\)\. Check the SharedAccessKey of policy "RootManageSharedAccessKey"/);
    assert.equal(warning.severity, 'warning');
    assert.ok(!warning.message.includes(WRONG_KEY));
    await wb.notifications.clickButton(/connection check failed/, 'Save Anyway');

    const view = wb.view('Event Hubs');
    await view.item('Wrong Key', 20_000);
    await waitForDescription(view, 'Wrong Key', /1 error$/);
    await waitForDescription(view, AUDIT, 'key rejected');
    await expandItem(view, AUDIT);
    const errorItem = await waitUntil('the error item under audit-hub', async () =>
      (await childrenOf(view, AUDIT)).find((i) => /key was rejected/.test(i.label)),
    );
    assert.match(errorItem.label, /^The key was rejected \(401\)\./);
    await wb.screenshot('wrong-key');

    // The tree's own check (Refresh reconnects every hub) reports it within seconds too.
    const failures = () =>
      ctx.session
        .extensionLog()
        .split('\n')
        .filter((l) => l.includes(`/ ${AUDIT} failed: The key was rejected`)).length;
    const before = failures();
    await view.clickTitleAction('Refresh');
    await waitUntil('the tree to check audit-hub again', () => failures() > before, 15_000);
    const again = await waitUntil('the error item after Refresh', async () =>
      (await childrenOf(view, AUDIT)).find((i) => /key was rejected/.test(i.label)),
    );
    assert.match(again.label, /^The key was rejected \(401\)/);
  });

  it('adds per-table hubs found by probing the namespace', async () => {
    const wb = ctx.workbench;
    await wb.runCommand('Defender Stream: Add Event Hub...');
    await waitForPrompt(wb, 'How do you sign in');
    await wb.quickInput.pick('Connection string');
    await waitForPrompt(wb, 'Endpoint=sb://');
    await wb.quickInput.submit(hub.connectionString);
    await waitForPrompt(wb, 'How does Defender stream');
    await wb.quickInput.pick('One event hub per table');
    await waitForPrompt(wb, 'Which tables?');
    await wb.quickInput.pick('Probe the namespace');
    await waitForPrompt(wb, 'Tables streamed to this namespace', 30_000);
    const items = await wb.quickInput.allItems();
    // The 30 tables that reach Event Hubs: the 21 streamed (GA) ones and the 9 that real streams carry.
    assert.equal(items.length, 30, JSON.stringify(items.map((i) => i.label)));
    const byLabel = new Map(items.map((i) => [i.label, i]));
    assert.equal(byLabel.get('AlertInfo')?.description, 'found · 1 partitions · streamed (GA)');
    assert.equal(byLabel.get('DeviceEvents')?.description, 'found · 3 partitions · streamed (GA)');
    assert.equal(byLabel.get('DeviceProcessEvents')?.description, 'not found · streamed (GA)');
    assert.equal(byLabel.get('IdentityInfo')?.description, 'not found · seen in real streams');
    assert.equal(items.filter((i) => i.description.startsWith('found')).length, 2);
    await wb.screenshot('probed-tables');
    // The found tables are preselected: accept them.
    await wb.quickInput.input.press('Enter');
    await waitForPrompt(wb, 'Consumer group');
    await wb.quickInput.submit('$Default');
    await waitForPrompt(wb, 'Label shown in the Event Hubs view');
    await wb.quickInput.submit('Per Table');

    const view = wb.view('Event Hubs');
    await view.item('Per Table', 30_000);
    assert.match((await view.items()).find((i) => i.label === 'Per Table')?.description ?? '', /^127\.0\.0\.1:\d+ · per table · 2 hubs$/);
    const hubs = (await childrenOf(view, 'Per Table')).filter((i) => i.level === 2).map((i) => i.label);
    assert.deepEqual(hubs.sort(), ['AlertInfo', 'DeviceEvents']);
    const deviceEvents = await waitUntil('the DeviceEvents hub to connect', async () => {
      const row = (await childrenOf(view, 'Per Table')).find((i) => i.label === 'DeviceEvents');
      return row && /3 partitions/.test(row.description) ? row : undefined;
    });
    assert.equal(deviceEvents.description.split(' · ')[0], DEVICE_EVENTS);
    assert.match(deviceEvents.description, / · 3 partitions/);
    const saved = hubSettings().find((e) => e.label === 'Per Table');
    assert.equal(saved?.mode, 'perTable');
    await view.collapse('Per Table');
  });

  it('removes a hub from the tree and its key from secret storage', async () => {
    const wb = ctx.workbench;
    const view = wb.view('Event Hubs');
    const entry = hubSettings().find((e) => e.label === 'Local SOC');
    assert.ok(entry, settingsText());

    const menu = await view.contextMenu('Local SOC');
    assert.ok((await menu.items()).includes('Remove Event Hub'));
    await menu.select('Remove Event Hub');
    const confirm = await wb.notifications.waitFor(/Remove "Local SOC"/);
    assert.match(confirm.message, /Its key is deleted from VS Code secret storage\./);
    await wb.notifications.clickButton(/Remove "Local SOC"/, 'Remove');

    await waitItemGone(view, 'Local SOC');
    assert.ok(!hubSettings().some((e) => e.id === entry.id), 'the entry is still in settings.json');
    await waitUntil('the log line about the removal', () => ctx.session.extensionLog().includes('Removed "Local SOC" and its stored key'));
    // The other entries are untouched.
    await view.item('Wrong Key');

    // Secret storage cannot be read from outside the extension. So put the very same entry (same id)
    // back into settings.json by hand (in the settings editor): had the key survived, the hub would connect again; instead the
    // tree says that no key is stored for it.
    await editUserSettingsJson(wb, (settings) => ({
      ...settings,
      'defenderStream.hubs': [...((settings['defenderStream.hubs'] as HubSetting[]) ?? []), entry],
    }));
    assert.ok(
      hubSettings().some((e) => e.id === entry.id),
      'the entry was not written back',
    );
    await view.item('Local SOC', 30_000);
    await expandItem(view, SOC);
    const missing = await waitUntil(
      'the "no key" item under the restored entry',
      async () => (await childrenOf(view, SOC)).find((i) => /No key is stored/.test(i.label)),
      20_000,
    );
    assert.match(missing.label, /^No key is stored for "Local SOC"\. Use "Edit Event Hub\.\.\." to enter the connection string again\./);
    assert.ok(!(await childrenOf(view, SOC)).some((i) => i.label.startsWith('Partition ')));
    await wb.screenshot('removed-key-gone');
  });

  it('never shows a key in settings.json, the logs or the tree', async () => {
    const view = ctx.workbench.view('Event Hubs');
    const shown = JSON.stringify(await view.items());
    const logs = allLogs();
    assert.ok(ctx.session.extensionLog().includes('Connection check failed'), 'the extension log was not found or is empty');
    for (const secret of [KEY, WRONG_KEY]) {
      assert.ok(!settingsText().includes(secret), 'a key is in settings.json');
      assert.ok(!logs.includes(secret), 'a key is in a log file');
      assert.ok(!shown.includes(secret), 'a key is shown in the tree');
    }
    assert.ok(!/SharedAccessKey=/.test(logs), 'a connection string is in a log file');
  });
});
