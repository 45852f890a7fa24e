import assert from 'node:assert/strict';
import type { LocalHubServer } from '../../../src/localHub/index';
import { compareCounts } from '../../../src/completeness/compareCounts';
import { completenessReport } from '../../../src/completeness/completenessReport';
import { defaultWindow, parseWindow, recentHours, windowLabel } from '../../../src/completeness/completenessWindow';
import { countHubWindow } from '../../../src/completeness/countHubWindow';
import { huntingCountQuery, huntingCounts } from '../../../src/completeness/huntingCountQuery';
import { MAX_TABLES, OTHER_TABLES, WindowCounter } from '../../../src/completeness/windowCounter';
import { runHuntingQuery } from '../../../src/graph/runHuntingQuery';
import { HUB, message, startHub, targetOf } from '../tail/support';
import { TOKEN, json, startFakeGraph, type FakeGraph } from '../graph/fakeGraph';

const at = (iso: string): Date => new Date(iso);

describe('completeness: the window', () => {
  it('defaults to the last full hour that ended at least 15 minutes ago', () => {
    assert.equal(windowLabel(defaultWindow(at('2026-12-01T10:14:59Z'))), '2026-12-01 08:00–09:00 UTC');
    assert.equal(windowLabel(defaultWindow(at('2026-12-01T10:15:00Z'))), '2026-12-01 09:00–10:00 UTC');
    // The last hour of a day ends at midnight: said as 24:00 of that day (the journey ran into it at 00:20).
    assert.equal(windowLabel(defaultWindow(at('2026-12-02T00:20:00Z'))), '2026-12-01 23:00–24:00 UTC');
    assert.equal(
      windowLabel({ start: new Date('2026-12-01T22:00:00Z'), end: new Date('2026-12-02T01:00:00Z') }),
      '2026-12-01T22:00:00.000Z – 2026-12-02T01:00:00.000Z',
    );
    assert.deepEqual(recentHours(at('2026-12-01T10:20:00Z'), 3).map(windowLabel), [
      '2026-12-01 09:00–10:00 UTC',
      '2026-12-01 08:00–09:00 UTC',
      '2026-12-01 07:00–08:00 UTC',
    ]);
  });

  it('parses START .. END and says what is wrong', () => {
    const now = at('2026-12-01T12:00:00Z');
    const w = parseWindow('2026-12-01T08:00Z .. 2026-12-01T09:30:00Z', now);
    assert.ok(typeof w !== 'string');
    assert.equal(w.start.toISOString(), '2026-12-01T08:00:00.000Z');
    assert.equal(w.end.toISOString(), '2026-12-01T09:30:00.000Z');
    assert.match(parseWindow('yesterday', now) as string, /START \.\. END/);
    assert.match(parseWindow('2026-12-01T09:00Z .. 2026-12-01T08:00Z', now) as string, /after the start/);
    assert.match(parseWindow('2026-12-01T11:00Z .. 2026-12-01T11:50Z', now) as string, /15 minutes ago/);
    assert.match(parseWindow('2026-10-01T11:00Z .. 2026-10-01T12:00Z', now) as string, /30 days/);
  });
});

describe('completeness: counting and comparing', () => {
  const window = { start: at('2026-12-01T08:00:00Z'), end: at('2026-12-01T09:00:00Z') };

  it('counts records by their time in [start, end), never more table names than its cap', () => {
    const counter = new WindowCounter(window);
    counter.add('DeviceProcessEvents', '2026-12-01T08:00:00.0000000Z'); // start: in
    counter.add('DeviceProcessEvents', '2026-12-01T08:59:59.9999999Z');
    counter.add('DeviceProcessEvents', '2026-12-01T09:00:00.0000000Z'); // end: out
    counter.add('DeviceFileEvents', '2026-12-01T07:59:59Z'); // out
    counter.add('DeviceFileEvents', 42); // no time
    counter.add('', '2026-12-01T08:30:00Z');
    counter.addMalformed();
    const s = counter.snapshot();
    assert.deepEqual(
      [...s.tables],
      [
        ['DeviceProcessEvents', 2],
        ['(no category)', 1],
      ],
    );
    assert.deepEqual([s.outside, s.withoutTime, s.malformed], [2, 1, 1]);
    const many = new WindowCounter(window);
    for (let i = 0; i < MAX_TABLES + 50; i++) many.add(`T${i}`, '2026-12-01T08:30:00Z');
    assert.equal(many.snapshot().tables.size, MAX_TABLES + 1);
    assert.equal(many.snapshot().tables.get(OTHER_TABLES), 50);
  });

  it('builds a half-open count() by TableName over the tables with a Timestamp', () => {
    const q = huntingCountQuery(window, ['DeviceProcessEvents', 'DeviceTvmSoftwareInventory', 'NoSuchTable', 'Bad|Name', 'AlertInfo']);
    assert.deepEqual(q.tables, ['AlertInfo', 'DeviceProcessEvents']);
    assert.deepEqual(q.skipped, ['Bad|Name', 'DeviceTvmSoftwareInventory', 'NoSuchTable']);
    assert.equal(
      q.query,
      'union isfuzzy=true withsource=TableName AlertInfo, DeviceProcessEvents\n' +
        '| where Timestamp >= datetime(2026-12-01T08:00:00.000Z) and Timestamp < datetime(2026-12-01T09:00:00.000Z)\n' +
        '| summarize Count = count() by TableName',
    );
  });

  it('joins both sides per table: difference, percentage, one side only', () => {
    const rows = compareCounts(
      new Map([
        ['DeviceProcessEvents', 1000],
        ['DeviceFileEvents', 200],
        ['AlertInfo', 5],
        ['DeviceTvmSoftwareInventory', 7],
      ]),
      new Map([
        ['DeviceProcessEvents', 990],
        ['DeviceFileEvents', 200],
        ['MysteryTable', 3],
      ]),
    );
    const byTable = new Map(rows.map((r) => [r.table, r]));
    assert.deepEqual(rows[0].table, 'DeviceProcessEvents');
    assert.equal(byTable.get('DeviceProcessEvents')!.difference, -10);
    assert.equal(byTable.get('DeviceProcessEvents')!.percent, -1);
    assert.equal(byTable.get('DeviceFileEvents')!.difference, 0);
    assert.equal(byTable.get('AlertInfo')!.side, 'huntingOnly');
    assert.equal(byTable.get('MysteryTable')!.side, 'streamOnly');
    assert.equal(byTable.get('MysteryTable')!.percent, undefined);
    const report = completenessReport({
      hubLabel: 'contoso / defender',
      graphHost: 'graph.microsoft.com',
      window,
      marginMs: 600_000,
      rows,
      streamed: { tables: new Map(), outside: 4, withoutTime: 0, malformed: 0 },
      query: 'Q',
      skippedTables: ['DeviceTvmSoftwareVulnerabilities'],
    });
    assert.match(report, /\| `DeviceProcessEvents` \| 1,000 \| 990 \| -10 \| -1(\.0)? % \| fewer on the hub \|/);
    assert.match(report, /\| `AlertInfo` \| 5 \| – \| -5 \| -100 % \| Advanced Hunting only \|/);
    assert.match(report, /\| `DeviceTvmSoftwareInventory` \| 7 \| – \| -7 \| -100 % \| Advanced Hunting only \(not streamed\) \|/);
    assert.match(report, /\| `MysteryTable` \| – \| 3 \| \+3 \| – \| hub only \|/);
    assert.match(report, /not selected in the streaming API settings/);
    assert.match(report, /retention/);
    assert.match(report, /1 of 2 tables on both sides have equal counts/);
  });
});

describe('completeness: both sides for real (local hub, fake Graph)', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;
  let graph: FakeGraph;
  beforeEach(async () => {
    hub = await startHub(2);
    graph = await startFakeGraph();
  });
  afterEach(async () => {
    await graph.close();
    await hub.stop();
  });

  const rec = (table: string, time: string) => ({
    time,
    tenantId: 't',
    category: `AdvancedHunting-${table}`,
    properties: { Timestamp: time },
  });

  it('counts the hub by record time and compares with count() by TableName from Advanced Hunting', async () => {
    const now = Date.now();
    const window = { start: new Date(now - 30 * 60_000), end: new Date(now + 30 * 60_000) };
    const inside = new Date(now - 60_000).toISOString();
    const before = new Date(now - 2 * 3_600_000).toISOString();
    for (let i = 0; i < 40; i++) {
      hub.append(
        HUB,
        [{ body: message(rec('DeviceProcessEvents', inside), rec('DeviceFileEvents', i % 4 === 0 ? before : inside)) }],
        String(i % 2),
      );
    }
    hub.append(HUB, [{ body: '{"not":"records"' }], '0');
    const progress: number[] = [];
    const { counts, partial, partitionCount } = await countHubWindow(targetOf(hub), window, {
      marginMs: 60_000,
      onProgress: (p) => progress.push(p.partitionsDone),
    });
    assert.equal(partial, false);
    assert.equal(partitionCount, 2);
    assert.deepEqual([...counts.tables].sort(), [
      ['DeviceFileEvents', 30],
      ['DeviceProcessEvents', 40],
    ]);
    assert.equal(counts.outside, 10);
    assert.equal(counts.malformed, 1);
    assert.equal(progress.at(-1), 2);

    const q = huntingCountQuery(window, ['DeviceProcessEvents', 'DeviceFileEvents', 'AlertInfo']);
    graph.script(
      json(200, {
        schema: [
          { name: 'TableName', type: 'String' },
          { name: 'Count', type: 'Int64' },
        ],
        results: [
          { TableName: 'DeviceProcessEvents', Count: 40 },
          { TableName: 'DeviceFileEvents', Count: 33 },
          { TableName: 'AlertInfo', Count: 2 },
        ],
      }),
    );
    const result = await runHuntingQuery({ endpoint: graph.url, getToken: async () => TOKEN, query: q.query });
    assert.deepEqual(graph.seen[0].body, { Query: q.query });
    const rows = compareCounts(huntingCounts(result), counts.tables);
    assert.deepEqual(
      rows.map((r) => [r.table, r.hunting, r.streamed, r.difference, r.side]),
      [
        ['DeviceFileEvents', 33, 30, -3, 'both'],
        ['AlertInfo', 2, undefined, -2, 'huntingOnly'],
        ['DeviceProcessEvents', 40, 40, 0, 'both'],
      ],
    );
  });

  it('stops at events past the window, counts nothing outside it, and ends at once when cancelled', async () => {
    hub.append(HUB, [{ body: message(rec('DeviceProcessEvents', new Date().toISOString())) }], '0');
    // A window two hours ago: the event (enqueued now) is past its end, so partition 0 is done on it;
    // partition 1 is empty and done before reading.
    const past = { start: new Date(Date.now() - 7_200_000), end: new Date(Date.now() - 3_600_000) };
    const r = await countHubWindow(targetOf(hub), past, { marginMs: 0 });
    assert.deepEqual([r.partial, r.counts.tables.size, r.counts.outside], [false, 0, 0]);
    const controller = new AbortController();
    controller.abort();
    const cancelled = await countHubWindow(
      targetOf(hub),
      { start: new Date(Date.now() - 60_000), end: new Date(Date.now() + 3_600_000) },
      { signal: controller.signal },
    );
    assert.equal(cancelled.partial, true);
  });

  it('fails with the one wording of the hub error', async () => {
    const target = targetOf(hub, hub.connectionStringFor(HUB).replace(/SharedAccessKey=[^;]+/, 'SharedAccessKey=d3Jvbmc='));
    await assert.rejects(countHubWindow(target, defaultWindow(new Date())), /key|authoriz|unauthori/i);
  });
});
