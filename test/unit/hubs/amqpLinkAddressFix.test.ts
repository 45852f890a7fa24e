import assert from 'node:assert/strict';
import { Receiver } from 'rhea-promise';
import { loadEventHubs } from '../../../src/hubs/clientFactory';

/** A receiver whose rhea link has no source any more (what a closed, never-attached link looks like). */
function receiverWithoutSource(): { address: string | undefined } {
  const receiver = Object.create(Receiver.prototype) as { address: string | undefined };
  Object.defineProperty(receiver, '_link', { value: {} });
  return receiver;
}

describe('Event Hubs SDK: a link without a source does not crash a timer (src/hubs/amqpLinkAddressFix.ts)', () => {
  it('loading the SDK the one way makes `address` of a sourceless link undefined instead of a TypeError', async () => {
    await loadEventHubs();
    assert.equal(receiverWithoutSource().address, undefined);
    const attached = Object.create(Receiver.prototype) as { address: string | undefined };
    Object.defineProperty(attached, '_link', { value: { source: { address: '$management' } } });
    assert.equal(attached.address, '$management');
  });
});
