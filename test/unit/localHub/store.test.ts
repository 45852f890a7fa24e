import assert from 'node:assert/strict';
import { parseAddress } from '../../../src/localHub/addresses';
import { parseSelector, selectorFromSource, startSequence } from '../../../src/localHub/filters';
import { HubModel, NamespaceModel, hashKey } from '../../../src/localHub/hubModel';
import { PartitionStore } from '../../../src/localHub/store';

function filled(count: number, max = 1000): PartitionStore {
  const store = new PartitionStore('h', '0', max);
  for (let i = 0; i < count; i++) store.append(() => Buffer.alloc(10), 1000 + i * 10);
  return store;
}

describe('local hub: partition store, filters and addresses', () => {
  it('numbers events, offsets by byte position, and never lets enqueued time go back', () => {
    const store = new PartitionStore('h', '0', 10);
    store.append(() => Buffer.alloc(7), 5000);
    const second = store.append(() => Buffer.alloc(3), 4000);
    assert.equal(second.sequenceNumber, 1);
    assert.equal(second.offset, 7);
    assert.equal(second.enqueuedTime, 5000);
  });

  it('drops the oldest beyond the bound and finds events by sequence, offset and time', () => {
    const store = filled(5000, 1000);
    assert.equal(store.size, 1000);
    assert.equal(store.beginSequenceNumber, 4000);
    assert.equal(store.at(3999), undefined);
    assert.equal(store.at(4000)?.offset, 40000);
    assert.equal(store.firstAfterOffset(40000, false), 4001);
    assert.equal(store.firstAfterOffset(40000, true), 4000);
    assert.equal(store.firstAfterOffset(5, false), 4000);
    assert.equal(store.firstAfterTime(1000 + 4500 * 10, false), 4501);
    assert.equal(store.firstAfterTime(1000 + 4500 * 10, true), 4500);
    assert.equal(store.firstAfterTime(10 ** 12, false), 5000);
  });

  it('parses every selector the client sends and maps it to a start', () => {
    const store = filled(10);
    const start = (s: string): number => startSequence(parseSelector(s), store);
    assert.equal(start("amqp.annotation.x-opt-offset > '-1'"), 0);
    assert.equal(start("amqp.annotation.x-opt-offset > '@latest'"), 10);
    assert.equal(start("amqp.annotation.x-opt-offset > '30'"), 4);
    assert.equal(start("amqp.annotation.x-opt-offset >= '30'"), 3);
    assert.equal(start("amqp.annotation.x-opt-sequence-number > '5'"), 6);
    assert.equal(start("amqp.annotation.x-opt-sequence-number >= '5'"), 5);
    assert.equal(start("amqp.annotation.x-opt-enqueued-time > '1020'"), 3);
    assert.throws(() => parseSelector('1 = 1'), /Unsupported selector/);
    assert.throws(() => parseSelector("amqp.annotation.x-opt-sequence-number > 'abc'"), /not a whole number/);
    assert.equal(selectorFromSource({ filter: { 'apache.org:selector-filter:string': { descriptor: 1, value: { value: 'x' } } } }), 'x');
    assert.equal(selectorFromSource({}), undefined);
  });

  it('parses link addresses', () => {
    assert.deepEqual(parseAddress('$cbs'), { kind: 'cbs' });
    assert.deepEqual(parseAddress('hub/$management'), { kind: 'management' });
    assert.deepEqual(parseAddress('hub'), { kind: 'publish', hub: 'hub' });
    assert.deepEqual(parseAddress('amqps://ns.servicebus.windows.net/hub/Partitions/3'), { kind: 'publish', hub: 'hub', partitionId: '3' });
    assert.deepEqual(parseAddress('hub/ConsumerGroups/$Default/Partitions/0'), {
      kind: 'consume',
      hub: 'hub',
      consumerGroup: '$Default',
      partitionId: '0',
    });
    assert.equal(parseAddress('a/b').kind, 'unknown');
  });

  it('validates hub definitions and looks names up without case', () => {
    assert.throws(() => new NamespaceModel([], 10), /at least one/);
    assert.throws(() => new NamespaceModel([{ name: 'a' }, { name: 'A' }], 10), /defined twice/);
    assert.throws(() => new HubModel({ name: 'bad name' }, 10), /not a valid event hub name/);
    assert.throws(() => new HubModel({ name: 'h', partitionCount: 0 }, 10), /partition count/);
    const ns = new NamespaceModel([{ name: 'Hub', consumerGroups: ['Reports'] }], 10);
    const hub = ns.hub('hUB')!;
    assert.ok(hub.hasConsumerGroup('$default') && hub.hasConsumerGroup('reports') && !hub.hasConsumerGroup('x'));
    assert.equal(hub.partition('01'), undefined);
    assert.equal(hub.pickPartition('key').partitionId, String(hashKey('key') % 4));
    const rr = [0, 1, 2, 3, 4].map(() => hub.pickPartition().partitionId);
    assert.deepEqual(rr, ['0', '1', '2', '3', '0']);
  });
});
