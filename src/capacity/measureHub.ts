import type { EventHubConsumerClient, Subscription } from '@azure/event-hubs';
import { createConsumerClient, loadEventHubs } from '../hubs/clientFactory';
import { describeProblem, isPermanent, isReaderLimit, type ConnectionProblem } from '../hubs/errors';
import type { HubTarget } from '../hubs/hubTarget';
import { CapacityMeter, type CapacityMeasurement } from './capacityMeter';

export interface MeasureProgress {
  /** `connecting` until every partition receives; then `measuring`. */
  readonly phase: 'connecting' | 'measuring';
  readonly elapsedMs: number;
  readonly durationMs: number;
  readonly events: number;
  readonly records: number;
  readonly bytes: number;
}

export interface MeasureHubOptions {
  readonly durationMs: number;
  /** Aborting ends the measurement early: the result holds what was measured so far (`cancelled: true`). */
  readonly signal?: AbortSignal;
  /** Events per receive batch (default 300). */
  readonly maxBatchSize?: number;
  /** How long connecting to every partition may take (default 30 s). */
  readonly connectTimeoutMs?: number;
  readonly onProgress?: (progress: MeasureProgress) => void;
  /** Default 500 ms. */
  readonly progressIntervalMs?: number;
}

export interface MeasureResult extends CapacityMeasurement {
  /** The hub's label and name (no secret). */
  readonly hubLabel: string;
  readonly hubName: string;
  readonly partitionCount: number;
  readonly cancelled: boolean;
  /** When the measurement started (ms since the epoch). */
  readonly startedAt: number;
}

const MEASURE_RETRY = { maxRetries: 3, retryDelayInMs: 300, maxRetryDelayInMs: 3000, timeoutInMs: 10_000 };

/**
 * Tails every partition of a hub from the latest event for `durationMs` (timed from the moment every
 * partition receives) and counts records, events and bytes per table. Closes the subscription and the
 * client before it returns or throws. Pure: no `vscode`.
 */
export async function measureHub(target: HubTarget, options: MeasureHubOptions): Promise<MeasureResult> {
  if (!(options.durationMs > 0)) throw new Error('The measurement needs a positive duration.');
  const { latestEventPosition } = await loadEventHubs();
  const client = await createConsumerClient(target, { retryOptions: MEASURE_RETRY });
  let subscription: Subscription | undefined;
  try {
    const partitionIds = await client.getPartitionIds({ abortSignal: options.signal }).catch((error: unknown) => {
      // A cancelled measurement keeps its AbortError; anything else gets the one wording of its failure.
      throw options.signal?.aborted ? error : new Error(describeProblem(error, target, 'hub').message);
    });
    const run = new MeasurementRun(options, partitionIds.length, (error) => describeProblem(error, target, 'consumerGroup'));
    subscription = client.subscribe(
      {
        processInitialize: async (context) => run.partitionReady(context.partitionId),
        processEvents: async (events) => {
          for (const event of events) run.add(event.body);
        },
        processError: async (error, context) => run.error(error, context.partitionId),
      },
      {
        startPosition: latestEventPosition,
        maxBatchSize: options.maxBatchSize ?? 300,
        maxWaitTimeInSeconds: 1,
        skipParsingBodyAsJson: true,
      },
    );
    const outcome = await run.done;
    return {
      ...outcome.measurement,
      hubLabel: target.label,
      hubName: target.hubName,
      partitionCount: partitionIds.length,
      cancelled: outcome.cancelled,
      startedAt: outcome.startedAt,
    };
  } finally {
    await closeQuietly(subscription, client);
  }
}

async function closeQuietly(subscription: Subscription | undefined, client: EventHubConsumerClient): Promise<void> {
  try {
    await subscription?.close();
  } catch {
    // Closing after a failure can fail too; the client close below still runs.
  }
  try {
    await client.close();
  } catch {
    // Nothing left to do.
  }
}

interface Outcome {
  readonly measurement: CapacityMeasurement;
  readonly cancelled: boolean;
  readonly startedAt: number;
}

/** The state of one measurement: connecting, then counting until the time is up, aborted or failed. */
class MeasurementRun {
  readonly done: Promise<Outcome>;
  private readonly meter = new CapacityMeter();
  private readonly ready = new Set<string>();
  private startedMono = 0;
  private startedAt = 0;
  private finished = false;
  private lastError: unknown;
  private readonly timers: NodeJS.Timeout[] = [];
  private resolve!: (outcome: Outcome) => void;
  private reject!: (error: Error) => void;
  private readonly createdMono = performance.now();

  constructor(
    private readonly options: MeasureHubOptions,
    private readonly partitionCount: number,
    /** The one wording of an Event Hubs failure (src/hubs/errors.ts). */
    private readonly describe: (error: unknown) => ConnectionProblem,
  ) {
    this.done = new Promise<Outcome>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    const signal = options.signal;
    if (signal?.aborted) queueMicrotask(() => this.finish(true));
    signal?.addEventListener('abort', () => this.finish(true), { once: true });
    this.timers.push(
      setTimeout(() => {
        if (this.startedMono === 0)
          this.fail(
            new Error(
              `Could not start reading every partition within ${Math.round((options.connectTimeoutMs ?? 30_000) / 1000)} s${this.lastError ? `: ${this.describe(this.lastError).message}` : '.'}`,
            ),
          );
      }, options.connectTimeoutMs ?? 30_000),
      setInterval(() => this.report(), options.progressIntervalMs ?? 500),
    );
    if (partitionCount === 0) this.fail(new Error('The event hub has no partitions.'));
  }

  partitionReady(partitionId: string): void {
    this.ready.add(partitionId);
    if (this.startedMono !== 0 || this.ready.size < this.partitionCount) return;
    this.startedMono = performance.now();
    this.startedAt = Date.now();
    this.finishAfter(this.options.durationMs);
    this.report();
  }

  /** Node's timers can fire a little early against performance.now(): the window is never cut short. */
  private finishAfter(ms: number): void {
    this.timers.push(
      setTimeout(() => {
        const left = this.options.durationMs - this.elapsedMs();
        if (left > 0) this.finishAfter(left);
        else this.finish(false);
      }, Math.ceil(ms)),
    );
  }

  /** Events that arrive before every partition is ready fall outside the measured window and are ignored. */
  add(body: unknown): void {
    if (this.startedMono !== 0 && !this.finished) this.meter.add(body);
  }

  /** A measurement needs every partition: a failure retrying cannot mend, or a partition it may not read, ends it. */
  error(error: unknown, partitionId: string): void {
    this.lastError = error;
    const problem = this.describe(error);
    if (isReaderLimit(problem.code)) this.fail(new Error(`Partition ${partitionId}: ${problem.message}`));
    else if (isPermanent(problem.code)) this.fail(new Error(problem.message));
  }

  private elapsedMs(): number {
    return this.startedMono === 0 ? 0 : performance.now() - this.startedMono;
  }

  private report(): void {
    if (this.finished) return;
    this.options.onProgress?.({
      phase: this.startedMono === 0 ? 'connecting' : 'measuring',
      elapsedMs: this.startedMono === 0 ? performance.now() - this.createdMono : this.elapsedMs(),
      durationMs: this.options.durationMs,
      events: this.meter.eventCount,
      records: this.meter.recordCount,
      bytes: this.meter.byteCount,
    });
  }

  private finish(cancelled: boolean): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimers();
    const seconds = this.elapsedMs() / 1000;
    this.resolve({ measurement: this.meter.snapshot(seconds), cancelled, startedAt: this.startedAt });
  }

  private fail(error: Error): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimers();
    this.reject(error);
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
  }
}
