import { EventHubConsumerClient, EventHubProducerClient } from '@azure/event-hubs';
import type { EventPosition, PartitionContext, ReceivedEventData, RetryOptions, Subscription } from '@azure/event-hubs';
import { startLocalHub } from '../../../src/localHub/index';
import type { LocalHubServer } from '../../../src/localHub/server';
import type { LocalHubOptions } from '../../../src/localHub/types';

/** Short retries so failures surface in seconds. */
export const FAST_RETRY: RetryOptions = { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1000, timeoutInMs: 5000 };

/** Tracks hubs and clients a test opens so `cleanup()` (in an after hook) closes every one of them. */
export class Resources {
  private readonly closers: Array<() => Promise<unknown>> = [];

  async hub(options: LocalHubOptions): Promise<LocalHubServer> {
    const hub = await startLocalHub(options);
    this.closers.push(() => hub.stop());
    return hub;
  }

  producer(connectionString: string, retryOptions: RetryOptions = FAST_RETRY): EventHubProducerClient {
    const client = new EventHubProducerClient(connectionString, { retryOptions });
    this.closers.push(() => client.close());
    return client;
  }

  consumer(connectionString: string, consumerGroup = '$Default', retryOptions: RetryOptions = FAST_RETRY): EventHubConsumerClient {
    const client = new EventHubConsumerClient(consumerGroup, connectionString, { retryOptions });
    this.closers.push(() => client.close());
    return client;
  }

  async cleanup(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch {
        // best effort: the test already failed or the resource is gone
      }
    }
  }
}

export interface Collector {
  readonly events: ReceivedEventData[];
  readonly errors: Error[];
  /** The same events by partition id, in arrival order. */
  readonly partitions: Map<string, ReceivedEventData[]>;
  /** Resolves once at least `count` events arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedEventData[]>;
  close(): Promise<void>;
}

/** Subscribes (one partition, or all when `partitionId` is undefined) and collects what arrives. */
export function collect(
  consumer: EventHubConsumerClient,
  partitionId: string | undefined,
  startPosition: EventPosition | Record<string, EventPosition>,
  maxBatchSize = 300,
): Collector {
  const events: ReceivedEventData[] = [];
  const errors: Error[] = [];
  const partitions = new Map<string, ReceivedEventData[]>();
  const waiters: Array<() => void> = [];
  const handlers = {
    processEvents: async (batch: ReceivedEventData[], context: PartitionContext) => {
      events.push(...batch);
      if (batch.length > 0) partitions.set(context.partitionId, [...(partitions.get(context.partitionId) ?? []), ...batch]);
      for (const w of waiters.splice(0)) w();
    },
    processError: async (error: Error) => {
      errors.push(error);
    },
  };
  const options = { startPosition, maxBatchSize, maxWaitTimeInSeconds: 0.3 };
  const subscription: Subscription =
    partitionId === undefined ? consumer.subscribe(handlers, options) : consumer.subscribe(partitionId, handlers, options);
  return {
    events,
    errors,
    partitions,
    waitFor: (count, timeoutMs = 15000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => {
          const last = errors.at(-1);
          reject(new Error(`expected ${count} events, got ${events.length}${last ? ` (last error: ${last.message})` : ''}`));
        }, timeoutMs);
        const check = (): void => {
          if (events.length >= count) {
            clearTimeout(deadline);
            resolve(events.slice());
          } else waiters.push(check);
        };
        check();
      }),
    close: () => subscription.close(),
  };
}

/** Waits until `predicate` holds (polling), failing after `timeoutMs`. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Asserts helper: the sequence numbers are contiguous from `first` with no gap and no duplicate. */
export function gaps(sequenceNumbers: readonly number[], first: number): string | undefined {
  for (let i = 0; i < sequenceNumbers.length; i++) {
    if (sequenceNumbers[i] !== first + i) return `expected sequence number ${first + i} at index ${i}, got ${sequenceNumbers[i]}`;
  }
  return undefined;
}
