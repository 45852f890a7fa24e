// Send Events to Hub against the project's local hub, through the real @azure/event-hubs producer:
// bodies and grouping arrive as sent, in order; the rate makes small batches; a too-large event, a
// policy without the Send right and throttling each say what is wrong (CLI and sendToHub).
import { targetOf as hubTargetOf } from '../tail/support';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { EventHubConsumerClient, earliestEventPosition } from '@azure/event-hubs';
import { runCli } from '../../../src/cli/runCli';
import { ConnectionCheckError, classifyConnectionError } from '../../../src/hubs/errors';
import type { HubTarget } from '../../../src/hubs/hubTarget';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import { sendToHub } from '../../../src/send/sendToHub';

const HUB = 'send-test';
const LISTEN_KEY = 'bGlzdGVuLW9ubHkta2V5LWZvci10ZXN0cw==';

const rec = (table: string, id: number, extra: Record<string, unknown> = {}) => ({
  time: '2025-01-31T08:00:00.000Z',
  tenantId: 't',
  category: `AdvancedHunting-${table}`,
  properties: { ReportId: id, ...extra },
});

function targetOf(hub: LocalHubServer, connectionString = hub.connectionStringFor(HUB)): HubTarget {
  return hubTargetOf(hub, connectionString, HUB);
}

/** The bodies of partition 0 from sequence number `from`, as text, once `count` arrived. */
async function readBodies(hub: LocalHubServer, count: number, from = 0): Promise<string[]> {
  const client = new EventHubConsumerClient('$Default', hub.connectionStringFor(HUB));
  const bodies: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${bodies.length} of ${count} events arrived`)), 15_000);
      const sub = client.subscribe(
        '0',
        {
          processEvents: async (events) => {
            for (const e of events)
              if (e.sequenceNumber >= from)
                bodies.push(
                  Buffer.isBuffer(e.body) || e.body instanceof Uint8Array ? Buffer.from(e.body).toString('utf8') : JSON.stringify(e.body),
                );
            if (bodies.length >= count) {
              clearTimeout(timer);
              void sub.close().then(() => resolve());
            }
          },
          processError: async () => undefined,
        },
        { startPosition: earliestEventPosition, maxWaitTimeInSeconds: 1 },
      );
    });
  } finally {
    await client.close();
  }
  return bodies;
}

function io(stdinText?: string) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
      stdin: stdinText === undefined ? undefined : Readable.from([stdinText]),
    },
  };
}

const ids = (body: string) =>
  (JSON.parse(body) as { records: Array<{ properties: { ReportId: number } }> }).records.map((r) => r.properties.ReportId);

describe('send: events to the local hub', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;
  let dir: string;
  const size = () => hub.namespace.hub(HUB)!.partition('0')!.endSequenceNumber;

  before(async () => {
    hub = await startLocalHub({
      hubs: [{ name: HUB, partitionCount: 1 }],
      policies: [{ keyName: 'ListenOnly', key: LISTEN_KEY, rights: ['Listen'] }],
    });
    dir = mkdtempSync(join(tmpdir(), 'send-test-'));
  });
  after(async () => hub.stop());

  it('CLI: an NDJSON file and a body arrive grouped as Defender sends them, in order, and the key is never printed', async () => {
    const ndjson = join(dir, 'sample.ndjson');
    writeFileSync(
      ndjson,
      [rec('DeviceEvents', 1), rec('DeviceEvents', 2), rec('EmailEvents', 3)].map((r) => JSON.stringify(r)).join('\n') + '\n',
    );
    const body = join(dir, 'body.json');
    writeFileSync(body, JSON.stringify({ records: [rec('AlertInfo', 4), rec('AlertInfo', 5)] }));
    const start = size();
    const { out, io: cli } = io();
    const code = await runCli(['send', '--connection-string', hub.connectionStringFor(HUB), ndjson, body], cli);
    assert.equal(code, 0, out.stderr);
    assert.match(out.stdout, /^Sent 3 of 3 events \(\d+ bytes\) in 1 batches to "send-test"\.\n$/);
    assert.doesNotMatch(
      out.stdout + out.stderr,
      new RegExp(hub.connectionStringFor(HUB).split('SharedAccessKey=')[1].split(';')[0].slice(0, 12).replace(/[+/]/g, '.')),
    );
    const bodies = await readBodies(hub, 3, start);
    assert.deepEqual(bodies.map(ids), [[1, 2], [3], [4, 5]]);
    assert.equal(bodies[2], JSON.stringify({ records: [rec('AlertInfo', 4), rec('AlertInfo', 5)] }));
  });

  it('CLI: events from stdin ("-"), sent --repeat times', async () => {
    const start = size();
    const { out, io: cli } = io(JSON.stringify([rec('DeviceProcessEvents', 7), rec('DeviceProcessEvents', 8)]));
    const code = await runCli(['send', '--connection-string', hub.connectionStringFor(HUB), '--repeat', '3', '-'], cli);
    assert.equal(code, 0, out.stderr);
    assert.match(out.stdout, /Sent 3 of 3 events/);
    assert.deepEqual((await readBodies(hub, 3, start)).map(ids), [
      [7, 8],
      [7, 8],
      [7, 8],
    ]);
  });

  it('a rate sends a tenth of a second of events per batch, every event once and in order', async () => {
    const start = size();
    const bodies = Array.from({ length: 12 }, (_, i) => JSON.stringify({ records: [rec('AlertInfo', i)] }));
    const progress: number[] = [];
    const result = await sendToHub(targetOf(hub), { bodies, rate: 40 }, { onProgress: (p) => progress.push(p.sent) });
    assert.deepEqual(result, { sent: 12, total: 12, batches: 3, bytes: result.bytes, cancelled: false });
    assert.deepEqual(progress, [4, 8, 12]);
    assert.deepEqual(
      (await readBodies(hub, 12, start)).map((b) => ids(b)[0]),
      [...Array(12).keys()],
    );
  });

  it('--generate sends demo traffic of the chosen tables', async () => {
    const start = size();
    const { out, io: cli } = io();
    const code = await runCli(
      ['send', '--connection-string', hub.connectionStringFor(HUB), '--generate', '5', '--tables', 'EmailEvents'],
      cli,
    );
    assert.equal(code, 0, out.stderr);
    for (const b of await readBodies(hub, 5, start))
      for (const r of (JSON.parse(b) as { records: Array<{ category: string }> }).records)
        assert.equal(r.category, 'AdvancedHunting-EmailEvents');
  });

  it('a record too large for one event is refused before anything is sent, saying where', async () => {
    const start = size();
    const file = join(dir, 'huge.ndjson');
    writeFileSync(file, `${JSON.stringify(rec('AlertInfo', 1))}\n${JSON.stringify(rec('AlertInfo', 2, { Pad: 'x'.repeat(1_100_000) }))}\n`);
    const { out, io: cli } = io();
    const code = await runCli(['send', '--connection-string', hub.connectionStringFor(HUB), file], cli);
    assert.equal(code, 1);
    assert.match(
      out.stderr,
      /The record at .*huge\.ndjson:2 is 1,100,\d{3} bytes as an event body, more than the 1,046,528 an event may have/,
    );
    assert.equal(size(), start);
  });

  it('an event larger than the hub takes (its link limit) is a clear error', async () => {
    const small = await startLocalHub({ hubs: [{ name: HUB, partitionCount: 1 }], limits: { maxMessageSize: 64 * 1024 } });
    try {
      const body = JSON.stringify({ records: [rec('AlertInfo', 1, { Pad: 'x'.repeat(100_000) })] });
      await assert.rejects(
        sendToHub(targetOf(small), { bodies: [body] }),
        (e: unknown) =>
          e instanceof ConnectionCheckError &&
          e.problem.code === 'tooLarge' &&
          /^Event 1 is 100,\d{3} bytes .*more than the 65,536/.test(e.message),
      );
    } finally {
      await small.stop();
    }
  });

  it('a policy without the Send right: a 401 that names the Send right (CLI exit 1)', async () => {
    const listenOnly = `Endpoint=sb://127.0.0.1:${hub.port};SharedAccessKeyName=ListenOnly;SharedAccessKey=${LISTEN_KEY};UseDevelopmentEmulator=true;EntityPath=${HUB}`;
    const start = size();
    await assert.rejects(
      sendToHub(targetOf(hub, listenOnly), { bodies: ['{"records":[]}'] }),
      (e: unknown) =>
        e instanceof ConnectionCheckError &&
        e.problem.code === 'missingRights' &&
        /lacks the "Send" right on send-test \(401\)/.test(e.message),
    );
    const { out, io: cli } = io(`${listenOnly}\n`);
    const code = await runCli(['send', '--connection-string', '-', '--generate', '1'], cli);
    assert.equal(code, 1);
    assert.match(out.stderr, /The policy "ListenOnly" lacks the "Send" right on send-test \(401\)\. Use a policy with Send \(or Manage\)/);
    assert.doesNotMatch(out.stderr + out.stdout, new RegExp(LISTEN_KEY.slice(0, 16)));
    assert.equal(size(), start);
    // The same policy can read.
    assert.ok((await readBodies(hub, 1)).length >= 1);
  });

  it('throttling (ServerBusyError) and a too-large message from the service have their own wording', () => {
    const ctx = { namespaceHost: 'ns.servicebus.windows.net', hubName: 'h', authKind: 'connectionString' as const, phase: 'send' as const };
    const busy = classifyConnectionError(
      Object.assign(new Error('The request was terminated because the entity is being throttled.'), { code: 'ServerBusyError' }),
      ctx,
    );
    assert.equal(busy.code, 'throttled');
    assert.match(busy.message, /throttling "h" \(ServerBusyError\).*lower rate.*throughput units/);
    const big = classifyConnectionError(
      Object.assign(new Error('The received message exceeds the limit.'), { code: 'MessageTooLargeError' }),
      ctx,
    );
    assert.equal(big.code, 'tooLarge');
    assert.match(big.message, /1 MB per event on the Standard tier/);
    const entra = classifyConnectionError(Object.assign(new Error('Unauthorized'), { code: 'UnauthorizedError' }), {
      ...ctx,
      authKind: 'tokenCredential',
    });
    assert.match(entra.message, /Azure Event Hubs Data Sender/);
  });

  it('usage errors: no files, stdin twice', async () => {
    const { io: a } = io();
    assert.equal(await runCli(['send', '--connection-string', hub.connectionStringFor(HUB)], a), 2);
    const { io: b } = io('x');
    assert.equal(await runCli(['send', '--connection-string', '-', '-'], b), 2);
  });
});
