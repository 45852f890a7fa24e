import assert from 'node:assert/strict';
import { earliestEventPosition } from '@azure/event-hubs';
import { Resources, collect } from './support';

describe('local hub: publish and receive round trip', () => {
  const res = new Resources();
  after(() => res.cleanup());

  it('keeps bodies, application properties and partition keys intact', async () => {
    const hub = await res.hub({ hubs: [{ name: 'rt', partitionCount: 4 }] });
    const cs = hub.connectionStringFor('rt');
    const producer = res.producer(cs);
    const batch = await producer.createBatch({ partitionKey: 'device-42' });
    assert.ok(
      batch.tryAdd({ body: { records: [{ category: 'AdvancedHunting-DeviceEvents' }] }, properties: { source: 'test', n: 7, flag: true } }),
    );
    assert.ok(batch.tryAdd({ body: 'plain text ünïcödé' }));
    assert.ok(batch.tryAdd({ body: Buffer.from([0, 1, 2, 250]) }));
    await producer.sendBatch(batch);
    await producer.sendBatch([{ body: { single: true }, properties: { kind: 'direct' } }], { partitionId: '2' });

    const consumer = res.consumer(cs);
    const c = collect(consumer, undefined, earliestEventPosition);
    const events = await c.waitFor(4);
    await c.close();
    const keyed = events.filter((e) => e.partitionKey === 'device-42');
    assert.equal(keyed.length, 3);
    assert.deepEqual(keyed.map((e) => e.body).slice(0, 2), [
      { records: [{ category: 'AdvancedHunting-DeviceEvents' }] },
      'plain text ünïcödé',
    ]);
    assert.deepEqual(Buffer.from(keyed[2].body as Uint8Array), Buffer.from([0, 1, 2, 250]));
    assert.deepEqual(keyed[0].properties, { source: 'test', n: 7, flag: true });
    assert.deepEqual(
      keyed.map((e) => e.sequenceNumber),
      [0, 1, 2],
    );
    const direct = events.find((e) => e.properties?.kind === 'direct');
    assert.deepEqual(direct?.body, { single: true });
    assert.equal(direct?.partitionKey ?? undefined, undefined);
    assert.deepEqual(
      c.partitions
        .get('2')
        ?.map((e) => e.properties?.kind)
        .includes('direct'),
      true,
    );
  });

  it('routes one partition key to one partition every time', async () => {
    const hub = await res.hub({ hubs: [{ name: 'keys', partitionCount: 4 }] });
    const producer = res.producer(hub.connectionStringFor('keys'));
    for (let i = 0; i < 3; i++) await producer.sendBatch([{ body: i }], { partitionKey: 'same-key' });
    const sizes = hub.namespace.hub('keys')!.partitions.map((p) => p.size);
    assert.deepEqual(
      sizes.filter((n) => n > 0),
      [3],
    );
  });

  it('stores events appended in-process and delivers them to an AMQP consumer', async () => {
    const hub = await res.hub({ hubs: [{ name: 'local', partitionCount: 2 }] });
    hub.append(
      'local',
      [
        { body: '{"records":[]}', properties: { a: 'b' } },
        { body: new Uint8Array([1, 2]), partitionKey: 'k' },
      ],
      '1',
    );
    const consumer = res.consumer(hub.connectionStringFor('local'));
    const c = collect(consumer, '1', earliestEventPosition);
    const events = await c.waitFor(2);
    await c.close();
    assert.deepEqual(events[0].body, { records: [] });
    assert.deepEqual(events[0].properties, { a: 'b' });
    assert.equal(events[1].partitionKey, 'k');
    assert.throws(() => hub.append('nope', [{ body: 'x' }]), /no event hub "nope"/);
    assert.throws(() => hub.append('local', [{ body: 'x' }], '9'), /no partition "9"/);
  });

  it('lets two consumer groups read the same events independently', async () => {
    const hub = await res.hub({ hubs: [{ name: 'groups', partitionCount: 2, consumerGroups: ['analytics'] }] });
    const cs = hub.connectionStringFor('groups');
    const producer = res.producer(cs);
    await producer.sendBatch(
      Array.from({ length: 10 }, (_, i) => ({ body: i })),
      { partitionId: '0' },
    );
    const first = collect(res.consumer(cs, '$Default'), '0', earliestEventPosition);
    const a = await first.waitFor(10);
    await first.close();
    const second = collect(res.consumer(cs, 'analytics'), '0', earliestEventPosition);
    const b = await second.waitFor(10);
    assert.deepEqual(
      a.map((e) => e.body),
      b.map((e) => e.body),
    );
    await producer.sendBatch([{ body: 'late' }], { partitionId: '0' });
    const more = await second.waitFor(11);
    await second.close();
    assert.equal(more[10].body, 'late');
    assert.deepEqual(
      a.map((e) => e.sequenceNumber),
      Array.from({ length: 10 }, (_, i) => i),
    );
  });

  it('honours link credit: a small maxBatchSize still gets every event, in order', async () => {
    const hub = await res.hub({ hubs: [{ name: 'credit', partitionCount: 1 }] });
    hub.append(
      'credit',
      Array.from({ length: 500 }, (_, i) => ({ body: String(i) })),
    );
    const consumer = res.consumer(hub.connectionStringFor('credit'));
    const c = collect(consumer, '0', earliestEventPosition, 7);
    const events = await c.waitFor(500);
    await c.close();
    assert.equal(events.length, 500);
    assert.deepEqual(
      events.map((e) => e.sequenceNumber),
      Array.from({ length: 500 }, (_, i) => i),
    );
  });
});
