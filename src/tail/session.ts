import type { EventHubConsumerClient, EventPosition, ReceivedEventData, RetryOptions, Subscription } from '@azure/event-hubs';
import type { RecordFilterSpec } from '../core/filter/recordFilter';
import { createConsumerClient } from '../hubs/clientFactory';
import type { HubTarget } from '../hubs/hubTarget';
import { describeError, fatalCode } from './errors';
import { Emitter } from './emitter';
import { TailPipeline } from './pipeline';
import type { StartPosition, TailDisposable, TailEntry, TailSession, TailSessionOptions, TailState, TailStats } from './types';

export const DEFAULT_MAX_BATCH_SIZE = 300;
const DEFAULT_FAIL_AFTER_MS = 60_000;
const DEFAULT_EMIT_INTERVAL_MS = 100;
const WATCHDOG_MS = 1000;
/** A partition that delivers neither events nor an empty batch for this long is resubscribed. */
const STALL_MIN_MS = 10_000;

/**
 * Short retries: a wrong key or an unknown hub is reported in seconds; a dropped connection is retried by
 * the SDK's receivers and, beyond that, by the session itself until `failAfterMs`.
 */
export const TAIL_RETRY: RetryOptions = { maxRetries: 3, retryDelayInMs: 300, maxRetryDelayInMs: 3000, timeoutInMs: 10_000 };

/** Starts a live tail of every partition of `target` (connecting begins at once). */
export function createTailSession(target: HubTarget, options: TailSessionOptions = {}): TailSession {
  const session = new LiveTailSession(target, options);
  session.begin();
  return session;
}

class LiveTailSession implements TailSession {
  readonly label: string;
  readonly hubName: string;
  readonly start: StartPosition;
  readonly bufferSize: number;
  private readonly pipeline: TailPipeline;
  private readonly entriesEmitter = new Emitter<readonly TailEntry[]>();
  private readonly statsEmitter = new Emitter<TailStats>();
  private readonly stateEmitter = new Emitter<TailState>();
  private stateValue: TailState = { kind: 'connecting' };
  private pausedValue = false;
  private client: EventHubConsumerClient | undefined;
  private subscription: Subscription | undefined;
  /** The position each partition starts from when nothing has been received from it yet. */
  private initialPositions: Record<string, EventPosition> = {};
  private partitionIds: readonly string[] = [];
  private readonly initialized = new Set<string>();
  /** Partitions (or "" for the processor itself) whose last receive failed. */
  private readonly failing = new Set<string>();
  private failingSince = 0;
  private emitTimer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private closed = false;
  private readonly maxBatchSize: number;
  private readonly maxWaitTimeInSeconds: number;
  private readonly emitIntervalMs: number;
  private readonly failAfterMs: number;
  private readonly lastActivity = new Map<string, number>();
  private subscribedAt = 0;
  private resubscribing = false;

  /** Settles once the connections of a failed session are closed (a reconnect waits for it). */
  private failedShutdown: Promise<void> | undefined;

  constructor(
    private target: HubTarget,
    private readonly options: TailSessionOptions,
  ) {
    this.label = target.label;
    this.hubName = target.hubName;
    this.start = options.start ?? { kind: 'latest' };
    this.pipeline = new TailPipeline({ bufferSize: options.bufferSize, filter: options.filter });
    this.bufferSize = this.pipeline.buffer.capacity;
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    this.maxWaitTimeInSeconds = options.maxWaitTimeInSeconds ?? 1;
    this.emitIntervalMs = options.emitIntervalMs ?? DEFAULT_EMIT_INTERVAL_MS;
    this.failAfterMs = options.failAfterMs ?? DEFAULT_FAIL_AFTER_MS;
  }

  get state(): TailState {
    return this.stateValue;
  }
  get paused(): boolean {
    return this.pausedValue;
  }
  get filter(): RecordFilterSpec {
    return this.pipeline.filter;
  }

  onEntries(listener: (entries: readonly TailEntry[]) => void): TailDisposable {
    return this.entriesEmitter.on(listener);
  }
  onStats(listener: (stats: TailStats) => void): TailDisposable {
    return this.statsEmitter.on(listener);
  }
  onState(listener: (state: TailState) => void): TailDisposable {
    return this.stateEmitter.on(listener);
  }

  whenLive(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = (state: TailState): boolean => {
        if (state.kind === 'live') resolve();
        else if (state.kind === 'failed') reject(new Error(state.error));
        else if (state.kind === 'stopped') reject(new Error('The tail was stopped before it was live.'));
        else return false;
        return true;
      };
      if (check(this.stateValue)) return;
      const subscription = this.stateEmitter.on((state) => {
        if (check(state)) subscription.dispose();
      });
    });
  }

  setFilter(spec: RecordFilterSpec): void {
    this.pipeline.setFilter(spec);
  }

  pause(): void {
    this.pausedValue = true;
  }

  resume(): void {
    if (!this.pausedValue) return;
    this.pausedValue = false;
    this.flush();
  }

  clear(): void {
    this.pipeline.clear();
    this.statsEmitter.fire(this.pipeline.stats());
  }

  snapshot(filter?: RecordFilterSpec): TailEntry[] {
    return this.pipeline.snapshot(filter);
  }

  stats(): TailStats {
    return this.pipeline.stats();
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown().then(() => {
      this.flush();
      if (this.stateValue.kind !== 'failed') this.setState({ kind: 'stopped' });
    });
    return this.stopping;
  }

  async reconnect(target?: HubTarget): Promise<void> {
    if (this.stateValue.kind !== 'failed' || this.stopping) throw new Error('Only a tail that failed can reconnect.');
    await this.failedShutdown;
    if (this.stopping) return;
    if (target) this.target = target;
    this.closed = false;
    this.failing.clear();
    this.stateValue = { kind: 'connecting' };
    this.stateEmitter.fire(this.stateValue);
    this.begin();
  }

  // ---- connecting ----------------------------------------------------------------------------

  begin(): void {
    this.watchdog = setInterval(() => this.tick(), WATCHDOG_MS);
    this.watchdog.unref?.();
    void this.connect();
  }

  private async connect(): Promise<void> {
    const firstTry = Date.now();
    for (;;) {
      try {
        const client = await createConsumerClient(this.target, { retryOptions: this.options.retryOptions ?? TAIL_RETRY });
        if (this.closed) {
          await client.close();
          return;
        }
        this.client = client;
        const properties = await client.getEventHubProperties();
        // On a reconnect the start stays where it was pinned: what arrived meanwhile is not skipped.
        const pinned = properties.partitionIds.every((id) => this.initialPositions[id] !== undefined);
        this.partitionIds = properties.partitionIds;
        if (!pinned) this.initialPositions = await this.resolveStart(client, properties.partitionIds);
        if (this.closed) return;
        this.subscribe();
        return;
      } catch (error) {
        if (this.closed) return;
        const message = describeError(error);
        if (fatalCode(error) !== undefined) {
          this.fail(message);
          return;
        }
        if (Date.now() - firstTry > this.failAfterMs) {
          this.fail(`No connection for ${Math.round((Date.now() - firstTry) / 1000)} s; last error: ${message}`);
          return;
        }
        this.noteFailure('', message);
        const client = this.client;
        this.client = undefined;
        await client?.close().catch(() => undefined);
        await delay(1000);
        if (this.closed) return;
      }
    }
  }

  /**
   * "latest" is pinned to the sequence number each partition has right now, so that a receiver the SDK
   * restarts later does not skip what arrived in between.
   */
  private async resolveStart(client: EventHubConsumerClient, partitionIds: readonly string[]): Promise<Record<string, EventPosition>> {
    const start = this.start;
    const positions: Record<string, EventPosition> = {};
    const pinLatest = async (id: string): Promise<void> => {
      const p = await client.getPartitionProperties(id);
      positions[id] = p.isEmpty || p.lastEnqueuedSequenceNumber < 0 ? { offset: '-1' } : { sequenceNumber: p.lastEnqueuedSequenceNumber, isInclusive: false };
    };
    await Promise.all(
      partitionIds.map(async (id) => {
        if (start.kind === 'earliest') positions[id] = { offset: '-1' };
        else if (start.kind === 'time') positions[id] = { enqueuedOn: start.enqueuedAfter };
        else if (start.kind === 'sequence' && start.sequenceNumbers[id] !== undefined) positions[id] = { sequenceNumber: start.sequenceNumbers[id], isInclusive: true };
        else await pinLatest(id);
      }),
    );
    return positions;
  }

  /** Subscribes to every partition; a partition that has delivered events resumes right after the last one. */
  private subscribe(): void {
    const client = this.client;
    if (!client || this.closed) return;
    const positions: Record<string, EventPosition> = {};
    for (const id of this.partitionIds) {
      const last = this.pipeline.lastSequenceNumber(id);
      positions[id] = last >= 0 ? { sequenceNumber: last, isInclusive: false } : this.initialPositions[id];
    }
    this.initialized.clear();
    this.lastActivity.clear();
    this.subscribedAt = Date.now();
    this.subscription = client.subscribe(
      {
        processInitialize: async (context) => {
          this.initialized.add(context.partitionId);
          this.lastActivity.set(context.partitionId, Date.now());
          if (this.stateValue.kind === 'connecting' && this.partitionIds.every((id) => this.initialized.has(id))) this.setState({ kind: 'live' });
        },
        processEvents: async (events, context) => this.onEvents(events, context.partitionId, context.updateCheckpoint.bind(context)),
        processError: async (error, context) => this.onError(error, context.partitionId),
      },
      {
        startPosition: positions,
        maxBatchSize: this.maxBatchSize,
        maxWaitTimeInSeconds: this.maxWaitTimeInSeconds,
        skipParsingBodyAsJson: true,
      },
    );
  }

  private async onEvents(events: ReceivedEventData[], partitionId: string, checkpoint: (event: ReceivedEventData) => Promise<void>): Promise<void> {
    if (this.closed) return;
    this.lastActivity.set(partitionId, Date.now());
    this.recovered(partitionId);
    if (events.length === 0) return;
    const added = this.pipeline.ingest(partitionId, events);
    // In-memory checkpoint: if the SDK restarts this partition's pump, it resumes after this event.
    await checkpoint(events[events.length - 1]);
    if (added > 0 || !this.emitTimer) this.scheduleEmit();
  }

  private onError(error: unknown, partitionId: string): void {
    if (this.closed) return;
    const message = describeError(error);
    if (fatalCode(error) !== undefined) {
      this.fail(message);
      return;
    }
    this.noteFailure(partitionId ?? '', message);
  }

  private noteFailure(key: string, message: string): void {
    const now = Date.now();
    if (this.failing.size === 0) this.failingSince = now;
    this.failing.add(key);
    if (now - this.failingSince > this.failAfterMs) {
      this.fail(`No connection for ${Math.round((now - this.failingSince) / 1000)} s; last error: ${message}`);
      return;
    }
    this.setState({ kind: 'reconnecting', lastError: message, since: this.failingSince });
  }

  private recovered(partitionId: string): void {
    if (this.failing.size > 0) {
      this.failing.delete(partitionId);
      this.failing.delete('');
    }
    if (this.failing.size === 0 && this.stateValue.kind !== 'live') this.setState({ kind: 'live' });
  }

  private tick(): void {
    if (this.closed) return;
    const state = this.stateValue;
    if (state.kind === 'reconnecting' && Date.now() - state.since > this.failAfterMs) {
      this.fail(`No connection for ${Math.round((Date.now() - state.since) / 1000)} s; last error: ${state.lastError}`);
      return;
    }
    // The SDK keeps its subscription running through errors; should it stop on its own, subscribe again.
    if (this.subscription && !this.subscription.isRunning) {
      this.subscription = undefined;
      this.subscribe();
    } else if (this.subscription && !this.resubscribing) {
      // The SDK can leave a partition's receiver stuck after repeated disconnects: resubscribe from the last sequence numbers.
      const now = Date.now();
      const stallMs = Math.max(STALL_MIN_MS, this.maxWaitTimeInSeconds * 5000);
      const stalled = this.partitionIds.filter((id) => now - (this.lastActivity.get(id) ?? this.subscribedAt) > stallMs);
      if (stalled.length > 0) void this.resubscribe(stalled, stallMs);
    }
    this.statsEmitter.fire(this.pipeline.stats()); // rates decay even when nothing arrives
  }

  private async resubscribe(stalled: readonly string[], stallMs: number): Promise<void> {
    this.resubscribing = true;
    for (const id of stalled) this.noteFailure(id, `No data from partition ${id} for ${Math.round(stallMs / 1000)} s; reconnecting it.`);
    const subscription = this.subscription;
    this.subscription = undefined;
    try {
      await subscription?.close().catch(() => undefined);
      if (!this.closed) this.subscribe();
    } finally {
      this.resubscribing = false;
    }
  }

  private fail(error: string): void {
    if (this.closed) return;
    this.setState({ kind: 'failed', error });
    this.failedShutdown = this.shutdown();
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = undefined;
    const subscription = this.subscription;
    const client = this.client;
    this.subscription = undefined;
    this.client = undefined;
    await subscription?.close().catch(() => undefined);
    await client?.close().catch(() => undefined);
  }

  // ---- emitting ------------------------------------------------------------------------------

  private setState(state: TailState): void {
    const previous = this.stateValue;
    if (previous.kind === 'stopped' || (previous.kind === 'failed' && state.kind !== 'failed')) return;
    if (previous.kind === state.kind && previous.kind !== 'reconnecting') return;
    this.stateValue = state;
    this.stateEmitter.fire(state);
  }

  private scheduleEmit(): void {
    if (this.emitTimer || this.closed) return;
    this.emitTimer = setTimeout(() => {
      this.emitTimer = undefined;
      this.flush();
    }, this.emitIntervalMs);
  }

  private flush(): void {
    if (!this.pausedValue && this.pipeline.pendingCount > 0) {
      const entries = this.pipeline.takePending();
      this.entriesEmitter.fire(entries);
    }
    this.statsEmitter.fire(this.pipeline.stats());
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
