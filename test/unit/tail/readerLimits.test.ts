// Event Hubs' reader rules (5 readers per partition and consumer group; a reader with an owner level shuts
// the others out) enforced by the local hub, seen through the real client, and how a tail reports them.
import assert from 'node:assert/strict';
import { EventHubConsumerClient, latestEventPosition } from '@azure/event-hubs';
import { checkConnection } from '../../../src/hubs/connectionCheck';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import { createTailSession } from '../../../src/tail/session';
import type { TailNotice, TailSession, TailState } from '../../../src/tail/types';
import { HUB, message, record, targetOf, waitFor } from './support';
import { tried } from '../../support/reliabilityLog';

const AREA = 'Trust boundary';

interface Reader {
  readonly errors: Array<Error & { code?: string }>;
  close(): Promise<void>;
}

describe('tail: reader limits of a consumer group (local hub, real client)', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;
  const readers: Reader[] = [];
  const sessions: TailSession[] = [];

  async function startHub(partitionCount: number): Promise<LocalHubServer> {
    hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount, consumerGroups: ['live-tail'] }] });
    return hub;
  }

  /** Another application's reader of one partition (the SDK, as a production consumer would use it). */
  function reader(partitionId: string, options: { ownerLevel?: number; consumerGroup?: string } = {}): Reader {
    const client = new EventHubConsumerClient(options.consumerGroup ?? '$Default', hub.connectionStringFor(HUB), {
      retryOptions: { maxRetries: 0, timeoutInMs: 5000 },
    });
    const errors: Reader['errors'] = [];
    const subscription = client.subscribe(
      partitionId,
      { processEvents: async () => undefined, processError: async (error) => void errors.push(error) },
      { startPosition: latestEventPosition, maxWaitTimeInSeconds: 1, ownerLevel: options.ownerLevel },
    );
    const handle = { errors, close: async () => (await subscription.close(), await client.close()) };
    readers.push(handle);
    return handle;
  }

  function open(
    consumerGroup = '$Default',
    failAfterMs = 60_000,
  ): { session: TailSession; states: TailState['kind'][]; notices: TailNotice[] } {
    const session = createTailSession({ ...targetOf(hub), consumerGroup }, { failAfterMs });
    sessions.push(session);
    const states: TailState['kind'][] = [];
    const notices: TailNotice[] = [];
    session.onState((s) => states.push(s.kind));
    session.onNotice((n) => notices.push(n));
    return { session, states, notices };
  }

  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.stop()));
    await Promise.all(readers.splice(0).map((r) => r.close().catch(() => undefined)));
    await hub.stop();
  });

  describe("the local hub enforces them with the service's conditions", () => {
    it('5 readers per partition and consumer group: the 6th gets QuotaExceededError; other groups and partitions are apart', async () => {
      await startHub(2);
      for (let i = 0; i < 5; i++) reader('0');
      await waitFor('5 readers', () => hub.openReceiverCount() === 5);
      const sixth = reader('0');
      await waitFor('the 6th refused', () => sixth.errors.length > 0);
      assert.equal(sixth.errors[0].code, 'QuotaExceededError');
      assert.match(sixth.errors[0].message, /maximum number of allowed receivers per partition in a consumer group which is 5/);
      reader('1');
      reader('0', { consumerGroup: 'live-tail' });
      await waitFor('the reader of partition 1 and the one of another group', () => hub.openReceiverCount() === 7);
    });

    it('a reader with an owner level disconnects the others (ReceiverDisconnectedError) and keeps ordinary and lower ones out', async () => {
      await startHub(1);
      const ordinary = [reader('0'), reader('0')];
      await waitFor('2 readers', () => hub.openReceiverCount() === 2);
      // (The SDK sends no owner level for 0 without a checkpoint store: levels from 1 here.)
      const owner = reader('0', { ownerLevel: 2 });
      await waitFor('both ordinary readers disconnected', () => ordinary.every((r) => r.errors.length > 0));
      for (const r of ordinary) assert.equal(r.errors[0].code, 'ReceiverDisconnectedError');
      await waitFor('the owner alone', () => hub.openReceiverCount() === 1);
      const late = reader('0');
      const lower = reader('0', { ownerLevel: 1 });
      await waitFor('the late ordinary reader and the lower owner level refused', () => late.errors.length > 0 && lower.errors.length > 0);
      assert.equal(late.errors[0].code, 'ReceiverDisconnectedError');
      assert.match(late.errors[0].message, /non-epoch receiver is not allowed/);
      assert.equal(lower.errors[0].code, 'ReceiverDisconnectedError');
      assert.match(lower.errors[0].message, /higher epoch of '2' already exists/);
      assert.equal(owner.errors.length, 0);
      reader('0', { ownerLevel: 3 });
      await waitFor('the higher owner level takes over', () => owner.errors.length > 0);
      assert.equal(owner.errors[0].code, 'ReceiverDisconnectedError');
    });
  });

  describe('a tail', () => {
    it('a partition whose 5 readers are taken is reported at once, with how to get a consumer group of its own; the others keep tailing', async () => {
      await startHub(2);
      for (let i = 0; i < 5; i++) reader('0');
      await waitFor('5 readers', () => hub.openReceiverCount() === 5);
      const { session, states, notices } = open();
      await waitFor('the notice about partition 0', () => notices.some((n) => n.kind === 'readerLimit'));
      const notice = notices.find((n) => n.kind === 'readerLimit');
      assert.deepEqual(notice?.partitionIds, ['0']);
      assert.equal(notice?.level, 'warning');
      assert.match(notice?.message ?? '', /^Partition 0 is not tailed: .*consumer group "\$Default" already has 5 readers/);
      assert.match(notice?.message ?? '', /shares these readers with every other application/);
      assert.match(notice?.message ?? '', /Azure portal \(the event hub → Consumer groups → \+ Consumer group\)/);
      assert.match(notice?.message ?? '', /Edit Event Hub\.\.\. → Consumer group/);
      assert.match(notice?.message ?? '', /The other partitions keep tailing\.$/);

      await session.whenLive();
      hub.append(HUB, [{ body: message(record('DeviceEvents', { N: 1 })) }, { body: message(record('DeviceEvents', { N: 2 })) }], '1');
      await waitFor('partition 1 tailed', () => session.stats().receivedRecords === 2);
      assert.equal(session.state.kind, 'live');
      assert.ok(!states.includes('reconnecting'), `no retrying as if it were transient: ${states.join(' → ')}`);
      assert.equal(notices.filter((n) => n.kind === 'readerLimit').length, 1);
      assert.equal(hub.openReceiverCount(), 6, 'the 5 other readers and the tail on partition 1');
      tried({
        area: AREA,
        fault: 'Tail: a partition whose 5 readers per consumer group are taken (QuotaExceededError)',
        times: 1,
        outcome: 'reported at once with the dedicated-consumer-group advice; the other partitions keep tailing',
      });
    });

    it('a reader with an owner level taking a partition over is reported at once; the other partitions keep tailing', async () => {
      await startHub(2);
      const { session, states, notices } = open();
      await session.whenLive();
      await waitFor("the tail's readers", () => hub.openReceiverCount() === 2);
      const owner = reader('0', { ownerLevel: 1 });
      await waitFor('the notice about partition 0', () => notices.some((n) => n.kind === 'readerLimit'));
      const notice = notices.find((n) => n.kind === 'readerLimit');
      assert.deepEqual(notice?.partitionIds, ['0']);
      assert.match(
        notice?.message ?? '',
        /^Partition 0 is not tailed: .*owner level \(epoch\) on consumer group "\$Default".*ReceiverDisconnectedError/,
      );
      assert.match(notice?.message ?? '', /never takes a partition from it/);
      assert.match(notice?.message ?? '', /Edit Event Hub\.\.\. → Consumer group/);

      hub.append(HUB, [{ body: message(record('DeviceEvents', { N: 1 })) }], '1');
      await waitFor('partition 1 tailed', () => session.stats().receivedRecords === 1);
      assert.equal(session.state.kind, 'live');
      assert.ok(!states.includes('reconnecting'), `no retrying as if it were transient: ${states.join(' → ')}`);
      assert.equal(owner.errors.length, 0, 'the owner keeps its partition');
      tried({
        area: AREA,
        fault: 'Tail: an epoch reader takes a partition over (ReceiverDisconnectedError)',
        times: 1,
        outcome: 'reported at once; the other partitions keep tailing',
      });
    });

    it('when no partition can be read, it fails at once with the same wording as the connection check', async () => {
      await startHub(1);
      for (let i = 0; i < 5; i++) reader('0');
      await waitFor('5 readers', () => hub.openReceiverCount() === 5);
      const check = await checkConnection(targetOf(hub));
      assert.ok(!check.ok && check.problem.code === 'readerLimit', JSON.stringify(check));
      const { session, states } = open();
      await waitFor('failed', () => session.state.kind === 'failed');
      assert.equal(
        session.state.kind === 'failed' ? session.state.error : '',
        `No partition of "${HUB}" can be read. ${check.ok ? '' : check.problem.message}`,
      );
      assert.ok(!states.includes('reconnecting'), states.join(' → '));
    });

    it('on $Default it says once that the consumer group is shared; with a group of its own it says nothing', async () => {
      await startHub(2);
      const shared = open('$Default', 1500);
      await shared.session.whenLive();
      const sharedNotices = (): TailNotice[] => shared.notices.filter((n) => n.kind === 'sharedConsumerGroup');
      assert.equal(sharedNotices().length, 1);
      assert.equal(sharedNotices()[0].level, 'info');
      assert.match(
        sharedNotices()[0].message,
        /consumer group "\$Default", which it shares with every other application that reads the hub/,
      );
      assert.match(sharedNotices()[0].message, /5 readers per partition and consumer group/);
      assert.match(sharedNotices()[0].message, /--consumer-group on the command line/);
      assert.deepEqual(shared.session.notices, shared.notices);

      // A reconnect (Retry) does not say it again.
      await hub.stop();
      await waitFor('failed', () => shared.session.state.kind === 'failed', 30_000);
      await hub.start();
      await shared.session.reconnect();
      await shared.session.whenLive();
      assert.equal(sharedNotices().length, 1);

      const own = open('live-tail');
      await own.session.whenLive();
      assert.deepEqual(own.notices, []);
      tried({ area: AREA, fault: 'Tail on $Default', times: 1, outcome: 'says once that the consumer group is shared' });
    });
  });
});
