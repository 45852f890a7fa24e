import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect as tcpConnect } from 'node:net';
import type { Socket } from 'node:net';
import { earliestEventPosition } from '@azure/event-hubs';
import type { RetryOptions } from '@azure/event-hubs';
import { connect } from 'rhea';
import type { Connection, EventContext, Receiver, Sender } from 'rhea';
import { FrameScanner } from '../../../src/localHub/frameScanner';
import { localHubConnectionCount } from '../../../src/localHub/limits';
import type { LocalHubServer } from '../../../src/localHub/server';
import { PartitionStore } from '../../../src/localHub/store';
import { Resources, collect, until } from './support';
import { tried } from '../../support/reliabilityLog';
import { putToken } from './cbs';

const AREA = 'Trust boundary';

const NO_RETRY: RetryOptions = { maxRetries: 0, timeoutInMs: 10000 };
const KEY_NAME = 'k';
const KEY = 'secret';
/** Protocol header of plain AMQP 1.0 (no SASL), then an empty frame (a heartbeat). */
const AMQP_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 1, 0, 0]);
const EMPTY_FRAME = Buffer.from([0, 0, 0, 8, 2, 0, 0, 0]);

type AmqpError = { condition?: string; description?: string };

/** A raw TCP peer on the hub's loopback port. */
async function rawPeer(hub: LocalHubServer, first?: Buffer): Promise<Socket> {
  const socket = tcpConnect({ host: hub.host, port: hub.port });
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  if (first) socket.write(first);
  return socket;
}

/** Resolves when the hub closes the socket; fails (instead of hanging) if it never does. */
function closedByHub(socket: Socket, what: string, timeoutMs = 8000): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the hub did not close the connection: ${what}`)), timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Keeps writing junk until the socket closes (a peer that will not stop). */
function flood(socket: Socket, chunk: Buffer): void {
  const write = (): void => {
    if (socket.destroyed || socket.writableEnded) return;
    if (socket.write(chunk)) setImmediate(write);
    else socket.once('drain', write);
  };
  write();
}

async function openAmqp(hub: LocalHubServer): Promise<Connection> {
  const conn = connect({ host: hub.host, port: hub.port, reconnect: false });
  conn.on('error', () => undefined);
  conn.on('connection_error', () => undefined);
  conn.on('disconnected', () => undefined);
  await once(conn, 'connection_open');
  return conn;
}

/** The error the hub closed the connection with. */
function connectionClosedWith(conn: Connection, what: string, timeoutMs = 8000): Promise<AmqpError> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the hub did not close the connection: ${what}`)), timeoutMs);
    conn.once('connection_error', (ctx: EventContext) => {
      clearTimeout(timer);
      resolve((ctx.connection.error ?? {}) as AmqpError);
    });
  });
}

/** Resolves once the hub answered the link's attach (whether or not it then refused it). */
function attached(link: Sender | Receiver): Promise<void> {
  return new Promise((resolve) => {
    link.once(link.is_sender() ? 'sender_open' : 'receiver_open', () => resolve());
    link.once(link.is_sender() ? 'sender_error' : 'receiver_error', () => resolve());
  });
}

/** The error the hub refused a link with. */
function refusal(link: Sender | Receiver, what: string, timeoutMs = 8000): Promise<AmqpError> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the hub did not refuse the link: ${what}`)), timeoutMs);
    link.once(link.is_sender() ? 'sender_error' : 'receiver_error', () => {
      clearTimeout(timer);
      resolve((link.error ?? {}) as AmqpError);
    });
  });
}

function conditionOf(link: Sender | Receiver): string | undefined {
  return (link.error as AmqpError | undefined)?.condition;
}

describe('local hub: limits on what a peer can make it hold', () => {
  let res = new Resources();
  const opened: Array<Socket | Connection> = [];
  let connectionsBefore = 0;
  beforeEach(() => {
    connectionsBefore = localHubConnectionCount();
  });
  // Every test leaves no connection behind, so the process-wide connection count is steady for the next.
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      if ('destroy' in o) o.destroy();
      else if (!o.is_closed()) o.close();
    }
    await res.cleanup();
    res = new Resources();
    await until(() => localHubConnectionCount() <= connectionsBefore, 'every connection of the test to close');
  });

  it('the frame scanner cuts units across any chunking and refuses an oversize frame from its size field alone', () => {
    const frame = Buffer.concat([Buffer.from([0, 0, 0, 12, 2, 0, 0, 0]), Buffer.from('abcd')]);
    const stream = Buffer.concat([AMQP_HEADER, frame, EMPTY_FRAME, frame]);
    const scanner = new FrameScanner(64);
    const units = [...stream].flatMap((byte) => scanner.push(Buffer.from([byte])));
    assert.deepEqual(
      units.map((u) => u.length),
      [8, 12, 8, 12],
    );
    assert.deepEqual(Buffer.concat(units), stream);
    assert.equal(scanner.bufferedBytes, 0);

    const strict = new FrameScanner(1024);
    assert.deepEqual(strict.push(Buffer.concat([AMQP_HEADER, Buffer.from([0xff, 0xff])])).length, 1);
    assert.equal(strict.push(Buffer.from([0xff, 0xff, 2, 0, 0, 0])).length, 0);
    assert.match(String(strict.error?.message), /declared a frame of 4294967295 bytes; the limit is 1024/);
    assert.equal(strict.bufferedBytes, 0);
    const http = new FrameScanner(1024);
    http.push(Buffer.from('GET / HTTP/1.1\r\n'));
    assert.match(String(http.error?.message), /protocol header/);
  });

  it('closes a raw peer that declares a 4 GB frame before holding any of it', async () => {
    const hub = await res.hub({ hubs: [{ name: 'limits', partitionCount: 1 }], keyName: KEY_NAME, key: KEY });
    const socket = await rawPeer(hub, Buffer.concat([AMQP_HEADER, Buffer.from([0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0])]));
    opened.push(socket);
    flood(socket, Buffer.alloc(64 * 1024, 0x61));
    await closedByHub(socket, 'a 4 GB frame was declared');
    const diagnostics = hub.diagnostics();
    assert.ok(diagnostics.peakBufferedInputBytes <= 8, `held ${diagnostics.peakBufferedInputBytes} bytes`);
    assert.equal(diagnostics.bufferedInputBytes, 0);
    assert.equal(diagnostics.closedForLimits, 1);
    tried({
      area: AREA,
      fault: 'Local hub: an unauthenticated raw TCP peer declares a 4 GB frame and keeps sending',
      times: 1,
      outcome: 'closed from the 4-byte size field; at most 8 bytes ever buffered',
    });
  });

  it('advertises max-frame-size and closes an open connection with amqp:connection:framing-error for a larger frame', async () => {
    const hub = await res.hub({
      hubs: [{ name: 'limits', partitionCount: 1 }],
      keyName: KEY_NAME,
      key: KEY,
      limits: { maxFrameSize: 4096 },
    });
    const conn = await openAmqp(hub);
    opened.push(conn);
    assert.equal(conn.max_frame_size, 4096);
    const closed = connectionClosedWith(conn, 'a 5,000-byte frame was declared');
    (conn as unknown as { socket: Socket }).socket.write(Buffer.from([0, 0, 0x13, 0x88, 2, 0, 0, 0]));
    const error = await closed;
    assert.equal(error.condition, 'amqp:connection:framing-error');
    assert.match(String(error.description), /5000 bytes; the limit is 4096/);
    assert.ok(hub.diagnostics().peakBufferedInputBytes <= 8, `held ${hub.diagnostics().peakBufferedInputBytes} bytes`);
    tried({
      area: AREA,
      fault: 'Local hub: a frame larger than the advertised max_frame_size (64 KiB) on an open connection',
      times: 1,
      outcome: 'closed with amqp:connection:framing-error',
    });
  });

  it('cuts off an unauthenticated peer after its byte budget; an authenticated client is not bound by it', async () => {
    const hub = await res.hub({
      hubs: [{ name: 'limits', partitionCount: 1 }],
      keyName: KEY_NAME,
      key: KEY,
      limits: { preAuthBytes: 16 * 1024 },
    });
    // Many small frames: read and counted until the budget is spent.
    const chatty = await rawPeer(hub, AMQP_HEADER);
    opened.push(chatty);
    flood(chatty, Buffer.concat(Array.from({ length: 512 }, () => EMPTY_FRAME)));
    await closedByHub(chatty, 'empty frames beyond the pre-authentication budget');
    // One frame within the frame size but beyond what is left of the budget: refused from its header.
    const big = await rawPeer(hub, Buffer.concat([AMQP_HEADER, Buffer.from([0, 0, 0x50, 0, 2, 0, 0, 0])]));
    opened.push(big);
    await closedByHub(big, 'a 20 KB frame before authenticating');
    assert.equal(hub.diagnostics().closedForLimits, 2);
    assert.ok(hub.diagnostics().peakBufferedInputBytes <= 8, `held ${hub.diagnostics().peakBufferedInputBytes} bytes`);

    // The real client authenticates well within the budget, then sends far more than it.
    const producer = res.producer(hub.connectionStringFor('limits'), NO_RETRY);
    const body = 'x'.repeat(40 * 1024);
    for (let i = 0; i < 4; i++) await producer.sendBatch([{ body }]);
    assert.equal(hub.namespace.hub('limits')?.partition('0')?.size, 4);
    assert.equal(hub.diagnostics().closedForLimits, 2);
    tried({
      area: AREA,
      fault: 'Local hub: an unauthenticated peer sends more than its pre-authentication byte budget (64 KiB)',
      times: 1,
      outcome: 'cut off; the real client authenticates within 16 KiB and is not bound by it',
    });
  });

  it('closes a connection that stays silent past the idle time-out it advertised (amqp:resource-limit-exceeded)', async () => {
    const hub = await res.hub({
      hubs: [{ name: 'limits', partitionCount: 1 }],
      keyName: KEY_NAME,
      key: KEY,
      limits: { idleTimeoutMs: 1000 },
    });
    const conn = await openAmqp(hub);
    opened.push(conn);
    assert.equal(conn.idle_time_out, 1000);
    assert.equal(await putToken(conn, `sb://${hub.host}:${hub.port}/limits`, KEY_NAME, KEY), 202);
    // Stop the client's heartbeats (rhea sends them at half the advertised time-out).
    const internals = conn as unknown as { remote: { open: { idle_time_out?: number } }; heartbeat_out?: NodeJS.Timeout };
    const closed = connectionClosedWith(conn, 'the client went silent');
    internals.remote.open.idle_time_out = 0;
    clearTimeout(internals.heartbeat_out);
    const error = await closed;
    assert.equal(error.condition, 'amqp:resource-limit-exceeded');
    assert.match(String(error.description), /idle for more than 1000 ms/);
    // A raw peer that never sends a byte is closed too.
    const silent = await rawPeer(hub);
    opened.push(silent);
    await closedByHub(silent, 'a silent socket');
    tried({
      area: AREA,
      fault: 'Local hub: a connection stays silent past its advertised idle time-out',
      times: 1,
      outcome: 'closed with amqp:resource-limit-exceeded',
    });
  });

  it('closes a connection that does not authenticate in time with amqp:unauthorized-access', async () => {
    const hub = await res.hub({
      hubs: [{ name: 'limits', partitionCount: 1 }],
      keyName: KEY_NAME,
      key: KEY,
      limits: { authTimeoutMs: 1000 },
    });
    const conn = connect({ host: hub.host, port: hub.port, reconnect: false });
    opened.push(conn);
    conn.on('disconnected', () => undefined);
    const error = await connectionClosedWith(conn, 'no token was put');
    assert.equal(error.condition, 'amqp:unauthorized-access');
    assert.match(String(error.description), /No token was put on \$cbs within 1000 ms/);
    tried({
      area: AREA,
      fault: 'Local hub: a connection never puts a token on $cbs',
      times: 1,
      outcome: 'closed at the authentication deadline with amqp:unauthorized-access',
    });
  });

  it('refuses connections beyond the per-hub cap and beyond the process-wide cap', async () => {
    const hub = await res.hub({
      hubs: [{ name: 'limits', partitionCount: 1 }],
      keyName: KEY_NAME,
      key: KEY,
      limits: { maxConnections: 2 },
    });
    const first = await rawPeer(hub, AMQP_HEADER);
    const second = await rawPeer(hub, AMQP_HEADER);
    opened.push(first, second);
    await until(() => hub.diagnostics().connections === 2, 'two connections');
    const third = await rawPeer(hub, AMQP_HEADER);
    opened.push(third);
    await closedByHub(third, 'a third connection to a hub capped at 2');
    assert.equal(hub.diagnostics().refusedConnections, 1);
    assert.ok(!first.destroyed && !second.destroyed, 'the first two stay open');

    const other = await res.hub({
      hubs: [{ name: 'other', partitionCount: 1 }],
      keyName: KEY_NAME,
      key: KEY,
      limits: { maxTotalConnections: localHubConnectionCount() + 1 },
    });
    const inside = await rawPeer(other, AMQP_HEADER);
    opened.push(inside);
    await until(() => other.diagnostics().connections === 1, 'one connection to the other hub');
    const beyond = await rawPeer(other, AMQP_HEADER);
    opened.push(beyond);
    await closedByHub(beyond, 'a connection beyond the process-wide cap');
    assert.equal(other.diagnostics().refusedConnections, 1);
    first.destroy();
    await until(() => hub.diagnostics().connections === 1, 'the first connection to be forgotten');
    const again = await rawPeer(other, AMQP_HEADER);
    opened.push(again);
    await until(() => other.diagnostics().connections === 2, 'a freed slot to be reused');
    tried({
      area: AREA,
      fault: 'Local hub: connections beyond the per-hub and the process-wide cap',
      times: 1,
      outcome: 'refused on accept',
    });
  });

  it('caps links per connection (a handful before authentication), and $management needs a token first', async () => {
    const hub = await res.hub({
      hubs: [{ name: 'limits', partitionCount: 4 }],
      keyName: KEY_NAME,
      key: KEY,
      limits: { maxLinksPerConnection: 5 },
    });
    const anonymous = await openAmqp(hub);
    opened.push(anonymous);
    const management = await refusal(anonymous.open_sender({ target: { address: '$management' } }), '$management without a token');
    assert.equal(management.condition, 'amqp:unauthorized-access');

    // Before authentication only a few $cbs links. The hub answers attaches in order, so once the last
    // one is refused every earlier answer has arrived.
    const unauthenticated = await openAmqp(hub);
    opened.push(unauthenticated);
    const cbsLinks: Receiver[] = [];
    for (let i = 0; i < 4; i++) {
      cbsLinks.push(unauthenticated.open_receiver({ source: { address: '$cbs' }, name: `cbs-${i}` }));
      await attached(cbsLinks[i]);
    }
    const fifth = await refusal(
      unauthenticated.open_receiver({ source: { address: '$cbs' }, name: 'cbs-4' }),
      'a fifth link before authenticating',
    );
    assert.equal(fifth.condition, 'amqp:resource-limit-exceeded');
    assert.match(String(fifth.description), /at most 4 links before a token is accepted/);
    assert.deepEqual(cbsLinks.map(conditionOf), [undefined, undefined, undefined, undefined]);

    // After authentication ($cbs sender and receiver: 2 links), up to maxLinksPerConnection.
    const conn = await openAmqp(hub);
    opened.push(conn);
    assert.equal(await putToken(conn, `sb://${hub.host}:${hub.port}/limits`, KEY_NAME, KEY), 202);
    const accepted: Array<Sender | Receiver> = [conn.open_sender({ target: { address: '$management' } })];
    await attached(accepted[0]);
    for (const p of ['0', '1']) {
      accepted.push(conn.open_receiver({ source: { address: `limits/ConsumerGroups/$Default/Partitions/${p}` }, credit_window: 0 }));
      await attached(accepted[accepted.length - 1]);
    }
    const sixth = await refusal(
      conn.open_receiver({ source: { address: 'limits/ConsumerGroups/$Default/Partitions/2' }, credit_window: 0 }),
      'a sixth link',
    );
    assert.equal(sixth.condition, 'amqp:resource-limit-exceeded');
    assert.match(String(sixth.description), /at most 5 links/);
    assert.deepEqual(accepted.map(conditionOf), [undefined, undefined, undefined]);
    tried({
      area: AREA,
      fault: 'Local hub: links beyond the per-connection cap, and $management without a token',
      times: 1,
      outcome: 'refused',
    });
  });

  it('closes a connection that begins more sessions than it may hold links', async () => {
    const hub = await res.hub({ hubs: [{ name: 'limits', partitionCount: 1 }], keyName: KEY_NAME, key: KEY });
    const conn = await openAmqp(hub);
    opened.push(conn);
    const closed = connectionClosedWith(conn, 'too many sessions before authenticating');
    for (let i = 0; i < 6; i++) conn.create_session().begin();
    const error = await closed;
    assert.equal(error.condition, 'amqp:resource-limit-exceeded');
    assert.match(String(error.description), /more than 4 sessions before a token was accepted/);
    tried({ area: AREA, fault: 'Local hub: more sessions than the connection may hold links', times: 1, outcome: 'connection closed' });
  });

  it('rejects an oversize publish from the real producer with MessageTooLargeError, without assembling it', async () => {
    const hub = await res.hub({ hubs: [{ name: 'limits', partitionCount: 1 }], keyName: KEY_NAME, key: KEY });
    const producer = res.producer(hub.connectionStringFor('limits'), NO_RETRY);
    const partition = hub.namespace.hub('limits')?.partition('0');
    let error: { code?: string; message?: string } | undefined;
    try {
      await producer.sendBatch([{ body: Buffer.alloc(3 * 1024 * 1024, 0x61) }]);
    } catch (e) {
      error = e as { code?: string; message?: string };
    }
    assert.equal(error?.code, 'MessageTooLargeError', `got ${error?.code}: ${error?.message}`);
    assert.match(String(error?.message), /exceeds the limit \(1048576 bytes\)/);
    assert.equal(partition?.size, 0);
    const diagnostics = hub.diagnostics();
    assert.ok(diagnostics.peakDeliveryBytes <= 1024 * 1024, `held ${diagnostics.peakDeliveryBytes} bytes of one message`);
    assert.ok(diagnostics.peakBufferedInputBytes <= 64 * 1024, `held ${diagnostics.peakBufferedInputBytes} bytes of one frame`);

    // The same link still works, and a message just under the limit (many frames) arrives whole.
    const nearLimit = Buffer.alloc(1000 * 1024, 0x62);
    await producer.sendBatch([{ body: nearLimit }]);
    assert.equal(partition?.size, 1);
    assert.ok(
      hub.diagnostics().peakDeliveryBytes > 1000 * 1024,
      `counted ${hub.diagnostics().peakDeliveryBytes} bytes of the near-limit message`,
    );
    const consumer = res.consumer(hub.connectionStringFor('limits'), '$Default', NO_RETRY);
    const collector = collect(consumer, '0', earliestEventPosition, 10);
    const [event] = await collector.waitFor(1);
    await collector.close();
    assert.deepEqual(Buffer.from(event.body as Uint8Array), nearLimit);
    tried({
      area: AREA,
      fault: 'Local hub: a 3 MB publish from the real EventHubProducerClient',
      times: 1,
      outcome: 'MessageTooLargeError while its frames arrived; never assembled whole',
    });
  });

  it('bounds each partition by bytes as well as by count, evicting the oldest', async () => {
    const store = new PartitionStore('h', '0', 1000, 1000);
    for (let i = 0; i < 10; i++) store.append(() => Buffer.alloc(300, i));
    assert.equal(store.size, 3);
    assert.equal(store.bytes, 900);
    assert.equal(store.beginSequenceNumber, 7);
    store.append(() => Buffer.alloc(5000));
    assert.equal(store.size, 1, 'an event over the cap on its own is kept alone');
    assert.equal(store.beginSequenceNumber, 10);

    const hub = await res.hub({
      hubs: [{ name: 'limits', partitionCount: 1 }],
      keyName: KEY_NAME,
      key: KEY,
      maxBytesPerPartition: 64 * 1024,
    });
    hub.append(
      'limits',
      Array.from({ length: 100 }, () => ({ body: 'y'.repeat(4000) })),
    );
    const partition = hub.namespace.hub('limits')?.partition('0');
    assert.ok(
      partition && partition.bytes <= 64 * 1024 && partition.size < 20,
      `kept ${partition?.size} events, ${partition?.bytes} bytes`,
    );
    assert.equal(partition?.lastSequenceNumber, 99);
    tried({
      area: AREA,
      fault: 'Local hub: a partition filled past its byte cap',
      times: 1,
      outcome: 'oldest events evicted by bytes as well as by count',
    });
  });
});
