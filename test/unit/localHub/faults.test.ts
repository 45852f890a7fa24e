import assert from 'node:assert/strict';
import { earliestEventPosition } from '@azure/event-hubs';
import { Resources, collect, gaps, until } from './support';

describe('local hub: restart and dropped connections', () => {
  const res = new Resources();
  afterEach(() => res.cleanup());

  it('restarts on the same port keeping its events; the consumer continues with no gap and no duplicate', async () => {
    const hub = await res.hub({ hubs: [{ name: 'durable', partitionCount: 2 }] });
    const port = hub.port;
    const cs = hub.connectionStringFor('durable');
    const producer = res.producer(cs);
    const consumer = res.consumer(cs);
    await producer.sendBatch(
      Array.from({ length: 20 }, (_, i) => ({ body: i })),
      { partitionId: '0' },
    );
    await producer.sendBatch(
      Array.from({ length: 10 }, (_, i) => ({ body: 100 + i })),
      { partitionId: '1' },
    );
    const c = collect(consumer, undefined, earliestEventPosition, 50);
    await c.waitFor(30);

    await hub.stop();
    assert.equal(hub.isListening, false);
    await hub.start();
    assert.equal(hub.port, port);
    assert.equal(hub.connectionStringFor('durable'), cs);

    await producer.sendBatch(
      Array.from({ length: 15 }, (_, i) => ({ body: 20 + i })),
      { partitionId: '0' },
    );
    hub.append(
      'durable',
      Array.from({ length: 5 }, (_, i) => ({ body: String(110 + i) })),
      '1',
    );
    await c.waitFor(50);
    await c.close();
    const p0 = c.partitions.get('0')!.map((e) => e.sequenceNumber);
    const p1 = c.partitions.get('1')!.map((e) => e.sequenceNumber);
    assert.equal(gaps(p0, 0), undefined);
    assert.equal(gaps(p1, 0), undefined);
    assert.equal(p0.length, 35);
    assert.equal(p1.length, 15);
    assert.deepEqual(
      c.partitions.get('0')!.map((e) => e.body),
      Array.from({ length: 35 }, (_, i) => i),
    );
  });

  it('dropAllConnections(): clients reconnect and resume with no gap', async () => {
    const hub = await res.hub({ hubs: [{ name: 'flaky', partitionCount: 1 }] });
    const cs = hub.connectionStringFor('flaky');
    const consumer = res.consumer(cs);
    hub.append(
      'flaky',
      Array.from({ length: 100 }, (_, i) => ({ body: String(i) })),
    );
    const c = collect(consumer, '0', earliestEventPosition, 50);
    await c.waitFor(100);
    await until(() => hub.openReceiverCount() === 1, 'one receiver link');
    hub.dropAllConnections();
    await until(() => hub.openReceiverCount() === 0, 'the receiver link to go away');
    hub.append(
      'flaky',
      Array.from({ length: 100 }, (_, i) => ({ body: String(100 + i) })),
    );
    await c.waitFor(200);
    await until(() => hub.openReceiverCount() === 1, 'the receiver to re-attach');
    await c.close();
    const seq = c.events.map((e) => e.sequenceNumber);
    assert.equal(gaps(seq, 0), undefined);
    assert.equal(seq.length, 200);
    await until(() => hub.openReceiverCount() === 0, 'receiver links to close after the subscription');
  });

  it('bounds stored events per partition, dropping the oldest; earliest then starts at the oldest kept', async () => {
    const hub = await res.hub({ hubs: [{ name: 'bounded', partitionCount: 1 }], maxEventsPerPartition: 50 });
    hub.append(
      'bounded',
      Array.from({ length: 120 }, (_, i) => ({ body: String(i) })),
    );
    const partition = hub.namespace.hub('bounded')!.partition('0')!;
    assert.equal(partition.size, 50);
    assert.equal(partition.beginSequenceNumber, 70);
    const producer = res.producer(hub.connectionStringFor('bounded'));
    const props = await producer.getPartitionProperties('0');
    assert.equal(props.beginningSequenceNumber, 70);
    assert.equal(props.lastEnqueuedSequenceNumber, 119);
    const consumer = res.consumer(hub.connectionStringFor('bounded'));
    const c = collect(consumer, '0', earliestEventPosition);
    const events = await c.waitFor(50);
    await c.close();
    assert.equal(events[0].sequenceNumber, 70);
    assert.equal(
      gaps(
        events.map((e) => e.sequenceNumber),
        70,
      ),
      undefined,
    );
  });
});
