import assert from 'node:assert/strict';
import { earliestEventPosition, latestEventPosition } from '@azure/event-hubs';
import type { EventHubConsumerClient, EventPosition } from '@azure/event-hubs';
import type { LocalHubServer } from '../../../src/localHub/server';
import { Resources, collect, until } from './support';

describe('local hub: every start position the client sends', () => {
  const res = new Resources();
  let hub: LocalHubServer;
  let consumer: EventHubConsumerClient;
  let offsets: string[];
  let times: number[];
  after(() => res.cleanup());

  before(async () => {
    hub = await res.hub({ hubs: [{ name: 'pos', partitionCount: 1 }] });
    const producer = res.producer(hub.connectionStringFor('pos'));
    // Two sends some milliseconds apart, so enqueued times differ between the halves.
    await producer.sendBatch(Array.from({ length: 5 }, (_, i) => ({ body: `e${i}` })));
    await new Promise((r) => setTimeout(r, 30));
    await producer.sendBatch(Array.from({ length: 5 }, (_, i) => ({ body: `e${i + 5}` })));
    consumer = res.consumer(hub.connectionStringFor('pos'));
    const all = collect(consumer, '0', earliestEventPosition);
    const events = await all.waitFor(10);
    await all.close();
    offsets = events.map((e) => e.offset);
    times = events.map((e) => e.enqueuedTimeUtc.getTime());
  });

  async function bodiesFrom(position: EventPosition, expected: number): Promise<string[]> {
    const c = collect(consumer, '0', position);
    const events = await c.waitFor(expected);
    await c.close();
    return events.map((e) => String(e.body));
  }

  const all = Array.from({ length: 10 }, (_, i) => `e${i}`);

  it('earliest: everything retained', async () => {
    assert.deepEqual(await bodiesFrom(earliestEventPosition, 10), all);
  });

  it('offsets are increasing strings', () => {
    assert.equal(offsets.length, 10);
    for (let i = 1; i < offsets.length; i++) assert.ok(Number(offsets[i]) > Number(offsets[i - 1]));
  });

  it('offset, exclusive and inclusive', async () => {
    assert.deepEqual(await bodiesFrom({ offset: offsets[3] }, 6), all.slice(4));
    assert.deepEqual(await bodiesFrom({ offset: offsets[3], isInclusive: true }, 7), all.slice(3));
  });

  it('sequence number, exclusive and inclusive', async () => {
    assert.deepEqual(await bodiesFrom({ sequenceNumber: 6 }, 3), all.slice(7));
    assert.deepEqual(await bodiesFrom({ sequenceNumber: 6, isInclusive: true }, 4), all.slice(6));
  });

  it('enqueued time: events enqueued after the given time', async () => {
    assert.ok(times[5] > times[4]);
    assert.deepEqual(await bodiesFrom({ enqueuedOn: new Date(times[4]) }, 5), all.slice(5));
    assert.deepEqual(await bodiesFrom({ enqueuedOn: new Date(times[0] - 1) }, 10), all);
  });

  it('latest: only events that arrive after the receiver attached', async () => {
    const before = hub.openReceiverCount();
    const c = collect(consumer, '0', latestEventPosition);
    await until(() => hub.openReceiverCount() > before, 'the receiver link');
    hub.append('pos', [{ body: 'new-1' }, { body: 'new-2' }]);
    const events = await c.waitFor(2);
    await c.close();
    // A string appended in-process is the raw body text (not JSON here), so the client hands over bytes.
    assert.deepEqual(
      events.map((e) => Buffer.from(e.body as Uint8Array).toString('utf8')),
      ['new-1', 'new-2'],
    );
    assert.equal(events[0].sequenceNumber, 10);
  });

  it('closes receiver links when subscriptions close', async () => {
    await until(() => hub.openReceiverCount() === 0, 'receiver links to close');
  });
});
