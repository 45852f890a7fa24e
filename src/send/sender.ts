import { TooLargeError } from './group';

/** What the sender needs of an `EventDataBatch` (the SDK's; a fake in tests). */
export interface EventBatchLike {
  tryAdd(event: { body: Uint8Array }): boolean;
  readonly count: number;
  readonly maxSizeInBytes: number;
}

/** What the sender needs of an `EventHubProducerClient`. */
export interface ProducerLike {
  createBatch(): Promise<EventBatchLike>;
  sendBatch(batch: EventBatchLike, options?: { abortSignal?: AbortSignal }): Promise<void>;
}

export interface SendPlan {
  /** Event bodies (JSON text), sent in order. */
  readonly bodies: readonly string[];
  /** How many times to send them all (default 1). */
  readonly repeat?: number;
  /** Most events per second; 0 or absent: as fast as the hub takes them. */
  readonly rate?: number;
}

export interface SendProgress {
  readonly sent: number;
  readonly total: number;
  readonly batches: number;
  readonly bytes: number;
}

export interface SendResult extends SendProgress {
  /** Stopped by the signal before every event was sent. */
  readonly cancelled: boolean;
}

export interface SendClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const realClock: SendClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** At a rate, a batch holds at most a tenth of a second's events, so the pace stays even. */
export function eventsPerBatch(rate: number | undefined): number {
  return rate && rate > 0 ? Math.max(1, Math.ceil(rate / 10)) : Number.POSITIVE_INFINITY;
}

/**
 * Sends the bodies as events, batched within the hub's size limit (the batch's `tryAdd`), paced to
 * `rate` events per second (events 0..n are due at start + n/rate), `repeat` times. An event that no
 * batch can hold throws TooLargeError before it is sent; SDK errors (a missing Send right, throttling)
 * go to the caller to classify. The signal stops it between batches.
 */
export async function sendEvents(
  producer: ProducerLike,
  plan: SendPlan,
  options: { signal?: AbortSignal; onProgress?: (progress: SendProgress) => void; clock?: SendClock } = {},
): Promise<SendResult> {
  const clock = options.clock ?? realClock;
  const signal = options.signal;
  const repeat = Math.max(1, Math.floor(plan.repeat ?? 1));
  const encoded = plan.bodies.map((b) => Buffer.from(b, 'utf8'));
  const total = encoded.length * repeat;
  const rate = plan.rate && plan.rate > 0 ? plan.rate : 0;
  const perBatch = eventsPerBatch(rate);
  const start = clock.now();
  let sent = 0;
  let batches = 0;
  let bytes = 0;
  const result = (cancelled: boolean): SendResult => ({ sent, total, batches, bytes, cancelled });
  while (sent < total) {
    if (signal?.aborted) return result(true);
    if (rate > 0) {
      const wait = start + (sent * 1000) / rate - clock.now();
      if (wait > 0) await clock.sleep(wait, signal);
      if (signal?.aborted) return result(true);
    }
    const batch = await producer.createBatch();
    let next = sent;
    let batchBytes = 0;
    while (next < total && next - sent < perBatch) {
      const body = encoded[next % encoded.length];
      if (!batch.tryAdd({ body })) {
        if (batch.count === 0) throw new TooLargeError(`Event ${next + 1}`, body.length, batch.maxSizeInBytes);
        break;
      }
      batchBytes += body.length;
      next++;
    }
    try {
      await producer.sendBatch(batch, signal ? { abortSignal: signal } : undefined);
    } catch (error) {
      if (signal?.aborted) return result(true);
      throw error;
    }
    sent = next;
    batches++;
    bytes += batchBytes;
    options.onProgress?.({ sent, total, batches, bytes });
  }
  return result(false);
}
