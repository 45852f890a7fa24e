import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalHubServer } from '../../../src/localHub/index';
import type { TailEntry, TailSession } from '../../../src/tail/types';
import { createWorkerTailSession, type TailWorkerOptions } from '../../../src/tail/worker/workerTailSession';
import { collect, contiguous, HUB, message, record, sequencesByPartition, startHub, targetOf, waitFor } from './support';

/** The worker with the test probes of test/support/tailWorkerProbe.cjs (chosen by environment variables). */
const PROBE: TailWorkerOptions = { workerFile: path.resolve(__dirname, '../../support/tailWorkerProbe.cjs') };

const numbers = (entries: readonly TailEntry[]) =>
  entries.map((e) => (e.type === 'record' ? Number((e.record.properties as Record<string, unknown>).N) : NaN)).sort((a, b) => a - b);

describe('tail session in a worker thread: what only a worker can do', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;
  let dir: string;
  const sessions: TailSession[] = [];

  beforeEach(async () => {
    hub = await startHub(2);
    dir = mkdtempSync(path.join(tmpdir(), 'dse-worker-'));
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.stop()));
    await hub.stop();
    delete process.env.DSE_TEST_WORKER_CRASH_MARKER;
    delete process.env.DSE_TEST_WORKER_REPORT;
    rmSync(dir, { recursive: true, force: true });
  });

  function send(count: number, from: number): void {
    for (let i = from; i < from + count; i++) hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: i })) }], String(i % 2));
  }

  it('a worker that dies fails the tail with a clear message; Retry starts a new one that resumes with no gap and no duplicate', async () => {
    process.env.DSE_TEST_WORKER_CRASH_MARKER = path.join(dir, 'crashed');
    send(20, 0);
    const session = createWorkerTailSession(targetOf(hub), { start: { kind: 'earliest' } }, PROBE);
    sessions.push(session);
    const entries = collect(session);
    await waitFor('the worker to die', () => session.state.kind === 'failed');
    const error = session.state.kind === 'failed' ? session.state.error : '';
    assert.match(error, /worker thread stopped unexpectedly/);
    assert.match(error, /a crash for the test/);
    assert.match(error, /Retry/);

    send(20, 20); // arrives while no worker reads
    await session.reconnect();
    await waitFor('all 40 records', () => entries.length >= 40);
    await new Promise((r) => setTimeout(r, 400)); // a duplicate would show up now
    assert.deepEqual(
      numbers(entries),
      Array.from({ length: 40 }, (_, i) => i),
    );
    for (const list of sequencesByPartition(entries).values()) assert.ok(contiguous(list));
    const ids = entries.map((e) => e.id);
    assert.ok(
      ids.every((id, i) => i === 0 || id > ids[i - 1]),
      'entry ids keep growing across the restart',
    );
    // The counts go on from where the dead worker's were.
    await waitFor('40 records counted', () => session.stats().receivedRecords === 40);
    assert.equal(session.stats().tables.find((t) => t.table === 'DeviceProcessEvents')?.records, 40);
    assert.equal(session.state.kind, 'live');
  });

  it('the connection string crosses in a message: not in the worker’s arguments, environment or workerData', async () => {
    const report = path.join(dir, 'started.json');
    process.env.DSE_TEST_WORKER_REPORT = report;
    const target = targetOf(hub);
    const session = createWorkerTailSession(target, {}, PROBE);
    sessions.push(session);
    await session.whenLive(); // it connected, so it had the connection string
    const started = readFileSync(report, 'utf8');
    const key = /SharedAccessKey=([^;]+)/.exec(target.auth.kind === 'connectionString' ? target.auth.connectionString : '')![1];
    assert.ok(key.length >= 16);
    for (let i = 0; i + 8 <= key.length; i++)
      assert.ok(!started.includes(key.slice(i, i + 8)), 'a run of the key is in what the worker was started with');
  });

  it('stop() ends the worker thread and says stopped; what was buffered is gone with it', async () => {
    send(6, 0);
    const session = createWorkerTailSession(targetOf(hub), { start: { kind: 'earliest' } }, PROBE);
    const entries = collect(session);
    await waitFor('6 records', () => entries.length >= 6);
    assert.equal((await session.snapshot()).length, 6);
    await session.stop();
    assert.equal(session.state.kind, 'stopped');
    assert.deepEqual(await session.snapshot(), []);
    await waitFor('no receiver left', () => hub.openReceiverCount() === 0);
  });
});
