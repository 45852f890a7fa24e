import assert from 'node:assert/strict';
import type { LocalHubServer } from '../../../src/localHub/index';
import type { HubTarget } from '../../../src/hubs/hubTarget';
import type { StartPosition, TailEntry, TailSession, TailSessionFactory, TailSessionOptions, TailState } from '../../../src/tail/types';
import { SESSION_DESIGNS, collect, contiguous, HUB, message, record, sequencesByPartition, startHub, targetOf, waitFor } from './support';

const records = (entries: readonly TailEntry[]) => entries.filter((e) => e.type === 'record');
const values = (entries: readonly TailEntry[], field: string) =>
  records(entries).map((e) => (e.type === 'record' ? (e.record.properties as Record<string, unknown>)[field] : undefined));

for (const design of SESSION_DESIGNS) describeSession(design.name, design.create);

function describeSession(designName: string, create: TailSessionFactory): void {
  describe(`tail session ${designName} (local hub, real client)`, function () {
    this.timeout(60_000);
    let hub: LocalHubServer;
    const sessions: TailSession[] = [];
    const open = (target: HubTarget, options: TailSessionOptions = {}): TailSession => {
      const session = create(target, options);
      sessions.push(session);
      return session;
    };

    beforeEach(async () => {
      hub = await startHub(2);
    });
    afterEach(async () => {
      await Promise.all(sessions.splice(0).map((s) => s.stop()));
      await hub.stop();
    });

    function send(count: number, from = 0, table = 'DeviceProcessEvents'): void {
      for (let i = from; i < from + count; i++) hub.append(HUB, [{ body: message(record(table, { N: i })) }], String(i % 2));
    }

    describe('start positions', () => {
      it('earliest delivers everything retained, in order per partition', async () => {
        send(10);
        const session = open(targetOf(hub), { start: { kind: 'earliest' } });
        const entries = collect(session);
        await waitFor('10 records', () => entries.length >= 10);
        assert.deepEqual(
          values(entries, 'N').sort((a, b) => Number(a) - Number(b)),
          [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        );
        assert.deepEqual(sequencesByPartition(entries).get('0'), [0, 1, 2, 3, 4]);
        assert.deepEqual(sequencesByPartition(entries).get('1'), [0, 1, 2, 3, 4]);
      });

      it('latest (the default) skips what was there before and delivers what arrives after', async () => {
        send(6);
        const session = open(targetOf(hub));
        const entries = collect(session);
        await session.whenLive();
        send(4, 100);
        await waitFor('4 records', () => entries.length >= 4);
        await new Promise((r) => setTimeout(r, 300));
        assert.deepEqual(values(entries, 'N').sort(), [100, 101, 102, 103]);
        assert.equal(session.stats().receivedEvents, 4);
      });

      it('a time delivers only events enqueued after it', async () => {
        send(4);
        await new Promise((r) => setTimeout(r, 30));
        const after = new Date();
        await new Promise((r) => setTimeout(r, 30));
        send(4, 10);
        const session = open(targetOf(hub), { start: { kind: 'time', enqueuedAfter: after } });
        const entries = collect(session);
        await waitFor('4 records', () => entries.length >= 4);
        await new Promise((r) => setTimeout(r, 300));
        assert.deepEqual(values(entries, 'N').sort(), [10, 11, 12, 13]);
      });

      /** With 10 events sent (partition 0: sequence numbers 0..4), the sequence numbers a tail from `start` reads once one more event reaches each partition. */
      async function readAfterOneMore(start: StartPosition): Promise<Map<string, number[]>> {
        const session = open(targetOf(hub), { start });
        const entries = collect(session);
        await session.whenLive();
        send(2, 20); // one more event on each partition
        await waitFor('4 records', () => entries.length >= 4);
        await new Promise((r) => setTimeout(r, 300));
        return sequencesByPartition(entries);
      }

      it('sequence numbers start a listed partition there (inclusive) and the others at latest', async () => {
        send(10); // partition 0 gets N 0,2,4,6,8 as sequence numbers 0..4
        const seqs = await readAfterOneMore({ kind: 'sequence', sequenceNumbers: { '0': 3 } });
        assert.deepEqual(seqs.get('0'), [3, 4, 5]);
        assert.deepEqual(seqs.get('1'), [5]);
      });

      it('offsets start a listed partition at the event with that offset (inclusive) and the others at latest', async () => {
        send(10);
        // The offsets Event Hubs gives partition 0's events, read with the bare SDK.
        const { EventHubConsumerClient, earliestEventPosition } = await import('@azure/event-hubs');
        const bare = new EventHubConsumerClient('$Default', hub.connectionStringFor(HUB), HUB);
        const offsets: string[] = [];
        const subscription = bare.subscribe(
          '0',
          {
            processEvents: async (events) => void offsets.push(...events.map((e) => String(e.offset))),
            processError: async () => undefined,
          },
          { startPosition: earliestEventPosition, maxWaitTimeInSeconds: 1 },
        );
        await waitFor('5 offsets', () => offsets.length >= 5);
        await subscription.close();
        await bare.close();
        const seqs = await readAfterOneMore({ kind: 'offset', offsets: { '0': offsets[3] } });
        assert.deepEqual(seqs.get('0'), [3, 4, 5]);
        assert.deepEqual(seqs.get('1'), [5]);
      });

      it('sequence numbers with other partitions starting earliest read the unlisted ones from their start', async () => {
        send(6);
        const session = open(targetOf(hub), { start: { kind: 'sequence', sequenceNumbers: { '0': 2 }, others: { kind: 'earliest' } } });
        const entries = collect(session);
        await waitFor('4 records', () => entries.length >= 4);
        await new Promise((r) => setTimeout(r, 300));
        const seqs = sequencesByPartition(entries);
        assert.deepEqual(seqs.get('0'), [2]);
        assert.deepEqual(seqs.get('1'), [0, 1, 2]);
      });
    });

    describe('maxEmit (a view that shows only so many)', () => {
      it('hands listeners at most the newest maxEmit entries of each emit, and keeps them all in the buffer', async () => {
        send(40);
        const session = open(targetOf(hub), { start: { kind: 'earliest' }, maxEmit: 5, emitIntervalMs: 200 });
        const entries = collect(session);
        await waitFor('all 40 received', () => session.stats().receivedRecords === 40);
        await waitFor('an emit after the last', () => entries.some((e) => e.id === 40));
        assert.ok(entries.length < 40, `${entries.length} entries handed over`);
        for (let i = 1; i < entries.length; i++) assert.ok(entries[i].id > entries[i - 1].id, 'newest last, none twice');
        assert.equal((await session.snapshot()).length, 40, 'the buffer has every entry');
      });
    });

    describe('filters', () => {
      it('keeps only the chosen tables but counts every table', async () => {
        hub.append(HUB, [{ body: message(record('DeviceProcessEvents'), record('EmailEvents', { Subject: 'hi' }), record('AlertInfo')) }]);
        hub.append(HUB, [{ body: message(record('EmailEvents', { Subject: 'again' })) }]);
        const session = open(targetOf(hub), { start: { kind: 'earliest' }, filter: { tables: ['EmailEvents'] } });
        const entries = collect(session);
        await waitFor('all 4 records counted', () => session.stats().receivedRecords === 4);
        await waitFor('2 entries', () => entries.length >= 2);
        assert.deepEqual(
          records(entries).map((e) => e.table),
          ['EmailEvents', 'EmailEvents'],
        );
        const stats = session.stats();
        assert.equal(stats.shownRecords, 2);
        assert.deepEqual(Object.fromEntries(stats.tables.map((t) => [t.table, t.records])), {
          EmailEvents: 2,
          DeviceProcessEvents: 1,
          AlertInfo: 1,
        });
      });

      it('a text filter matches anywhere in the record, case-insensitively, and can change at runtime', async () => {
        const session = open(targetOf(hub), { filter: { text: 'MIMIKATZ' } });
        const entries = collect(session);
        await session.whenLive();
        hub.append(HUB, [
          {
            body: message(
              record('DeviceProcessEvents', { ProcessCommandLine: 'mimikatz.exe sekurlsa' }),
              record('DeviceProcessEvents', { ProcessCommandLine: 'notepad.exe' }),
            ),
          },
        ]);
        await waitFor('first match', () => entries.length >= 1);
        session.setFilter({ tables: ['EmailEvents'] });
        hub.append(HUB, [
          {
            body: message(record('DeviceProcessEvents', { ProcessCommandLine: 'mimikatz again' }), record('EmailEvents', { Subject: 'x' })),
          },
        ]);
        await waitFor('4 records counted', () => session.stats().receivedRecords === 4);
        await waitFor('second match', () => entries.length >= 2);
        assert.deepEqual(
          records(entries).map((e) => e.table),
          ['DeviceProcessEvents', 'EmailEvents'],
        );
        // snapshot() applies a filter to what is buffered.
        assert.equal((await session.snapshot({ text: 'sekurlsa' })).length, 1);
        assert.equal((await session.snapshot({})).length, 2);
        assert.equal((await session.snapshot()).length, 1); // the current filter: EmailEvents only
      });
    });

    it('counts malformed messages by reason and keeps them as entries', async () => {
      hub.append(HUB, [
        { body: 'not json {' },
        { body: JSON.stringify({ records: 'nope' }) },
        { body: JSON.stringify({ records: [record('DeviceEvents'), 42] }) },
        { body: JSON.stringify(7) },
        { body: Buffer.from([0xff, 0x00, 0x01]) },
      ]);
      const session = open(targetOf(hub), { start: { kind: 'earliest' } });
      const entries = collect(session);
      await waitFor('5 events', () => session.stats().receivedEvents === 5);
      await waitFor('6 entries', () => entries.length >= 6);
      const stats = session.stats();
      assert.equal(stats.malformed, 5);
      assert.deepEqual(stats.malformedByReason, { 'not-json': 2, 'records-not-array': 1, 'record-not-object': 1, 'not-object': 1 });
      assert.equal(stats.receivedRecords, 1);
      const malformed = entries.filter((e) => e.type === 'malformed');
      assert.equal(malformed.length, 5);
      for (const m of malformed) {
        assert.ok(m.type === 'malformed' && m.message.length > 0 && typeof m.preview === 'string');
        assert.ok(m.type === 'malformed' && !/[\u0000-\u0008]/.test(m.preview), 'preview has no raw control characters');
      }
    });

    it('keeps at most bufferSize entries, the newest, and counts the dropped ones', async () => {
      for (let i = 0; i < 250; i++) hub.append(HUB, [{ body: message(record('DeviceEvents', { N: i })) }], '0');
      const session = open(targetOf(hub), { start: { kind: 'earliest' }, bufferSize: 100 });
      await waitFor('250 records', () => session.stats().receivedRecords === 250);
      const kept = await session.snapshot();
      assert.equal(kept.length, 100);
      assert.equal(session.stats().dropped, 150);
      assert.deepEqual(
        values(kept, 'N'),
        Array.from({ length: 100 }, (_, i) => 150 + i),
      );
    });

    it('pause keeps counting and buffering; resume delivers what arrived meanwhile', async () => {
      const session = open(targetOf(hub));
      const entries = collect(session);
      await session.whenLive();
      session.pause();
      send(6);
      await waitFor('6 counted', () => session.stats().receivedRecords === 6);
      await new Promise((r) => setTimeout(r, 250));
      assert.equal(entries.length, 0);
      assert.equal((await session.snapshot()).length, 6);
      session.resume();
      await waitFor('the 6 held back', () => entries.length >= 6);
      assert.equal(entries.length, 6);
      session.clear();
      assert.equal((await session.snapshot()).length, 0);
      assert.equal(session.stats().receivedRecords, 0);
    });

    describe('reconnecting', () => {
      async function streamThrough(
        fault: (session: TailSession) => Promise<void>,
      ): Promise<{ entries: TailEntry[]; states: TailState['kind'][]; session: TailSession }> {
        const session = open(targetOf(hub));
        const entries = collect(session);
        const states: TailState['kind'][] = [];
        session.onState((s) => states.push(s.kind));
        await session.whenLive();
        let n = 0;
        const push = (count: number): void => {
          send(count, n);
          n += count;
        };
        push(20);
        await waitFor('first 20', () => entries.length >= 20);
        push(10); // some of these may be in flight when the fault hits
        await fault(session);
        push(20); // enqueued while the client is cut off
        await waitFor('all 50 records after the fault', () => session.stats().receivedRecords >= 50, 40_000);
        await new Promise((r) => setTimeout(r, 500)); // any duplicate would show up now
        return { entries, states, session };
      }

      function assertNoGapNoDuplicate(entries: readonly TailEntry[], session: TailSession): void {
        const seqs = sequencesByPartition(entries);
        assert.deepEqual(
          seqs.get('0'),
          Array.from({ length: 25 }, (_, i) => i),
        );
        assert.deepEqual(
          seqs.get('1'),
          Array.from({ length: 25 }, (_, i) => i),
        );
        for (const list of seqs.values()) assert.ok(contiguous(list));
        assert.equal(session.stats().receivedRecords, 50);
        assert.deepEqual(
          values(entries, 'N').sort((a, b) => Number(a) - Number(b)),
          Array.from({ length: 50 }, (_, i) => i),
        );
      }

      it('resumes after the hub drops every connection, with no gap and no duplicate', async () => {
        const { entries, session } = await streamThrough(async () => hub.dropAllConnections());
        assertNoGapNoDuplicate(entries, session);
        assert.equal(session.state.kind, 'live');
      });

      it('resumes after the hub stops and starts again, reporting reconnecting meanwhile', async () => {
        const { entries, states, session } = await streamThrough(async (tail) => {
          await hub.stop();
          // The hub stays down until the client has given up its own quick retries and said so.
          await waitFor('reconnecting', () => tail.state.kind === 'reconnecting', 30_000);
          assert.match(tail.state.kind === 'reconnecting' ? tail.state.lastError : '', /ECONNREFUSED|connect|closed|disconnect/i);
          await hub.start();
        });
        assertNoGapNoDuplicate(entries, session);
        assert.ok(states.includes('reconnecting'), `states: ${states.join(' → ')}`);
        assert.equal(session.state.kind, 'live');
      });
    });

    describe('giving up, and Retry', () => {
      it('stops retrying after failAfterMs with a clear message, then reconnect() resumes where it was, keeping the buffer', async () => {
        const session = open(targetOf(hub), { failAfterMs: 1500 });
        const entries = collect(session);
        await session.whenLive();
        send(10);
        await waitFor('first 10', () => session.stats().receivedRecords === 10);
        await assert.rejects(session.reconnect(), /Only a tail that failed/);

        await hub.stop();
        await waitFor('failed', () => session.state.kind === 'failed', 30_000);
        assert.match(session.state.kind === 'failed' ? session.state.error : '', /^No connection for \d+ s; last error: /);
        await waitFor('no receivers once failed', () => hub.openReceiverCount() === 0);
        send(10, 10); // arrives while the tail has given up
        await hub.start();

        await session.reconnect();
        await session.whenLive();
        send(10, 20);
        await waitFor('all 30 records', () => session.stats().receivedRecords >= 30, 30_000);
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(session.stats().receivedRecords, 30);
        assert.deepEqual(
          values(await session.snapshot(), 'N').sort((a, b) => Number(a) - Number(b)),
          Array.from({ length: 30 }, (_, i) => i),
        );
        assert.deepEqual(
          sequencesByPartition(entries).get('0'),
          Array.from({ length: 15 }, (_, i) => i),
        );
        assert.deepEqual(
          sequencesByPartition(entries).get('1'),
          Array.from({ length: 15 }, (_, i) => i),
        );
      });

      it('a stopped tail cannot reconnect', async () => {
        const session = open(targetOf(hub));
        await session.whenLive();
        await session.stop();
        await assert.rejects(session.reconnect(), /Only a tail that failed/);
        assert.equal(session.state.kind, 'stopped');
      });
    });

    it('stop() closes every receiver and reports stopped', async () => {
      const session = open(targetOf(hub));
      await session.whenLive();
      send(2);
      await waitFor('records', () => session.stats().receivedRecords === 2);
      assert.ok(hub.openReceiverCount() >= 1);
      await session.stop();
      await session.stop(); // idempotent
      await waitFor('no receivers', () => hub.openReceiverCount() === 0);
      assert.equal(session.state.kind, 'stopped');
    });

    it('fails fast and clearly on a wrong key, without leaving receivers open', async () => {
      const wrong = hub.connectionStringFor(HUB).replace(/SharedAccessKey=[^;]+/, 'SharedAccessKey=d3JvbmcK');
      const session = open(targetOf(hub, wrong));
      await assert.rejects(session.whenLive(), /^Error: The key was rejected \(401\)/);
      assert.equal(session.state.kind, 'failed');
      assert.ok(session.state.kind === 'failed' && !session.state.error.includes('d3JvbmcK'), 'the key is not in the message');
      await session.stop();
      assert.equal(session.state.kind, 'failed');
      assert.equal(hub.openReceiverCount(), 0);
    });
  });
}
