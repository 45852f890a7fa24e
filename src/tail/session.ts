import type {
  EventHubConsumerClient,
  EventPosition,
  PartitionProperties,
  ReceivedEventData,
  RetryOptions,
  Subscription,
} from '@azure/event-hubs';
import { createConsumerClient } from '../hubs/clientFactory';
import {
  describeProblem,
  isPermanent,
  isReaderLimit,
  sharedConsumerGroupText,
  type ConnectionProblem,
  type ProblemContext,
} from '../hubs/errors';
import type { HubTarget } from '../hubs/hubTarget';
import { sortPartitionIds, validDate } from '../hubs/properties';
import { sessionPipeline, TailSessionCore } from './tailSessionCore';
import type { StartPosition, TailNotice, TailSession, TailSessionOptions } from './types';

export const DEFAULT_MAX_BATCH_SIZE = 300;
const DEFAULT_FAIL_AFTER_MS = 60_000;
const DEFAULT_EMIT_INTERVAL_MS = 100;
const DEFAULT_REFRESH_INTERVAL_MS = 30_000;
const WATCHDOG_MS = 1000;
/** A partition that delivers neither events nor an empty batch for this long is resubscribed. */
const STALL_MIN_MS = 10_000;
const EARLIEST: EventPosition = { offset: '-1' };

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

/** What one reading of the hub's properties says. */
interface HubReading {
  readonly partitionIds: readonly string[];
  /** ms since the epoch; undefined when the service does not say. */
  readonly createdOn?: number;
  readonly partitions: ReadonlyMap<string, PartitionProperties>;
}

class LiveTailSession extends TailSessionCore implements TailSession {
  readonly label: string;
  readonly hubName: string;
  readonly start: StartPosition;
  readonly bufferSize: number;
  private client: EventHubConsumerClient | undefined;
  /** One subscription per partition, so that each can be stopped, restarted or added on its own. */
  private readonly subscriptions = new Map<string, Subscription>();
  /** Bumped when every subscription is replaced (a recreated hub): events of older ones are ignored. */
  private generation = 0;
  /** The position each partition starts from when nothing has been received from it yet. */
  private initialPositions: Record<string, EventPosition> = {};
  /** Where "latest" was pinned per partition (the sequence number the tail starts after). */
  private readonly pinned = new Map<string, number>();
  private partitionIds: readonly string[] = [];
  /** When the hub was created, as first read (a different value later means it was recreated). */
  private createdOn: number | undefined;
  /** Whether the hub's properties were read once (the first reading has nothing to compare with). */
  private readOnce = false;
  /** Set when a reading found the hub recreated: the next connect starts every partition from its earliest event. */
  private recreatedBecause: string | undefined;
  /** Partitions Event Hubs will not let this tail read (reader limits of the consumer group), and why. */
  private readonly blocked = new Map<string, ConnectionProblem>();
  private readonly initialized = new Set<string>();
  /** Partitions (or "" for the connection itself) whose last receive failed. */
  private readonly failing = new Set<string>();
  private failingSince = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private refreshChain: Promise<void> = Promise.resolve();
  private refreshQueued = false;
  private stopping: Promise<void> | undefined;
  private readonly maxBatchSize: number;
  private readonly maxWaitTimeInSeconds: number;
  private readonly failAfterMs: number;
  private readonly refreshIntervalMs: number;
  private readonly lastActivity = new Map<string, number>();
  private resubscribing = false;

  /** Settles once the connections of a failed session are closed (a reconnect waits for it). */
  private failedShutdown: Promise<void> | undefined;

  constructor(
    private target: HubTarget,
    private readonly options: TailSessionOptions,
  ) {
    super(sessionPipeline(options), options.emitIntervalMs ?? DEFAULT_EMIT_INTERVAL_MS, options.maxEmit);
    this.label = target.label;
    this.hubName = target.hubName;
    this.start = options.start ?? { kind: 'latest' };
    this.bufferSize = this.pipeline.buffer.capacity;
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    this.maxWaitTimeInSeconds = options.maxWaitTimeInSeconds ?? 1;
    this.failAfterMs = options.failAfterMs ?? DEFAULT_FAIL_AFTER_MS;
    this.refreshIntervalMs = options.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS;
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
    this.blocked.clear(); // Retry tries every partition again
    this.restartState();
    this.begin();
  }

  // ---- connecting ----------------------------------------------------------------------------

  begin(): void {
    this.watchdog = setInterval(() => this.tick(), WATCHDOG_MS);
    this.watchdog.unref?.();
    this.refreshTimer = setInterval(() => this.periodicRefresh(), this.refreshIntervalMs);
    this.refreshTimer.unref?.();
    void this.connect();
  }

  /** The one wording of a failure (src/hubs/errors.ts), as the connection check words it too. */
  private problem(error: unknown, phase: ProblemContext['phase']): ConnectionProblem {
    return describeProblem(error, this.target, phase);
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
        // Read on every connect (a reconnect too): the hub may have new partitions, or be a new hub of the same name.
        const reading = await readHub(client);
        if (this.closed || this.client !== client) return;
        this.adopt(reading);
        this.subscribeAll();
        return;
      } catch (error) {
        if (this.closed) return;
        const problem = this.problem(error, 'hub');
        if (isPermanent(problem.code)) {
          this.fail(problem.message);
          return;
        }
        if (Date.now() - firstTry > this.failAfterMs) {
          this.fail(`No connection for ${Math.round((Date.now() - firstTry) / 1000)} s; last error: ${problem.message}`);
          return;
        }
        this.noteFailure('', problem.message);
        const client = this.client;
        this.client = undefined;
        await client?.close().catch(() => undefined);
        await delay(1000);
        if (this.closed) return;
      }
    }
  }

  /**
   * Takes a reading of the hub: a recreated hub restarts every partition from its earliest event, new
   * partitions start from their beginning (they are new), the others keep where they were. Says so once.
   */
  private adopt(reading: HubReading): void {
    const first = !this.readOnce;
    this.readOnce = true;
    const recreated = first ? undefined : (this.recreatedBecause ?? this.recreation(reading));
    this.recreatedBecause = undefined;
    const added = first ? [] : reading.partitionIds.filter((id) => !this.partitionIds.includes(id));
    if (recreated !== undefined) {
      this.pipeline.forgetPositions();
      this.pinned.clear();
      this.blocked.clear();
      this.initialPositions = Object.fromEntries(reading.partitionIds.map((id) => [id, EARLIEST]));
      this.notify(
        'hubRecreated',
        'warning',
        `Event hub "${this.hubName}" was recreated (${recreated}): its sequence numbers started again, so every partition restarts from its earliest event.`,
      );
    } else {
      for (const id of reading.partitionIds) {
        if (this.initialPositions[id] !== undefined) continue; // a reconnect resumes where the tail was pinned
        const properties = reading.partitions.get(id);
        this.initialPositions[id] = added.includes(id) || !properties ? EARLIEST : this.startPosition(id, properties);
      }
      if (added.length > 0) {
        const which = added.length === 1 ? `Partition ${added[0]} is new` : `Partitions ${added.join(', ')} are new`;
        this.notify(
          'partitionsAdded',
          'info',
          `${which} (event hub "${this.hubName}" now has ${reading.partitionIds.length} partitions): tailing ${added.length === 1 ? 'it' : 'them'} from the beginning.`,
          added,
        );
      }
    }
    this.partitionIds = reading.partitionIds;
    this.createdOn = reading.createdOn ?? this.createdOn;
    if (first && this.target.consumerGroup.toLowerCase() === '$default') {
      this.notify('sharedConsumerGroup', 'info', sharedConsumerGroupText(this.hubName, this.target.consumerGroup));
    }
  }

  /**
   * Where a partition starts. "latest" is pinned to the sequence number the partition has right now, so
   * that a receiver the SDK restarts later does not skip what arrived in between.
   */
  private startPosition(id: string, p: PartitionProperties): EventPosition {
    return this.positionOf(this.start, id, p);
  }

  /** A partition's position under `start` (a partition a per-partition start does not list: its `others`, or latest). */
  private positionOf(start: StartPosition, id: string, p: PartitionProperties): EventPosition {
    if (start.kind === 'earliest') return EARLIEST;
    if (start.kind === 'time') return { enqueuedOn: start.enqueuedAfter };
    if (start.kind === 'sequence') {
      if (start.sequenceNumbers[id] !== undefined) return { sequenceNumber: start.sequenceNumbers[id], isInclusive: true };
      if (start.others) return this.positionOf(start.others, id, p);
    }
    if (start.kind === 'offset' && start.offsets[id] !== undefined) return { offset: start.offsets[id], isInclusive: true };
    if (p.isEmpty || p.lastEnqueuedSequenceNumber < 0) return EARLIEST;
    this.pinned.set(id, p.lastEnqueuedSequenceNumber);
    return { sequenceNumber: p.lastEnqueuedSequenceNumber, isInclusive: false };
  }

  /** The sequence number the tail has passed in a partition: the last it delivered, or where "latest" was pinned (-1: none). */
  private passed(id: string): number {
    const last = this.pipeline.lastSequenceNumber(id);
    return last >= 0 ? last : (this.pinned.get(id) ?? -1);
  }

  /** Why the hub looks recreated since the last reading, or undefined when it does not. */
  private recreation(reading: HubReading): string | undefined {
    if (this.createdOn !== undefined && reading.createdOn !== undefined && reading.createdOn !== this.createdOn) {
      return `created ${new Date(reading.createdOn).toISOString()}, the one this tail read was created ${new Date(this.createdOn).toISOString()}`;
    }
    for (const id of this.partitionIds) {
      const p = reading.partitions.get(id);
      const passed = this.passed(id);
      if (p && passed >= 0 && p.lastEnqueuedSequenceNumber < passed) {
        return `partition ${id} now ends at sequence number ${p.lastEnqueuedSequenceNumber}, below the ${passed} this tail had reached`;
      }
    }
    return undefined;
  }

  private periodicRefresh(): void {
    if (this.closed || this.refreshQueued || !this.client) return;
    this.refreshQueued = true;
    void this.refresh().finally(() => (this.refreshQueued = false));
  }

  /**
   * Reads the hub's properties again: a recreated hub restarts the tail from the earliest events, new
   * partitions are subscribed. With `failure`, a partition of subscription `generation` was refused its
   * position: unless the hub was recreated (which explains it), the session fails with that message.
   */
  private refresh(failure?: { readonly message: string; readonly generation: number }): Promise<void> {
    this.refreshChain = this.refreshChain.then(() => this.refreshOnce(failure)).catch(() => undefined);
    return this.refreshChain;
  }

  private async refreshOnce(failure?: { readonly message: string; readonly generation: number }): Promise<void> {
    const client = this.client;
    if (this.closed || !client) return; // connecting: connect() reads the hub itself
    if (failure && failure.generation !== this.generation) return; // already restarted since
    let reading: HubReading;
    try {
      reading = await readHub(client);
    } catch {
      // A failed reading changes nothing: receivers report connection problems themselves.
      if (failure) this.fail(failure.message);
      return;
    }
    if (this.closed || client !== this.client) return;
    const recreated = this.recreation(reading);
    if (recreated !== undefined) {
      this.recreatedBecause = recreated;
      await this.restart();
      return;
    }
    if (failure) {
      this.fail(failure.message);
      return;
    }
    const added = reading.partitionIds.filter((id) => !this.partitionIds.includes(id));
    if (added.length > 0) {
      this.adopt(reading);
      for (const id of added) this.subscribePartition(id);
    }
  }

  /** Closes every subscription and the client (its checkpoints belong to the old hub), then connects again. */
  private async restart(): Promise<void> {
    this.generation++;
    await this.closeClient();
    if (!this.closed) void this.connect();
  }

  private subscribeAll(): void {
    for (const id of this.partitionIds) if (!this.subscriptions.has(id) && !this.blocked.has(id)) this.subscribePartition(id);
  }

  /** Subscribes to one partition; one that has delivered events resumes right after the last one. */
  private subscribePartition(id: string): void {
    const client = this.client;
    if (!client || this.closed) return;
    const last = this.pipeline.lastSequenceNumber(id);
    const position = last >= 0 ? { sequenceNumber: last, isInclusive: false } : (this.initialPositions[id] ?? EARLIEST);
    const generation = this.generation;
    this.initialized.delete(id);
    this.lastActivity.set(id, Date.now());
    const subscription = client.subscribe(
      id,
      {
        processInitialize: async () => {
          if (generation !== this.generation) return;
          this.initialized.add(id);
          this.lastActivity.set(id, Date.now());
          this.checkLive();
        },
        processEvents: async (events, context) => {
          if (generation === this.generation) await this.onEvents(events, id, context.updateCheckpoint.bind(context));
        },
        processError: async (error) => {
          if (generation === this.generation) this.onError(error, id, generation);
        },
      },
      {
        startPosition: position,
        maxBatchSize: this.maxBatchSize,
        maxWaitTimeInSeconds: this.maxWaitTimeInSeconds,
        skipParsingBodyAsJson: true,
      },
    );
    this.subscriptions.set(id, subscription);
  }

  /** Live once every partition that may be read has started. */
  private checkLive(): void {
    if (this.stateValue.kind !== 'connecting') return;
    if (this.partitionIds.length > 0 && this.partitionIds.every((id) => this.initialized.has(id) || this.blocked.has(id)))
      this.setState({ kind: 'live' });
  }

  private async onEvents(
    events: ReceivedEventData[],
    partitionId: string,
    checkpoint: (event: ReceivedEventData) => Promise<void>,
  ): Promise<void> {
    if (this.closed) return;
    this.lastActivity.set(partitionId, Date.now());
    this.recovered(partitionId);
    if (events.length === 0) return;
    const added = this.pipeline.ingest(partitionId, events);
    // In-memory checkpoint: if the SDK restarts this partition's pump, it resumes after this event.
    await checkpoint(events[events.length - 1]);
    if (this.pipeline.overflowing) {
      // More arrived than the buffer holds: listeners get it now, or (paused) only what the buffer keeps.
      if (this.pausedValue) this.pipeline.dropOverflow();
      else this.flush();
    } else if (added > 0 || !this.emitScheduled) this.scheduleEmit();
  }

  private onError(error: unknown, partitionId: string, generation: number): void {
    if (this.closed) return;
    const problem = this.problem(error, 'consumerGroup');
    if (isReaderLimit(problem.code)) {
      this.block(partitionId, problem);
      return;
    }
    if (problem.code === 'badArgument' && this.passed(partitionId) >= 0) {
      // A resume position the hub does not have: was the hub recreated meanwhile?
      void this.refresh({ message: problem.message, generation });
      return;
    }
    if (isPermanent(problem.code)) {
      this.fail(problem.message);
      return;
    }
    this.noteFailure(partitionId, problem.message);
  }

  /**
   * Event Hubs refused this partition's reader, or pushed it out, because of the consumer group's other
   * readers: retrying would only compete with them. The partition stops; the others keep tailing.
   */
  private block(partitionId: string, problem: ConnectionProblem): void {
    if (this.blocked.has(partitionId)) return;
    const sameBefore = [...this.blocked.entries()].find(([, p]) => p.code === problem.code);
    this.blocked.set(partitionId, problem);
    this.failing.delete(partitionId);
    const subscription = this.subscriptions.get(partitionId);
    this.subscriptions.delete(partitionId);
    void subscription?.close().catch(() => undefined);
    if (this.partitionIds.every((id) => this.blocked.has(id))) {
      this.fail(`No partition of "${this.hubName}" can be read. ${problem.message}`);
      return;
    }
    const message = sameBefore
      ? `Partition ${partitionId} is not tailed either, for the same reason as partition ${sameBefore[0]}.`
      : `Partition ${partitionId} is not tailed: ${problem.message} The other partitions keep tailing.`;
    this.notify('readerLimit', 'warning', message, [partitionId]);
    this.checkLive();
    this.settle();
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
    this.settle();
  }

  /** Back to live once nothing fails; after an outage the hub is read again (it may have changed meanwhile). */
  private settle(): void {
    if (this.failing.size > 0 || this.stateValue.kind === 'live' || this.stateValue.kind === 'connecting') return;
    const wasReconnecting = this.stateValue.kind === 'reconnecting';
    this.setState({ kind: 'live' });
    if (wasReconnecting) void this.refresh();
  }

  private tick(): void {
    if (this.closed) return;
    const state = this.stateValue;
    if (state.kind === 'reconnecting' && Date.now() - state.since > this.failAfterMs) {
      this.fail(`No connection for ${Math.round((Date.now() - state.since) / 1000)} s; last error: ${state.lastError}`);
      return;
    }
    if (this.client && !this.resubscribing) {
      const now = Date.now();
      const stallMs = Math.max(STALL_MIN_MS, this.maxWaitTimeInSeconds * 5000);
      const stopped: string[] = [];
      const stalled: string[] = [];
      for (const [id, subscription] of this.subscriptions) {
        // The SDK keeps a subscription running through errors; should it stop on its own, subscribe again.
        if (!subscription.isRunning) stopped.push(id);
        // The SDK can leave a partition's receiver stuck after repeated disconnects: resubscribe that one.
        else if (now - (this.lastActivity.get(id) ?? now) > stallMs) stalled.push(id);
      }
      if (stopped.length > 0 || stalled.length > 0) void this.resubscribe(stopped, stalled, stallMs);
    }
    this.statsEmitter.fire(this.pipeline.stats()); // rates decay even when nothing arrives
  }

  /** Subscribes these partitions again, each from right after the last event it delivered. */
  private async resubscribe(stopped: readonly string[], stalled: readonly string[], stallMs: number): Promise<void> {
    this.resubscribing = true;
    for (const id of stalled) this.noteFailure(id, `No data from partition ${id} for ${Math.round(stallMs / 1000)} s; reconnecting it.`);
    const ids = [...stopped, ...stalled];
    const subscriptions = ids.map((id) => this.subscriptions.get(id));
    for (const id of ids) this.subscriptions.delete(id);
    try {
      await Promise.all(subscriptions.map((s) => s?.close().catch(() => undefined)));
      if (!this.closed) for (const id of ids) if (!this.blocked.has(id) && !this.subscriptions.has(id)) this.subscribePartition(id);
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
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
    this.cancelEmit();
    await this.closeClient();
  }

  /** Closes every subscription, then the client. */
  private async closeClient(): Promise<void> {
    const subscriptions = [...this.subscriptions.values()];
    this.subscriptions.clear();
    const client = this.client;
    this.client = undefined;
    await Promise.all(subscriptions.map((s) => s.close().catch(() => undefined)));
    await client?.close().catch(() => undefined);
  }

  // ---- emitting ------------------------------------------------------------------------------

  private notify(kind: TailNotice['kind'], level: TailNotice['level'], message: string, partitionIds?: readonly string[]): void {
    this.pushNotice({ kind, level, message, partitionIds, at: Date.now() });
  }
}

/** The hub's properties and every partition's. */
async function readHub(client: EventHubConsumerClient): Promise<HubReading> {
  const properties = await client.getEventHubProperties();
  const partitionIds = sortPartitionIds(properties.partitionIds);
  const partitions = await Promise.all(partitionIds.map((id) => client.getPartitionProperties(id)));
  return {
    partitionIds,
    createdOn: validDate(properties.createdOn)?.getTime(),
    partitions: new Map(partitions.map((p) => [p.partitionId, p])),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
