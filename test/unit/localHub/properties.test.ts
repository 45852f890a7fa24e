import assert from 'node:assert/strict';
import { Resources } from './support';

describe('local hub: hub and partition properties over AMQP', () => {
  const res = new Resources();
  after(() => res.cleanup());

  it('reports the hub name, creation time and partition ids', async () => {
    const hub = await res.hub({ hubs: [{ name: 'props-hub', partitionCount: 3 }] });
    const producer = res.producer(hub.connectionStringFor('props-hub'));
    const props = await producer.getEventHubProperties();
    assert.equal(props.name, 'props-hub');
    assert.deepEqual(props.partitionIds, ['0', '1', '2']);
    assert.ok(props.createdOn instanceof Date && !Number.isNaN(props.createdOn.getTime()));
    assert.deepEqual(await producer.getPartitionIds(), ['0', '1', '2']);
  });

  it('reports an empty partition, then its sequence number, offset and enqueued time after events', async () => {
    const hub = await res.hub({ hubs: [{ name: 'props-hub2', partitionCount: 2 }] });
    const producer = res.producer(hub.connectionStringFor('props-hub2'));
    const empty = await producer.getPartitionProperties('1');
    assert.equal(empty.partitionId, '1');
    assert.equal(empty.eventHubName, 'props-hub2');
    assert.equal(empty.isEmpty, true);
    assert.equal(empty.lastEnqueuedSequenceNumber, -1);
    assert.equal(empty.lastEnqueuedOffset, '-1');
    assert.equal(empty.beginningSequenceNumber, 0);

    await producer.sendBatch([{ body: 'a' }, { body: 'b' }, { body: 'c' }], { partitionId: '1' });
    const after = await producer.getPartitionProperties('1');
    assert.equal(after.isEmpty, false);
    assert.equal(after.lastEnqueuedSequenceNumber, 2);
    assert.equal(typeof after.lastEnqueuedSequenceNumber, 'number');
    assert.equal(typeof after.lastEnqueuedOffset, 'string');
    assert.ok(Number(after.lastEnqueuedOffset) > 0);
    assert.ok(after.lastEnqueuedOnUtc instanceof Date && after.lastEnqueuedOnUtc.getTime() > 0);
    const other = await producer.getPartitionProperties('0');
    assert.equal(other.isEmpty, true);
  });

  it('accepts the namespace connection string with a hub name, and reports the same via the consumer', async () => {
    const hub = await res.hub({ hubs: [{ name: 'alpha' }, { name: 'beta', partitionCount: 1 }] });
    const consumer = res.consumer(hub.connectionString.replace(/$/, ';EntityPath=beta'));
    const props = await consumer.getEventHubProperties();
    assert.equal(props.name, 'beta');
    assert.deepEqual(props.partitionIds, ['0']);
  });
});
