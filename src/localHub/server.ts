import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { create_container } from 'rhea';
import type { Connection, Container, EventContext, Receiver, Sender } from 'rhea';
import { entityPath, parseAddress } from './addresses';
import type { LinkAddress } from './addresses';
import { handleCbsRequest } from './cbs';
import { ConnectionGuard } from './connectionGuard';
import type { GuardStats } from './connectionGuard';
import { stateOf } from './connectionState';
import type { HubServerContext } from './context';
import { AmqpRefusal, CONDITION, unauthorized } from './errors';
import { localEventEncoder } from './eventEncoding';
import { NamespaceModel } from './hubModel';
import { countConnection, localHubConnectionCount, resolveLimits } from './limits';
import type { LocalHubLimits } from './limits';
import { handleManagementRequest } from './management';
import { ConsumerLink, resolveConsumeTarget, startFilterOf } from './receiver';
import { registerReplyLink } from './requestResponse';
import { resolvePublishTarget, servePublisher } from './publish';
import { onIncomingMessage } from './transferLimit';
import type { LocalEvent, LocalHub, LocalHubDiagnostics, LocalHubOptions } from './types';

export const DEFAULT_KEY_NAME = 'RootManageSharedAccessKey';
export const DEFAULT_MAX_EVENTS_PER_PARTITION = 100_000;
export const DEFAULT_MAX_BYTES_PER_PARTITION = 128 * 1024 * 1024;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const CONTAINER_ID = 'defender-stream-local-hub';
/** How long stop() waits for clients to close after the close frame before cutting their sockets. */
const GRACEFUL_CLOSE_MS = 500;

/**
 * The embedded Event Hubs-compatible server: one namespace on a loopback port, spoken to over AMQP 1.0
 * by the real `@azure/event-hubs` client (plain TCP with `UseDevelopmentEmulator=true`).
 */
export class LocalHubServer implements LocalHub {
  readonly host: string;
  readonly keyName: string;
  private readonly key: string;
  private currentPort: number;
  private readonly context: HubServerContext;
  private readonly container: Container;
  private server: Server | undefined;
  readonly limits: LocalHubLimits;
  /** Every accepted socket and the guard between it and rhea. */
  private readonly sockets = new Map<Socket, ConnectionGuard>();
  /** Connections whose AMQP open arrived (closed with a close frame on stop). */
  private readonly connections = new Set<Connection>();
  private readonly stats: GuardStats = { peakBufferedInputBytes: 0, peakDeliveryBytes: 0, closedForLimits: 0 };
  private refusedConnections = 0;

  constructor(options: LocalHubOptions) {
    const host = options.host ?? '127.0.0.1';
    if (!LOOPBACK_HOSTS.has(host)) throw new RangeError(`The local hub listens on loopback only ("127.0.0.1" or "::1"), not "${host}".`);
    const port = options.port ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new RangeError(`The port must be a whole number from 0 to 65535, not ${port}.`);
    this.host = host === 'localhost' ? '127.0.0.1' : host;
    this.currentPort = port;
    this.keyName = options.keyName ?? DEFAULT_KEY_NAME;
    this.key = options.key ?? randomBytes(32).toString('base64');
    if (this.keyName === '' || this.key === '') throw new RangeError('The shared access key name and key must not be empty.');
    this.limits = resolveLimits(options.limits);
    const maxBytes = options.maxBytesPerPartition ?? DEFAULT_MAX_BYTES_PER_PARTITION;
    const namespace = new NamespaceModel(options.hubs, options.maxEventsPerPartition ?? DEFAULT_MAX_EVENTS_PER_PARTITION, maxBytes);
    const policies = [{ keyName: this.keyName, key: this.key, rights: ['Listen', 'Send', 'Manage'] as const }, ...(options.policies ?? [])];
    if (policies.some((p) => p.keyName === '' || p.key === ''))
      throw new RangeError('The shared access key name and key must not be empty.');
    this.context = {
      namespace,
      keyName: this.keyName,
      key: this.key,
      policies,
      consumers: new Set(),
      maxMessageSize: this.limits.maxMessageSize,
    };
    this.container = create_container({ id: CONTAINER_ID });
    this.wireEvents();
  }

  get port(): number {
    return this.currentPort;
  }

  get hubNames(): readonly string[] {
    return this.context.namespace.hubNames;
  }

  get connectionString(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `Endpoint=sb://${host}:${this.currentPort};SharedAccessKeyName=${this.keyName};SharedAccessKey=${this.key};UseDevelopmentEmulator=true`;
  }

  connectionStringFor(hub: string): string {
    const model = this.context.namespace.hub(hub);
    if (!model) throw new RangeError(`The local hub has no event hub "${hub}" (it has: ${this.hubNames.join(', ')}).`);
    return `${this.connectionString};EntityPath=${model.name}`;
  }

  /** The namespace model, for tests and diagnostics (partition stores, consumer groups). */
  get namespace(): NamespaceModel {
    return this.context.namespace;
  }

  get isListening(): boolean {
    return this.server !== undefined;
  }

  append(hub: string, events: readonly LocalEvent[], partitionId?: string): void {
    const model = this.context.namespace.hub(hub);
    if (!model) throw new RangeError(`The local hub has no event hub "${hub}" (it has: ${this.hubNames.join(', ')}).`);
    const fixed = partitionId === undefined ? undefined : model.partition(partitionId);
    if (partitionId !== undefined && !fixed) throw new RangeError(`Event hub "${model.name}" has no partition "${partitionId}".`);
    const now = Date.now();
    for (const event of events) {
      const partition = fixed ?? model.pickPartition(event.partitionKey);
      partition.append(localEventEncoder(event), now);
    }
  }

  openReceiverCount(): number {
    return this.context.consumers.size;
  }

  diagnostics(): LocalHubDiagnostics {
    let buffered = 0;
    for (const guard of this.sockets.values()) buffered += guard.bufferedBytes;
    return {
      connections: this.sockets.size,
      bufferedInputBytes: buffered,
      peakBufferedInputBytes: this.stats.peakBufferedInputBytes,
      peakDeliveryBytes: this.stats.peakDeliveryBytes,
      refusedConnections: this.refusedConnections,
      closedForLimits: this.stats.closedForLimits,
    };
  }

  dropAllConnections(): void {
    // With an error, rhea sees the socket fail and reports the connection as disconnected.
    for (const socket of this.sockets.keys()) socket.destroy(new Error('Connection dropped by the local hub.'));
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((socket) => this.accept(socket));
    server.listen({ port: this.currentPort, host: this.host });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      server.once('error', onError);
      server.once('listening', () => {
        server.off('error', onError);
        resolve();
      });
    });
    server.on('error', () => undefined); // errors after listening (e.g. EMFILE) must not crash the host process
    const address = server.address();
    if (address && typeof address === 'object') this.currentPort = address.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of this.connections) {
      try {
        connection.close({ condition: CONDITION.shuttingDown, description: 'The local hub is stopping.' });
      } catch {
        // already closed
      }
    }
    const deadline = Date.now() + GRACEFUL_CLOSE_MS;
    while (this.sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const socket of this.sockets.keys()) socket.destroy(new Error('The local hub stopped.'));
    for (const connection of this.connections) stateOf(connection).closed();
    this.connections.clear();
    await closed;
  }

  /**
   * A new socket: refused at once beyond the connection caps; otherwise handed to rhea behind a guard
   * that enforces the frame, byte, time and session limits.
   */
  private accept(socket: Socket): void {
    socket.on('error', () => undefined);
    if (this.sockets.size >= this.limits.maxConnections || localHubConnectionCount() >= this.limits.maxTotalConnections) {
      this.refusedConnections += 1;
      socket.destroy();
      return;
    }
    const uncount = countConnection();
    coalesceWrites(socket);
    const connection = this.container.create_connection({
      container_id: CONTAINER_ID,
      max_frame_size: this.limits.maxFrameSize,
      channel_max: this.limits.maxLinksPerConnection - 1,
      idle_time_out: this.limits.idleTimeoutMs,
      reconnect: false,
      autoaccept: false,
    } as unknown as Parameters<Container['create_connection']>[0]);
    const guard = new ConnectionGuard(socket, connection, this.limits, this.stats);
    this.sockets.set(socket, guard);
    socket.once('close', () => {
      uncount();
      guard.dispose();
      this.sockets.delete(socket);
      // Whatever ended the socket, forget its connection (closes its consumer links).
      this.forget(connection);
    });
  }

  private wireEvents(): void {
    const c = this.container;
    c.on('connection_open', (ctx: EventContext) => this.connections.add(ctx.connection));
    c.on('connection_close', (ctx: EventContext) => this.forget(ctx.connection));
    c.on('disconnected', (ctx: EventContext) => this.forget(ctx.connection));
    c.on('sender_open', (ctx: EventContext) => this.guard(ctx.sender as Sender, () => this.onSenderOpen(ctx.sender as Sender)));
    c.on('receiver_open', (ctx: EventContext) => this.guard(ctx.receiver as Receiver, () => this.onReceiverOpen(ctx.receiver as Receiver)));
    // Errors raised by clients (link or session detached with an error) are theirs to handle, not ours.
    c.on('error', () => undefined);
    c.on('connection_error', () => undefined);
    c.on('protocol_error', () => undefined);
    c.on('sender_error', () => undefined);
    c.on('receiver_error', () => undefined);
    c.on('session_error', () => undefined);
  }

  private forget(connection: Connection): void {
    stateOf(connection).closed();
    this.connections.delete(connection);
  }

  /** Runs a link-open handler; a refusal closes the link with its AMQP error, as Event Hubs does. */
  private guard(link: Sender | Receiver, handler: () => void): void {
    try {
      handler();
    } catch (error) {
      const refusal =
        error instanceof AmqpRefusal
          ? error
          : new AmqpRefusal(
              CONDITION.internal,
              `Internal error in the local hub: ${error instanceof Error ? error.message : String(error)}`,
              500,
            );
      link.close(refusal.toAmqpError());
    }
  }

  /** The client attached a receiver: a consumer of a partition, or the reply side of $cbs/$management. */
  private onSenderOpen(sender: Sender): void {
    const sourceAddress = (sender.source as { address?: string } | undefined)?.address;
    const address = parseAddress(sourceAddress);
    echoTermini(sender);
    this.limitLinks(sender.connection);
    if (address.kind === 'cbs' || address.kind === 'management') {
      if (address.kind === 'management') this.authorizeManagement(sender.connection);
      registerReplyLink(sender);
      return;
    }
    if (address.kind !== 'consume') throw notConsumable(address);
    this.authorize(sender.connection, address, 'Listen');
    const partition = resolveConsumeTarget(this.context, address);
    new ConsumerLink(sender, partition, startFilterOf(sender), this.context);
  }

  /** The client attached a sender: requests to $cbs/$management, or events to publish. */
  private onReceiverOpen(receiver: Receiver): void {
    const targetAddress = (receiver.target as { address?: string } | undefined)?.address;
    const address = parseAddress(targetAddress);
    echoTermini(receiver);
    const connection = receiver.connection;
    this.limitLinks(connection);
    if (address.kind === 'cbs' || address.kind === 'management') {
      if (address.kind === 'management') this.authorizeManagement(connection);
      const handle = address.kind === 'cbs' ? handleCbsRequest : handleManagementRequest;
      onIncomingMessage(receiver, (ctx: EventContext) => {
        ctx.delivery?.accept();
        if (ctx.message) handle(this.context, connection, ctx.message);
      });
      return;
    }
    if (address.kind !== 'publish') {
      throw new AmqpRefusal(
        CONDITION.notFound,
        `The local hub cannot publish to "${targetAddress ?? ''}": use "<hub>" or "<hub>/Partitions/<id>".`,
        404,
      );
    }
    this.authorize(connection, address, 'Send');
    servePublisher(receiver, resolvePublishTarget(this.context, address), this.context.maxMessageSize);
  }

  /** Refuses a link beyond the connection's cap (a handful before authentication, `maxLinksPerConnection` after). */
  private limitLinks(connection: Connection): void {
    const max = this.sockets.get((connection as unknown as { socket: Socket }).socket)?.maxLinks ?? this.limits.maxLinksPerConnection;
    if (linkCount(connection) > max) {
      const before = stateOf(connection).authenticated ? '' : ' before a token is accepted on $cbs';
      throw new AmqpRefusal(CONDITION.resourceLimitExceeded, `A connection may hold at most ${max} links${before}.`, 403);
    }
  }

  /** `$management` needs a token accepted on `$cbs` first, as in Event Hubs (the client puts one for it). */
  private authorizeManagement(connection: Connection): void {
    if (!stateOf(connection).hasValidGrant()) throw unauthorized('Unauthorized access to $management: put a valid token on $cbs first.');
  }

  private authorize(connection: Connection, address: LinkAddress, right: 'Listen' | 'Send'): void {
    const path = entityPath(address);
    const state = stateOf(connection);
    if (!state.isAuthorized(path)) {
      throw unauthorized(`Unauthorized access to '${path}': put a valid token on $cbs for it first.`);
    }
    if (!state.isAuthorized(path, Date.now(), right)) {
      // Event Hubs' wording for a policy without the right.
      throw unauthorized(`Unauthorized access. '${right}' claim(s) are required to perform this operation. Resource: '${path}'.`);
    }
  }
}

/**
 * rhea writes every frame with its own `socket.write`: thousands of small writes per second. Corking the
 * socket on the first write of a tick and uncorking on the next tick sends them as one `writev`.
 */
function coalesceWrites(socket: Socket): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
  };
  (socket as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  };
}

/** Links rhea holds for a connection right now, the one being attached included. */
function linkCount(connection: Connection): number {
  const sessions = (connection as unknown as { local_channel_map: Record<string, { links?: Record<string, unknown> }> }).local_channel_map;
  let count = 0;
  for (const session of Object.values(sessions)) count += Object.keys(session.links ?? {}).length;
  return count;
}

/** Answers an attach with the client's own source and target addresses, as a broker does. */
function echoTermini(link: Sender | Receiver): void {
  const source = (link.source as { address?: string } | undefined)?.address;
  const target = (link.target as { address?: string } | undefined)?.address;
  if (source !== undefined) link.set_source({ address: source });
  if (target !== undefined) link.set_target({ address: target });
}

function notConsumable(address: LinkAddress): AmqpRefusal {
  const given = address.kind === 'unknown' ? address.address : address.kind === 'publish' ? entityPath(address) : address.kind;
  return new AmqpRefusal(
    CONDITION.notFound,
    `The local hub cannot receive from "${given}": use "<hub>/ConsumerGroups/<group>/Partitions/<id>".`,
    404,
  );
}

/** Starts a local hub listening on loopback (a free port unless `options.port` is given). */
export async function startLocalHub(options: LocalHubOptions): Promise<LocalHubServer> {
  const hub = new LocalHubServer(options);
  await hub.start();
  return hub;
}
