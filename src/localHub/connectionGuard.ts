import type { Socket } from 'node:net';
import type { Connection } from 'rhea';
import { stateOf } from './connectionState';
import { CONDITION } from './errors';
import { FramingError, FrameScanner } from './frameScanner';
import { PRE_AUTH_LINKS } from './limits';
import type { LocalHubLimits } from './limits';
import { limitIncomingTransfers } from './transferLimit';
import type { TransferHookTarget } from './transferLimit';

/** How long a peer gets to answer our close frame before its socket is cut. */
const CLOSE_GRACE_MS = 1000;

/** Counters a hub keeps across its connections (see `LocalHubServer.diagnostics()`). */
export interface GuardStats {
  peakBufferedInputBytes: number;
  peakDeliveryBytes: number;
  closedForLimits: number;
}

/** The rhea connection internals the guard uses (not in rhea's typings). */
type RheaConnection = Connection &
  TransferHookTarget & {
    accept(socket: Socket): void;
    local_channel_map: Record<number, unknown>;
    on_begin(frame: unknown): void;
  };

class LimitExceeded extends Error {
  constructor(
    readonly condition: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Stands between a peer's socket and rhea: rhea only ever sees whole frames, each checked for size before
 * any of it is held; counts what an unauthenticated peer sends; closes idle connections and ones that do
 * not authenticate in time; caps sessions and the size of incoming messages.
 */
export class ConnectionGuard {
  readonly connection: RheaConnection;
  private readonly scanner: FrameScanner;
  private readonly input: (chunk: Buffer) => void;
  private preAuthBytes = 0;
  private closing = false;
  private readonly idleTimer: NodeJS.Timeout;
  private readonly authTimer: NodeJS.Timeout;
  private graceTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket,
    connection: Connection,
    private readonly limits: LocalHubLimits,
    private readonly stats: GuardStats,
  ) {
    this.connection = connection as RheaConnection;
    this.connection.accept(socket);
    // rhea reads the socket itself: take its reader and feed it whole, checked frames instead.
    const readers = socket.listeners('data') as Array<(chunk: Buffer) => void>;
    socket.removeAllListeners('data');
    this.input = (chunk) => {
      for (const read of readers) read.call(socket, chunk);
    };
    this.scanner = new FrameScanner(limits.maxFrameSize, (size) => this.admit(size));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.idleTimer = setTimeout(
      () => this.refuse(CONDITION.resourceLimitExceeded, `The connection was idle for more than ${limits.idleTimeoutMs} ms.`),
      limits.idleTimeoutMs,
    );
    this.authTimer = setTimeout(() => {
      if (!this.authenticated)
        this.refuse(CONDITION.unauthorized, `No token was put on $cbs within ${limits.authTimeoutMs} ms of connecting.`);
    }, limits.authTimeoutMs);
    this.idleTimer.unref();
    this.authTimer.unref();
    this.limitSessions();
    limitIncomingTransfers(this.connection, limits.maxMessageSize, (bytes) => {
      if (bytes > stats.peakDeliveryBytes) stats.peakDeliveryBytes = bytes;
    });
  }

  get authenticated(): boolean {
    return stateOf(this.connection).authenticated;
  }

  /** Bytes of an incomplete frame held for this connection right now. */
  get bufferedBytes(): number {
    return this.scanner.bufferedBytes;
  }

  /** Links (attached or being refused) this connection may hold now. */
  get maxLinks(): number {
    return this.authenticated ? this.limits.maxLinksPerConnection : PRE_AUTH_LINKS;
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.authTimer);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.scanner.release();
  }

  /**
   * Closes the connection for breaking a limit: with a close frame carrying `condition` when the AMQP
   * connection is open (the peer then gets a clear error), else by closing the socket. Nothing the peer
   * sends afterwards is read.
   */
  refuse(condition: string, description: string): void {
    if (this.closing) return;
    this.closing = true;
    this.stats.closedForLimits += 1;
    this.dispose();
    const connection = this.connection;
    // Destroyed with an error, the socket tells rhea the connection is gone (so it clears its own timers).
    const cut = (): void => void this.socket.destroy(new Error(description));
    if (!connection.is_remote_open() || connection.is_closed()) return cut();
    connection.close({ condition, description });
    // rhea writes the close frame on the next tick; end the socket after it.
    setImmediate(() => this.socket.end());
    this.graceTimer = setTimeout(cut, CLOSE_GRACE_MS);
    this.graceTimer.unref();
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return;
    this.idleTimer.refresh();
    const units = this.scanner.push(chunk);
    if (this.scanner.bufferedBytes > this.stats.peakBufferedInputBytes) this.stats.peakBufferedInputBytes = this.scanner.bufferedBytes;
    this.forward(units);
    const error = this.scanner.error;
    if (error && !this.closing) {
      if (error instanceof LimitExceeded) this.refuse(error.condition, error.message);
      else this.refuse(CONDITION.framingError, error instanceof FramingError ? error.message : `Unreadable AMQP framing: ${error.message}`);
    }
  }

  /** Hands whole units to rhea: one by one before authentication (each counted), in contiguous runs after. */
  private forward(units: Buffer[]): void {
    let run: Buffer | undefined;
    for (const unit of units) {
      if (this.closing) return;
      if (!this.authenticated) {
        if (run) {
          this.input(run);
          run = undefined;
          if (this.closing) return;
        }
        this.preAuthBytes += unit.length;
        if (this.preAuthBytes > this.limits.preAuthBytes) return this.refuseBudget();
        this.input(unit);
      } else if (run && run.buffer === unit.buffer && run.byteOffset + run.length === unit.byteOffset) {
        run = Buffer.from(run.buffer, run.byteOffset, run.length + unit.length);
      } else {
        if (run) this.input(run);
        run = unit;
      }
    }
    if (run && !this.closing) this.input(run);
  }

  /** Refuses a declared frame larger than what is left of the pre-authentication budget, before reading it. */
  private admit(size: number): void {
    if (!this.authenticated && this.preAuthBytes + size > this.limits.preAuthBytes) {
      throw new LimitExceeded(CONDITION.resourceLimitExceeded, this.budgetMessage());
    }
  }

  private refuseBudget(): void {
    this.refuse(CONDITION.resourceLimitExceeded, this.budgetMessage());
  }

  private budgetMessage(): string {
    return `The connection sent more than ${this.limits.preAuthBytes} bytes before a token was accepted on $cbs.`;
  }

  /** A `begin` beyond the link cap closes the connection: every link needs a session, so sessions are capped alike. */
  private limitSessions(): void {
    const connection = this.connection;
    const original = connection.on_begin.bind(connection);
    connection.on_begin = (frame: unknown) => {
      if (Object.keys(connection.local_channel_map).length >= this.maxLinks) {
        this.refuse(
          CONDITION.resourceLimitExceeded,
          `The connection opened more than ${this.maxLinks} sessions${this.authenticated ? '' : ' before a token was accepted on $cbs'}.`,
        );
        return;
      }
      original(frame);
    };
  }
}
