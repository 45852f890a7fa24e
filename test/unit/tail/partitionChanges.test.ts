// A hub that changes under a running tail: partitions added, or the hub deleted and created again under
// the same name (its sequence numbers start from 0 again). Real client, local hub (src/localHub/hubChanges.ts).
import assert from 'node:assert/strict';
import { addPartitions, recreateHub } from '../../../src/localHub/hubChanges';
import type { LocalHubServer } from '../../../src/localHub/index';
import { createTailSession } from '../../../src/tail/session';
import type { TailNotice, TailSession, TailSessionOptions } from '../../../src/tail/types';
import { collect, HUB, message, record, sequencesByPartition, startHub, targetOf, waitFor } from './support';
import { tried } from '../../support/reliabilityLog';

const AREA = 'Trust boundary';

describe('tail: partitions added and a hub recreated (local hub, real client)', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;
  const sessions: TailSession[] = [];

  beforeEach(async () => {
    hub = await startHub(2);
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.stop()));
    await hub.stop();
  });

  function open(options: TailSessionOptions): { session: TailSession; notices: TailNotice[] } {
    const session = createTailSession(targetOf(hub), options);
    sessions.push(session);
    const notices: TailNotice[] = [];
    session.onNotice((n) => notices.push(n));
    return { session, notices };
  }

  /** `count` events on each listed partition. */
  function send(partitions: readonly string[], count: number, from = 0): void {
    for (const p of partitions)
      for (let i = 0; i < count; i++) hub.append(HUB, [{ body: message(record('DeviceEvents', { P: p, N: from + i })) }], p);
  }

  const ofKind = (notices: readonly TailNotice[], kind: TailNotice['kind']) => notices.filter((n) => n.kind === kind);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);

  it('new partitions are tailed from their beginning, and said once', async () => {
    const { session, notices } = open({ refreshIntervalMs: 200 });
    const entries = collect(session);
    await session.whenLive();
    send(['0', '1'], 2);
    await waitFor('the first 4 records', () => entries.length === 4);

    assert.deepEqual(addPartitions(hub.namespace, HUB, 2), ['2', '3']);
    send(['2', '3'], 3); // before the tail can have noticed the new partitions
    await waitFor('the new partitions from their first event', () => entries.length === 10);
    send(['0', '1', '2', '3'], 1, 10);
    await waitFor('one more event on every partition', () => entries.length === 14);

    const seqs = sequencesByPartition(entries);
    assert.deepEqual(seqs.get('2'), range(4));
    assert.deepEqual(seqs.get('3'), range(4));
    assert.deepEqual(seqs.get('0'), range(3));
    const added = ofKind(notices, 'partitionsAdded');
    assert.equal(added.length, 1);
    assert.deepEqual(added[0].partitionIds, ['2', '3']);
    assert.match(
      added[0].message,
      /^Partitions 2, 3 are new \(event hub "tail-test" now has 4 partitions\): tailing them from the beginning\.$/,
    );
    assert.equal(ofKind(notices, 'hubRecreated').length, 0);
    assert.equal(session.state.kind, 'live');
    tried({
      area: AREA,
      fault: 'Tail: partitions added to the hub while it runs',
      times: 1,
      outcome: 'new partitions tailed from their beginning, said once',
    });
  });

  for (const variant of [
    { name: 'a later created_at', createdAt: undefined, because: /created \d{4}-.*, the one this tail read was created / },
    {
      name: 'the same created_at but lower sequence numbers',
      createdAt: 'same' as const,
      because: /partition \d now ends at sequence number -1, below the 4 this tail had reached/,
    },
  ]) {
    it(`a hub recreated under the tail (${variant.name}) restarts every partition from its earliest event, and says so once`, async () => {
      const { session, notices } = open({ start: { kind: 'earliest' } });
      const entries = collect(session);
      send(['0', '1'], 5);
      await waitFor('the first 10 records', () => entries.length === 10);

      const createdAt = variant.createdAt === 'same' ? hub.namespace.hub(HUB)!.createdAt : undefined;
      recreateHub(hub.namespace, HUB, { createdAt });
      hub.dropAllConnections(); // an outage that spanned the change
      // The client reattaches after sequence number 4, which the new hub does not have: the tail notices why.
      await waitFor('the notice', () => ofKind(notices, 'hubRecreated').length > 0);
      send(['0', '1'], 2, 100);
      await waitFor("the new hub's events", () => entries.length === 14);

      const fresh = entries.slice(10);
      assert.deepEqual(sequencesByPartition(fresh).get('0'), [0, 1]);
      assert.deepEqual(sequencesByPartition(fresh).get('1'), [0, 1]);
      assert.deepEqual(session.stats().lastSequenceNumbers, { '0': 1, '1': 1 });
      const recreated = ofKind(notices, 'hubRecreated');
      assert.equal(recreated.length, 1);
      assert.equal(recreated[0].level, 'warning');
      assert.match(recreated[0].message, /^Event hub "tail-test" was recreated \(/);
      assert.match(recreated[0].message, variant.because);
      assert.match(recreated[0].message, /its sequence numbers started again, so every partition restarts from its earliest event\.$/);
      assert.equal(session.state.kind, 'live');
    });
  }

  it('a hub recreated that already holds more events than the tail had seen is noticed by reading its properties again', async () => {
    const { session, notices } = open({ start: { kind: 'earliest' }, refreshIntervalMs: 200 });
    const entries = collect(session);
    send(['0', '1'], 2);
    await waitFor('the first 4 records', () => entries.length === 4);
    recreateHub(hub.namespace, HUB); // the tail's links stay on the old hub: only reading the properties can tell
    send(['0', '1'], 6, 100); // sequence numbers 0-5: past the 1 the tail had reached
    await waitFor('the notice', () => ofKind(notices, 'hubRecreated').length === 1);
    await waitFor('every event of the new hub', () => {
      const fresh = sequencesByPartition(entries.filter((e) => e.type === 'record' && (e.record.properties as { N: number }).N >= 100));
      return ['0', '1'].every((p) => range(6).every((n) => fresh.get(p)?.includes(n)));
    });
    assert.deepEqual(session.stats().lastSequenceNumbers, { '0': 5, '1': 5 });
    assert.equal(ofKind(notices, 'hubRecreated').length, 1);
    tried({
      area: AREA,
      fault: 'Tail: the hub recreated under the tail with more events than the tail had seen',
      times: 1,
      outcome: 'noticed from the hub properties; every partition restarts from earliest',
    });
  });

  it('on Retry after a failure, a hub recreated meanwhile restarts from its earliest event instead of asking for a sequence number it does not have', async () => {
    const { session, notices } = open({ start: { kind: 'earliest' }, failAfterMs: 1500 });
    const entries = collect(session);
    send(['0', '1'], 5);
    await waitFor('the first 10 records', () => entries.length === 10);
    await hub.stop();
    await waitFor('failed', () => session.state.kind === 'failed', 30_000);
    recreateHub(hub.namespace, HUB, { partitionCount: 3 });
    send(['0', '1', '2'], 2, 100);
    await hub.start();

    await session.reconnect();
    await waitFor("the new hub's 6 events", () => entries.length === 16);
    const fresh = sequencesByPartition(entries.slice(10));
    for (const p of ['0', '1', '2']) assert.deepEqual(fresh.get(p), [0, 1], `partition ${p}`);
    assert.equal(ofKind(notices, 'hubRecreated').length, 1);
    assert.equal(ofKind(notices, 'partitionsAdded').length, 0, 'a recreated hub is said once, its partitions with it');
    assert.equal(session.state.kind, 'live');
  });
});
