// The panel's controller on a real tail session against the project's local hub (real Event Hubs client).
import assert from 'node:assert/strict';
import type { HubTarget } from '../../../src/hubs/hubTarget';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import { createTailSession } from '../../../src/tail/session';
import { recordSummary } from '../../../src/tail/summary';
import { LiveTailController, type LiveTailHost } from '../../../src/liveTail/liveTailController';
import type { BatchMessage, HostToPage } from '../../../src/liveTail/shared/protocol';

const HUB = 'panel-test';

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function body(...records: Array<Record<string, unknown>>): string {
  return JSON.stringify({ records });
}
function rec(table: string, props: Record<string, unknown>): Record<string, unknown> {
  return {
    time: '2026-11-25T10:00:00.000Z',
    tenantId: 't',
    category: `AdvancedHunting-${table}`,
    properties: { DeviceName: 'wks-01', ActionType: 'ProcessCreated', ...props },
  };
}

describe('live tail panel controller on a real session (local hub)', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;
  let controller: LiveTailController | undefined;

  beforeEach(async () => {
    hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: 2 }] });
  });
  afterEach(async () => {
    await controller?.dispose();
    controller = undefined;
    await hub.stop();
  });

  it('posts batched rows (records with summaries, malformed messages, hostile text untouched) and exports the filtered records', async () => {
    const target: HubTarget = {
      configId: 'cfg',
      label: `local / ${HUB}`,
      namespaceHost: `127.0.0.1:${hub.port}`,
      hubName: HUB,
      consumerGroup: '$Default',
      auth: { kind: 'connectionString', connectionString: hub.connectionStringFor(HUB) },
    };
    const posted: HostToPage[] = [];
    let exported = '';
    const host: LiveTailHost = {
      post: (m) => posted.push(m),
      copy: async () => undefined,
      openJson: async () => undefined,
      validate: async () => undefined,
      insertGetschema: async () => undefined,
      saveExport: async (_format, _count, content) => {
        exported = content();
        return '/tmp/export.ndjson';
      },
    };
    controller = new LiveTailController({
      hub: { configId: 'cfg', hubName: HUB },
      hubLabel: target.label,
      startPosition: 'from earliest',
      capacity: 1000,
      knownTables: ['DeviceProcessEvents', 'EmailEvents'],
      host,
      createSource: async () => createTailSession(target, { start: { kind: 'earliest' }, bufferSize: 1000 }),
      summarize: recordSummary,
    });
    const hostile = '<img src=x onerror=alert(1)>';
    for (let i = 0; i < 40; i++)
      hub.append(
        HUB,
        [
          {
            body: body(
              rec('DeviceProcessEvents', { N: i, FileName: 'cmd.exe', ProcessCommandLine: i === 7 ? hostile : `cmd /c echo ${i}` }),
            ),
          },
        ],
        String(i % 2),
      );
    hub.append(HUB, [{ body: body(rec('EmailEvents', { Subject: 'Invoice', SenderFromAddress: 'a@b.c' })) }], '0');
    hub.append(HUB, [{ body: '{"records": [ {"time": trunc' }], '1');

    await controller.start();
    await controller.handleMessage({ type: 'ready' });
    const rows = () => posted.filter((m): m is BatchMessage => m.type === 'batch').flatMap((b) => b.entries);
    await waitFor('42 rows', () => rows().length >= 42);
    const batches = posted.filter((m): m is BatchMessage => m.type === 'batch');
    assert.equal(posted[0]?.type, 'init');
    assert.ok(batches.length <= 20, `${batches.length} batches for 42 rows`);
    const all = rows();
    assert.equal(all.filter((r) => r.kind === 'record').length, 41);
    const bad = all.find((r) => r.kind === 'malformed');
    assert.equal(bad?.reason, 'not-json');
    assert.match(bad?.json ?? '', /^\{"records": \[ \{"time": trunc/);
    const hostileRow = all.find((r) => r.json.includes('onerror'));
    assert.ok(hostileRow?.summary.includes(hostile), 'the summary carries the text as is (the page renders it as text)');
    assert.match(all.find((r) => r.table === 'EmailEvents')?.summary ?? '', /Invoice/);
    await waitFor('live', () => (batches.at(-1) as BatchMessage | undefined)?.connection.kind === 'live' || rows().length > 0);

    await controller.handleMessage({ type: 'filter', filter: { tables: ['DeviceProcessEvents'], text: 'echo 1' } });
    await controller.handleMessage({ type: 'export', format: 'ndjson' });
    const ns = exported
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { properties: { N: number } }).properties.N)
      .sort((a, b) => a - b);
    assert.deepEqual(ns, [1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });
});
