import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { formatConnectionString } from '../../../src/core/connection/connectionString';
import { checkConnection, readHubProperties } from '../../../src/hubs/connectionCheck';
import { ConnectionCheckError } from '../../../src/hubs/errors';
import type { HubTarget } from '../../../src/hubs/hubTarget';
import { startLocalHub, type LocalHub } from '../../../src/localHub';

const KEY = 'bG9jYWwtaHViLXRlc3Qta2V5LWZvci1jb25uZWN0aW9uLWNoZWNrcw==';
const WRONG_KEY = 'd3Jvbmcta2V5LXRoYXQtbXVzdC1uZXZlci1hcHBlYXItaW4tbWVzc2FnZXM=';

function target(
  hub: LocalHub,
  overrides: { hubName?: string; keyName?: string; key?: string; consumerGroup?: string; host?: string } = {},
): HubTarget {
  const host = overrides.host ?? `127.0.0.1:${hub.port}`;
  const hubName = overrides.hubName ?? 'defender-stream';
  return {
    configId: 'test',
    label: `test / ${hubName}`,
    namespaceHost: host,
    hubName,
    consumerGroup: overrides.consumerGroup ?? '$Default',
    auth: {
      kind: 'connectionString',
      connectionString: formatConnectionString({
        host,
        sharedAccessKeyName: overrides.keyName ?? hub.keyName,
        sharedAccessKey: overrides.key ?? KEY,
        entityPath: hubName,
        useDevelopmentEmulator: true,
      }),
    },
  };
}

function assertNoSecret(text: string): void {
  assert.ok(!text.includes(KEY), 'the key appears in the message');
  assert.ok(!text.includes(WRONG_KEY), 'the wrong key appears in the message');
  assert.ok(!/SharedAccessKey=|sig=/i.test(text), 'a secret field appears in the message');
}

describe('hubs: connection check against the local hub', () => {
  let hub: LocalHub;

  before(async () => {
    hub = await startLocalHub({
      key: KEY,
      hubs: [{ name: 'defender-stream', partitionCount: 4, consumerGroups: ['explorer'] }],
    });
    hub.append('defender-stream', [{ body: '{"records":[]}' }, { body: '{"records":[]}' }], '2');
  });

  after(async () => {
    await hub.stop();
  });

  it('succeeds with the right key and reads hub and partition properties', async () => {
    const result = await checkConnection(target(hub, { consumerGroup: 'explorer' }));
    assert.ok(result.ok, result.ok ? '' : result.problem.message);
    assert.equal(result.hub.name, 'defender-stream');
    assert.deepEqual(result.hub.partitionIds, ['0', '1', '2', '3']);
    assert.ok(result.hub.createdOn instanceof Date);
    const p2 = result.hub.partitions.find((p) => p.partitionId === '2');
    assert.equal(p2?.isEmpty, false);
    assert.equal(p2?.lastEnqueuedSequenceNumber, (p2?.beginningSequenceNumber ?? 0) + 1);
    assert.ok(p2?.lastEnqueuedOnUtc instanceof Date);
    const p0 = result.hub.partitions.find((p) => p.partitionId === '0');
    assert.equal(p0?.isEmpty, true);
    assert.equal(p0?.lastEnqueuedSequenceNumber, -1);
  });

  it('reports a wrong key as "The key was rejected (401)", without the key', async () => {
    const result = await checkConnection(target(hub, { key: WRONG_KEY }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problem.code, 'wrongKey');
    assert.match(result.problem.message, /^The key was rejected \(401\)/);
    assert.match(result.problem.message, /RootManageSharedAccessKey/);
    assertNoSecret(result.problem.message);
  });

  it('reports an unknown shared access policy by name', async () => {
    const result = await checkConnection(target(hub, { keyName: 'NoSuchPolicy' }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problem.code, 'unknownKeyName');
    assert.match(result.problem.message, /"NoSuchPolicy" does not exist/);
    assertNoSecret(result.problem.message);
  });

  it('reports an unknown event hub by name', async () => {
    const result = await checkConnection(target(hub, { hubName: 'no-such-hub' }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problem.code, 'unknownHub');
    assert.match(result.problem.message, /The event hub "no-such-hub" does not exist/);
    assertNoSecret(result.problem.message);
  });

  it('reports an unknown consumer group by name', async () => {
    const result = await checkConnection(target(hub, { consumerGroup: 'not-there' }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problem.code, 'unknownConsumerGroup');
    assert.match(result.problem.message, /The consumer group "not-there" does not exist on event hub "defender-stream"/);
    assertNoSecret(result.problem.message);
  });

  it('reports a closed port as a refused connection', async () => {
    const port = await freePort();
    const result = await checkConnection(target(hub, { host: `127.0.0.1:${port}` }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problem.code, 'connectionRefused');
    assert.match(result.problem.message, new RegExp(`connection to 127\\.0\\.0\\.1:${port} was refused`));
    assertNoSecret(result.problem.message);
  });

  it('reports an unknown host as a DNS failure', async () => {
    const result = await checkConnection(target(hub, { host: 'no-such-namespace-4f1c.invalid' }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.problem.code, 'hostNotFound');
    assert.match(result.problem.message, /"no-such-namespace-4f1c\.invalid" could not be found/);
  });

  it('reports a host that never answers as a timeout within the deadline', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = createServer((socket) => sockets.add(socket)); // accepts TCP, never speaks AMQP
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const result = await checkConnection(target(hub, { host: `127.0.0.1:${port}` }), {
        deadlineMs: 1500,
        retry: { maxRetries: 0, timeoutInMs: 1000 },
      });
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.problem.code, 'timeout');
      assert.match(result.problem.message, new RegExp(`No answer from 127\\.0\\.0\\.1:${port}`));
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('readHubProperties throws a ConnectionCheckError with the same message', async () => {
    await assert.rejects(readHubProperties(target(hub, { key: WRONG_KEY })), (error: unknown) => {
      assert.ok(error instanceof ConnectionCheckError);
      assert.match(error.message, /^The key was rejected \(401\)/);
      assertNoSecret(error.message);
      return true;
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
