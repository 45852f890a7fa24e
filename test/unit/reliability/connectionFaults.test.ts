// Connection faults with the real @azure/event-hubs client against the local hub: dropped connections
// and hub restarts during a ~1,000 records/s tail, an unreachable host and an unknown hub.
import assert from 'node:assert/strict';
import { checkConnection } from '../../../src/hubs/connectionCheck';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import { createTailSession } from '../../../src/tail/session';
import type { TailSession, TailState } from '../../../src/tail/types';
import { startTraffic, type TrafficHandle } from '../../../src/traffic/index';
import { tried } from '../../support/reliabilityLog';
import { closedPort, firstBreak, SequenceRecorder, sleep, targetFor, waitFor, whenEnded } from './support';

const AREA = 'Connection faults';
const HUB = 'reliability-faults';

describe('reliability: connection faults', function () {
  this.timeout(60_000);
  let hub: LocalHubServer | undefined;
  let traffic: TrafficHandle | undefined;
  const sessions: TailSession[] = [];

  afterEach(async () => {
    traffic?.stop();
    traffic = undefined;
    await Promise.all(sessions.splice(0).map((s) => s.stop()));
    await hub?.stop();
    hub = undefined;
  });

  it('a ~1,000 records/s tail survives 10 dropped connections and 2 hub restarts with no gap and no duplicate per partition', async function () {
    this.timeout(200_000);
    const h = (hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: 4 }] }));
    const session = createTailSession(targetFor(h, HUB), { start: { kind: 'earliest' }, failAfterMs: 150_000 });
    sessions.push(session);
    const seen = new SequenceRecorder(session);
    const states: TailState[] = [];
    session.onState((s) => states.push(s));
    await session.whenLive();
    traffic = startTraffic(h, { rate: 1000, seed: 10, hubName: HUB });
    await waitFor('the first records', () => session.stats().receivedRecords >= 200, 60_000);

    let drops = 0;
    let resumedAfterDrop = 0;
    for (let i = 0; i < 10; i++) {
      await sleep(1000);
      const before = session.stats().receivedEvents;
      h.dropAllConnections();
      drops++;
      await sleep(1000);
      if (session.stats().receivedEvents > before) resumedAfterDrop++;
    }
    let restarts = 0;
    for (let i = 0; i < 2; i++) {
      await h.stop();
      // The hub stays down until the session says it is reconnecting (the client saw the outage).
      await waitFor('the session to report reconnecting', () => session.state.kind === 'reconnecting', 60_000);
      await h.start();
      restarts++;
      await sleep(1000);
    }
    traffic.stop();
    const sent = traffic.stats;
    const partitions = h.namespace.hub(HUB)!.partitions;
    const caughtUp = (): boolean =>
      partitions.every((p) => (session.stats().lastSequenceNumbers[p.partitionId] ?? -1) === p.lastSequenceNumber);
    let caught = true;
    try {
      await waitFor('every partition delivered up to the last event the hub holds', caughtUp, 90_000);
    } catch {
      caught = false;
    }
    await sleep(500); // a re-delivery would show up now
    const stats = session.stats();
    const behind = partitions.map(
      (p) => `p${p.partitionId}: got up to ${stats.lastSequenceNumbers[p.partitionId] ?? -1} of ${p.lastSequenceNumber}`,
    );
    const breaks = partitions.map((p) => firstBreak(seen.byPartition.get(p.partitionId) ?? [], 0)).filter((b) => b !== undefined);
    const kinds = states.map((s) => s.kind);
    const reconnectThenLive = kinds.indexOf('reconnecting') >= 0 && kinds.lastIndexOf('live') > kinds.indexOf('reconnecting');
    const outcome =
      caught && breaks.length === 0
        ? `resumed every time; ${stats.receivedEvents} events / ${stats.receivedRecords} records received of ${sent.messages} / ${sent.records} sent, contiguous per partition, ${stats.duplicates} re-deliveries dropped, states ${kinds.filter((k, i) => k !== kinds[i - 1]).join(' → ')}`
        : `NOT resumed: ${behind.join(', ')}${breaks.length ? `; ${breaks.join('; ')}` : ''}; final state ${session.state.kind}`;
    tried({
      area: AREA,
      fault: 'All connections dropped by the hub (dropAllConnections) during a 1,000 records/s tail, 4 partitions',
      times: drops,
      outcome: `${outcome}; records flowed again within 1 s after ${resumedAfterDrop} of ${drops} drops`,
    });
    tried({ area: AREA, fault: 'Hub stopped (until the tail reports reconnecting) and started again', times: restarts, outcome });

    assert.ok(caught, `the tail did not resume every partition: ${behind.join(', ')}; states: ${kinds.join(' → ')}`);
    assert.deepEqual(breaks, [], 'sequence numbers per partition are contiguous from 0');
    for (const p of partitions)
      assert.equal(seen.byPartition.get(p.partitionId)?.length, p.lastSequenceNumber + 1, `partition ${p.partitionId}: every event once`);
    assert.equal(stats.receivedEvents, sent.messages, 'every message sent was received once');
    assert.ok(reconnectThenLive, `states went reconnecting → live: ${kinds.join(' → ')}`);
    assert.equal(session.state.kind, 'live');
  });

  it('an unreachable host (closed loopback port): the check says "refused", the tail reports reconnecting then fails with a clear message after its bound', async () => {
    const h = (hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: 2 }] }));
    const port = await closedPort();
    const target = targetFor(h, HUB, {
      namespaceHost: `127.0.0.1:${port}`,
      connectionString: h.connectionStringFor(HUB).replace(`:${h.port}`, `:${port}`),
    });
    const t0 = Date.now();
    const check = await checkConnection(target);
    const checkMs = Date.now() - t0;
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.equal(check.problem.code, 'connectionRefused');
    assert.match(check.problem.message, new RegExp(`connection to 127\\.0\\.0\\.1:${port} was refused`));

    const t1 = Date.now();
    const session = createTailSession(target, { failAfterMs: 3000 });
    sessions.push(session);
    const states: TailState[] = [];
    session.onState((s) => states.push(s));
    const end = await whenEnded(session);
    const tailMs = Date.now() - t1;
    assert.equal(end.kind, 'failed');
    const error = end.kind === 'failed' ? end.error : '';
    // The same wording as the check (one classifier, src/hubs/errors.ts).
    assert.equal(error, `No connection for ${/^No connection for (\d+) s/.exec(error)?.[1]} s; last error: ${check.problem.message}`);
    const reconnecting = states.find((s) => s.kind === 'reconnecting');
    assert.ok(
      reconnecting && reconnecting.kind === 'reconnecting' && reconnecting.lastError === check.problem.message,
      'reconnecting with the last error first',
    );
    await sleep(1500);
    assert.equal(session.state.kind, 'failed', 'it stays failed: no retry after giving up');
    tried({
      area: AREA,
      fault: 'Unreachable host: closed loopback port (connection check)',
      times: 1,
      outcome: `code connectionRefused in ${Math.round(checkMs / 100) / 10} s: "${check.problem.message}"`,
    });
    tried({
      area: AREA,
      fault: 'Unreachable host: closed loopback port (tail session, bound 3 s)',
      times: 1,
      outcome: `reconnecting, then failed after ${Math.round(tailMs / 1000)} s: "${error.slice(0, 140)}"`,
    });
  });

  it('an unknown event hub: the check names the hub, the tail fails at once without retrying', async () => {
    const h = (hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: 2 }] }));
    const target = targetFor(h, 'no-such-hub', { connectionString: `${h.connectionString};EntityPath=no-such-hub` });
    const t0 = Date.now();
    const check = await checkConnection(target);
    const checkMs = Date.now() - t0;
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.equal(check.problem.code, 'unknownHub');
    assert.match(check.problem.message, /The event hub "no-such-hub" does not exist/);

    const t1 = Date.now();
    const session = createTailSession(target, { failAfterMs: 30_000 });
    sessions.push(session);
    const end = await whenEnded(session);
    const tailMs = Date.now() - t1;
    assert.equal(end.kind, 'failed');
    const error = end.kind === 'failed' ? end.error : '';
    assert.match(error, /does not exist/);
    assert.equal(h.openReceiverCount(), 0);
    tried({
      area: AREA,
      fault: 'Unknown event hub (connection check)',
      times: 1,
      outcome: `code unknownHub in ${Math.round(checkMs / 100) / 10} s: "${check.problem.message}"`,
    });
    tried({
      area: AREA,
      fault: 'Unknown event hub (tail session)',
      times: 1,
      outcome: `failed after ${Math.round(tailMs / 100) / 10} s, no retry (bound was 30 s): "${error.slice(0, 140)}"`,
    });
  });
});
