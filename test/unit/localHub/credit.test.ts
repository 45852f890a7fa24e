import assert from 'node:assert/strict';
import { connect, message, types } from 'rhea';
import type { Connection, EventContext, Receiver } from 'rhea';
import type { LocalHubServer } from '../../../src/localHub/server';
import { Resources, until } from './support';
import { putToken } from './cbs';

/** Link credit seen from a bare AMQP client: the hub must never send more than it was granted. */
describe('local hub: link credit (bare AMQP client)', () => {
  const res = new Resources();
  let hub: LocalHubServer;
  let connection: Connection | undefined;
  after(async () => {
    connection?.close();
    await res.cleanup();
  });

  before(async () => {
    hub = await res.hub({ hubs: [{ name: 'credit', partitionCount: 1 }], keyName: 'k', key: 'secret' });
    hub.append(
      'credit',
      Array.from({ length: 20 }, (_, i) => ({ body: `{"n":${i}}` })),
    );
  });

  it('sends exactly as many events as the receiver grants, pre-settled, with the position annotations', async () => {
    connection = connect({ host: hub.host, port: hub.port, reconnect: false });
    const conn = connection;
    await new Promise<void>((resolve) => conn.once('connection_open', () => resolve()));
    const audience = `sb://${hub.host}:${hub.port}/credit/ConsumerGroups/$Default/Partitions/0`;
    const status = await putToken(conn, audience, 'k', 'secret', 'cbs-reply');
    assert.equal(status, 202);

    const received: EventContext[] = [];
    const receiver: Receiver = conn.open_receiver({
      source: {
        address: 'credit/ConsumerGroups/$Default/Partitions/0',
        filter: {
          'apache.org:selector-filter:string': types.wrap_described("amqp.annotation.x-opt-sequence-number > '4'", 0x468c00000004),
        },
      },
      credit_window: 0,
    });
    receiver.on('message', (ctx: EventContext) => received.push(ctx));
    await new Promise<void>((resolve) => receiver.once('receiver_open', () => resolve()));
    receiver.add_credit(3);
    await until(() => received.length >= 3, '3 deliveries');
    // Give the hub every chance to overrun the credit before looking again.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(received.length, 3);
    receiver.add_credit(4);
    await until(() => received.length >= 7, '7 deliveries');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(received.length, 7);
    const annotations = received.map((ctx) => ctx.message?.message_annotations ?? {});
    assert.deepEqual(
      annotations.map((a) => a['x-opt-sequence-number']),
      [5, 6, 7, 8, 9, 10, 11],
    );
    assert.ok(annotations.every((a) => typeof a['x-opt-offset'] === 'string' && a['x-opt-enqueued-time'] instanceof Date));
    assert.ok(received.every((ctx) => ctx.delivery?.remote_settled === true));
    assert.equal(hub.openReceiverCount(), 1);
    receiver.close();
    await until(() => hub.openReceiverCount() === 0, 'the link to close');
  });

  it('refuses a consumer link without a token for it', async () => {
    const conn = connect({ host: hub.host, port: hub.port, reconnect: false });
    try {
      const receiver = conn.open_receiver({ source: { address: 'credit/ConsumerGroups/$Default/Partitions/0' } });
      const error = await new Promise<{ condition?: string; description?: string }>((resolve) =>
        receiver.once('receiver_error', (ctx: EventContext) => resolve(ctx.receiver?.error as { condition?: string })),
      );
      assert.equal(error.condition, 'amqp:unauthorized-access');
    } finally {
      conn.close();
    }
  });

  it('stores a plain (non-batch) message from a bare AMQP sender, keeping its properties', async () => {
    const conn = connect({ host: hub.host, port: hub.port, reconnect: false });
    try {
      await new Promise<void>((resolve) => conn.once('connection_open', () => resolve()));
      assert.equal(await putToken(conn, `sb://${hub.host}:${hub.port}/credit/Partitions/0`, 'k', 'secret', 'cbs-reply-2'), 202);
      const sender = conn.open_sender({ target: { address: 'credit/Partitions/0' } });
      const before = hub.namespace.hub('credit')!.partition('0')!.endSequenceNumber;
      const accepted = await new Promise<boolean>((resolve) => {
        sender.once('accepted', () => resolve(true));
        sender.once('rejected', () => resolve(false));
        sender.once('sendable', () =>
          sender.send({ body: 'plain', application_properties: { origin: 'rhea' }, message_annotations: { 'x-opt-partition-key': 'pk' } }),
        );
      });
      assert.ok(accepted);
      const stored = hub.namespace.hub('credit')!.partition('0')!.at(before);
      assert.ok(stored);
      const decoded = message.decode(stored.encoded);
      assert.equal(decoded.body, 'plain');
      assert.deepEqual(decoded.application_properties, { origin: 'rhea' });
      assert.equal(decoded.message_annotations?.['x-opt-partition-key'], 'pk');
      assert.equal(decoded.message_annotations?.['x-opt-sequence-number'], before);
      assert.equal(sender.max_message_size, 1024 * 1024);
    } finally {
      conn.close();
    }
  });
});
