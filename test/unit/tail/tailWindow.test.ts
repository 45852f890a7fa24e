// CLI tail --from/--until: a bounded search by enqueued time that stops by itself, with progress per
// partition on stderr; --limit counts matches after the filters. Against the local hub.
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/runCli';
import { parseTailArgs, parseUntil } from '../../../src/cli/tailCommand';
import type { LocalHubServer } from '../../../src/localHub/index';
import { EDITOR_PROGRESS_WORDS, inWindow, progressText, windowFraction, windowProgress } from '../../../src/tail/timeWindow';
import { HUB, message, record, startHub } from './support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function captureIo() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
}

describe('CLI tail: a time window (--from/--until) and --limit by matches', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;
  let cs: string;
  let t1: string;
  let t2: string;
  const batch = (tag: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      body: message(record('DeviceProcessEvents', { FileName: `${tag}-${i}.exe`, ActionType: i % 2 ? 'ProcessCreated' : 'OpenProcess' })),
    }));

  before(async () => {
    hub = await startHub(2);
    cs = hub.connectionStringFor(HUB);
    hub.append(HUB, batch('before', 4));
    await sleep(60);
    t1 = new Date().toISOString();
    await sleep(20);
    hub.append(HUB, batch('inside', 6));
    await sleep(60);
    t2 = new Date().toISOString();
    await sleep(20);
    hub.append(HUB, batch('after', 4));
  });
  after(async () => hub.stop());

  async function tail(args: string[]) {
    const { out, io } = captureIo();
    const code = await runCli(['tail', '--connection-string', cs, '--json', ...args], io);
    const names = out.stdout
      .trim()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l).record.properties.FileName as string);
    return { code, names, stderr: out.stderr };
  }

  it('reads only the events enqueued between --from and --until, then exits by itself with per-partition progress', async () => {
    const { code, names, stderr } = await tail(['--from', t1, '--until', t2]);
    assert.equal(code, 0, stderr);
    assert.deepEqual(names.sort(), ['inside-0.exe', 'inside-1.exe', 'inside-2.exe', 'inside-3.exe', 'inside-4.exe', 'inside-5.exe']);
    assert.match(stderr, /^search: 2 partitions from .* until /m);
    assert.match(stderr, /^search: p0 done \((past --until|end)\), p1 done \((past --until|end)\)$/m);
  });

  it('--until alone searches from the earliest event to the end each partition had at the start', async () => {
    const { code, names } = await tail(['--until', new Date(Date.now() + 3_600_000).toISOString()]);
    assert.equal(code, 0);
    assert.equal(names.length, 14);
  });

  it('--limit counts the records that pass the filters', async () => {
    const { code, names } = await tail(['--from', t1, '--until', t2, '--where', 'ActionType == "ProcessCreated"', '--limit', '2']);
    assert.equal(code, 0);
    assert.equal(names.length, 2);
    for (const n of names) assert.match(n, /^inside-[135]\.exe$/);
  });

  it('checks the options', () => {
    const env = {
      DEFENDER_STREAM_CONNECTION_STRING: 'Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=s;EntityPath=h',
    };
    assert.equal(parseTailArgs(['--until', '2025-01-31T09:15:00Z'], env).start.kind, 'earliest');
    assert.throws(() => parseTailArgs(['--from', 'latest', '--until', '1h'], env), /needs --from earliest/);
    assert.throws(() => parseTailArgs(['--from', '2025-02-01T00:00:00Z', '--until', '2025-01-31T00:00:00Z'], env), /before "--from"/);
    assert.throws(() => parseUntil('earliest'), /"--until" must be an ISO time/);
    assert.equal(parseUntil('15m', 1_000_000_000), 1_000_000_000 - 900_000);
  });

  it('decides per partition: empty, nothing after --from, its end at the start, past --until', () => {
    const ends = [
      { partitionId: '0', lastSequenceNumber: -1, lastEnqueuedTime: 0 },
      { partitionId: '1', lastSequenceNumber: 9, lastEnqueuedTime: 500 },
      { partitionId: '2', lastSequenceNumber: 9, lastEnqueuedTime: 5000 },
      { partitionId: '3', lastSequenceNumber: 9, lastEnqueuedTime: 5000 },
      { partitionId: '4', lastSequenceNumber: 9, lastEnqueuedTime: 5000 },
    ];
    const progress = windowProgress(ends, { fromMs: 1000, untilMs: 2000 }, { '2': 9, '3': 4, '4': 3 }, { '2': 1500, '3': 2500, '4': 1500 });
    assert.deepEqual(
      progress.map((p) => [p.done, p.why]),
      [
        [true, 'empty'],
        [true, 'before'],
        [true, 'end'],
        [true, 'until'],
        [false, undefined],
      ],
    );
    assert.equal(progressText(progress), 'p0 done (empty), p1 done (nothing after --from), p2 done (end), p3 done (past --until), p4 3/9');
    assert.equal(
      progressText(progress, EDITOR_PROGRESS_WORDS),
      'p0 done (empty), p1 done (nothing after the start), p2 done (end), p3 done (past the end time), p4 3/9',
    );
    // Four partitions done, the fifth 3 of 9 read from where it was first seen (sequence number 0): (4 + 1/3) / 5.
    assert.equal(windowFraction(progress, new Map([['4', 0]])), (4 + 3 / 9) / 5);
    // First seen at 3: none of its share read yet.
    assert.equal(windowFraction(progress, new Map([['4', 3]])), 4 / 5);
    const endOf = new Map([['4', 9]]);
    assert.equal(inWindow({ partitionId: '4', sequenceNumber: 9, enqueuedTime: 2000 }, { untilMs: 2000 }, endOf), true);
    assert.equal(inWindow({ partitionId: '4', sequenceNumber: 10, enqueuedTime: 1900 }, { untilMs: 2000 }, endOf), false);
    assert.equal(inWindow({ partitionId: '4', sequenceNumber: 8, enqueuedTime: 2001 }, { untilMs: 2000 }, endOf), false);
  });
});
