import assert from 'node:assert/strict';
import { earliestEventPosition } from '@azure/event-hubs';
import type { RetryOptions } from '@azure/event-hubs';
import { createSasToken } from '../../../src/localHub/sas';
import type { LocalHubServer } from '../../../src/localHub/server';
import { Resources } from './support';

/** No retries: an error surfaces at once instead of after the SDK's ~90 s of retrying. */
const NO_RETRY: RetryOptions = { maxRetries: 0, timeoutInMs: 4000 };

interface ClientError {
  name?: string;
  code?: string;
  message?: string;
}

async function rejection(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise;
  } catch (error) {
    return error as ClientError;
  }
  assert.fail('expected the call to fail');
}

describe('local hub: authentication and unknown entities', () => {
  const res = new Resources();
  let hub: LocalHubServer;
  after(() => res.cleanup());
  before(async () => {
    hub = await res.hub({ hubs: [{ name: 'secure', partitionCount: 2 }], keyName: 'listen-send', key: 'the-right-key=' });
  });

  it('works with the right key', async () => {
    const producer = res.producer(hub.connectionStringFor('secure'), NO_RETRY);
    assert.equal((await producer.getEventHubProperties()).name, 'secure');
  });

  it('refuses a wrong key with UnauthorizedError (management and send)', async () => {
    const cs = hub.connectionStringFor('secure').replace('SharedAccessKey=the-right-key=', 'SharedAccessKey=a-wrong-key=');
    assert.notEqual(cs, hub.connectionStringFor('secure'));
    const producer = res.producer(cs, NO_RETRY);
    const props = await rejection(producer.getEventHubProperties());
    assert.equal(props.code, 'UnauthorizedError');
    const send = await rejection(producer.sendBatch([{ body: 'x' }]));
    assert.equal(send.code, 'UnauthorizedError');
    assert.ok(!String(send.message).includes('the-right-key'), 'the key must not leak into errors');
  });

  it('refuses a wrong key name with UnauthorizedError', async () => {
    const cs = hub
      .connectionStringFor('secure')
      .replace('SharedAccessKeyName=listen-send', 'SharedAccessKeyName=RootManageSharedAccessKey');
    const producer = res.producer(cs, NO_RETRY);
    const error = await rejection(producer.getEventHubProperties());
    assert.equal(error.code, 'UnauthorizedError');
    assert.match(String(error.message), /RootManageSharedAccessKey/);
  });

  it('refuses an expired shared access signature, accepts a valid one', async () => {
    const endpoint = `sb://${hub.host}:${hub.port}`;
    const audience = `${endpoint}/secure`;
    const expired = createSasToken(audience, 'listen-send', 'the-right-key=', -60);
    const expiredProducer = res.producer(
      `Endpoint=${endpoint};SharedAccessSignature=${expired};EntityPath=secure;UseDevelopmentEmulator=true`,
      NO_RETRY,
    );
    const error = await rejection(expiredProducer.getEventHubProperties());
    assert.equal(error.code, 'UnauthorizedError');
    assert.match(String(error.message), /expired/);
    const valid = createSasToken(audience, 'listen-send', 'the-right-key=', 600);
    const producer = res.producer(
      `Endpoint=${endpoint};SharedAccessSignature=${valid};EntityPath=secure;UseDevelopmentEmulator=true`,
      NO_RETRY,
    );
    assert.equal((await producer.getEventHubProperties()).name, 'secure');
  });

  it('refuses a token signed for another hub', async () => {
    const endpoint = `sb://${hub.host}:${hub.port}`;
    const other = createSasToken(`${endpoint}/other-hub`, 'listen-send', 'the-right-key=', 600);
    const producer = res.producer(
      `Endpoint=${endpoint};SharedAccessSignature=${other};EntityPath=secure;UseDevelopmentEmulator=true`,
      NO_RETRY,
    );
    const error = await rejection(producer.getEventHubProperties());
    assert.equal(error.code, 'UnauthorizedError');
  });

  it('reports an unknown hub, partition and consumer group as MessagingEntityNotFoundError naming what exists', async () => {
    const unknownHub = res.producer(`${hub.connectionString};EntityPath=missing`, NO_RETRY);
    const hubError = await rejection(unknownHub.getEventHubProperties());
    assert.equal(hubError.code, 'MessagingEntityNotFoundError');
    assert.match(String(hubError.message), /'missing'.*secure/);
    const sendError = await rejection(unknownHub.sendBatch([{ body: 1 }]));
    assert.equal(sendError.code, 'MessagingEntityNotFoundError');

    const producer = res.producer(hub.connectionStringFor('secure'), NO_RETRY);
    const partitionError = await rejection(producer.getPartitionProperties('9'));
    assert.equal(partitionError.code, 'MessagingEntityNotFoundError');
    assert.match(String(partitionError.message), /partitions 0 to 1/);

    const consumer = res.consumer(hub.connectionStringFor('secure'), 'no-such-group', NO_RETRY);
    const groupError = await new Promise<ClientError>((resolve) => {
      const sub = consumer.subscribe(
        '0',
        {
          processEvents: async () => undefined,
          processError: async (error) => {
            await sub.close();
            resolve(error as ClientError);
          },
        },
        { startPosition: earliestEventPosition },
      );
    });
    assert.equal(groupError.code, 'MessagingEntityNotFoundError');
    assert.match(String(groupError.message), /no consumer group 'no-such-group'.*\$Default/);
  });
});
