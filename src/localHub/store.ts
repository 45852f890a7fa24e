/** One stored event: its position in the partition and the AMQP message exactly as it is delivered. */
export interface StoredEvent {
  readonly sequenceNumber: number;
  /** Byte position in the partition's log (Event Hubs offsets are byte positions too). */
  readonly offset: number;
  /** Epoch milliseconds; never decreases within a partition. */
  readonly enqueuedTime: number;
  /** The encoded AMQP message with its `x-opt-*` annotations, encoded once and sent as is. */
  readonly encoded: Buffer;
}

/** Builds the encoded message once the event's position is known. */
export type EventEncoder = (sequenceNumber: number, offset: number, enqueuedTime: number) => Buffer;

const COMPACT_AT = 4096;

/**
 * The events of one partition, oldest first, bounded: beyond `maxEvents` events or `maxBytes` encoded
 * bytes the oldest are dropped (the newest event is always kept, even when it alone is over `maxBytes`).
 * Sequence numbers are contiguous, so look-up by sequence number is O(1); by offset or time, a binary search.
 */
export class PartitionStore {
  private events: StoredEvent[] = [];
  private head = 0;
  private nextSequence = 0;
  private nextOffset = 0;
  private lastTime = 0;
  private retainedBytes = 0;
  private readonly listeners = new Set<() => void>();
  private notifyQueued = false;

  constructor(
    readonly hubName: string,
    readonly partitionId: string,
    private readonly maxEvents: number,
    private readonly maxBytes = Number.MAX_SAFE_INTEGER,
  ) {
    if (!Number.isInteger(maxEvents) || maxEvents < 1) throw new RangeError('maxEventsPerPartition must be a whole number of at least 1.');
    if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new RangeError('maxBytesPerPartition must be a whole number of at least 1.');
  }

  /** Encoded bytes of the events retained right now. */
  get bytes(): number {
    return this.retainedBytes;
  }

  /** Events retained right now. */
  get size(): number {
    return this.events.length - this.head;
  }

  /** Sequence number of the oldest retained event (the next one to be written when the partition is empty). */
  get beginSequenceNumber(): number {
    return this.size > 0 ? this.events[this.head].sequenceNumber : this.nextSequence;
  }

  /** The sequence number the next appended event gets. */
  get endSequenceNumber(): number {
    return this.nextSequence;
  }

  /** -1 when nothing was ever written. */
  get lastSequenceNumber(): number {
    return this.nextSequence - 1;
  }

  get last(): StoredEvent | undefined {
    return this.size > 0 ? this.events[this.events.length - 1] : undefined;
  }

  append(encode: EventEncoder, now = Date.now()): StoredEvent {
    const enqueuedTime = Math.max(now, this.lastTime);
    const sequenceNumber = this.nextSequence;
    const offset = this.nextOffset;
    const encoded = encode(sequenceNumber, offset, enqueuedTime);
    const event: StoredEvent = { sequenceNumber, offset, enqueuedTime, encoded };
    this.events.push(event);
    this.nextSequence += 1;
    this.nextOffset += encoded.length;
    this.retainedBytes += encoded.length;
    this.lastTime = enqueuedTime;
    if (this.size > this.maxEvents || this.retainedBytes > this.maxBytes) this.dropOldest();
    this.scheduleNotify();
    return event;
  }

  /** The retained event with this sequence number. */
  at(sequenceNumber: number): StoredEvent | undefined {
    const index = this.head + (sequenceNumber - this.beginSequenceNumber);
    return index >= this.head && index < this.events.length ? this.events[index] : undefined;
  }

  /** Sequence number of the first retained event whose offset is greater than (or equal to) `offset`. */
  firstAfterOffset(offset: number, inclusive: boolean): number {
    return this.search((e) => (inclusive ? e.offset >= offset : e.offset > offset));
  }

  /** Sequence number of the first retained event enqueued after (or at) `time` (epoch ms). */
  firstAfterTime(time: number, inclusive: boolean): number {
    return this.search((e) => (inclusive ? e.enqueuedTime >= time : e.enqueuedTime > time));
  }

  /** Calls `listener` (coalesced, on a microtask) after events are appended. Returns the unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Binary search for the first event satisfying a monotonic predicate; the end sequence number when none does. */
  private search(matches: (e: StoredEvent) => boolean): number {
    let lo = this.head;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (matches(this.events[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.events.length ? this.events[lo].sequenceNumber : this.nextSequence;
  }

  /** Drops the oldest events until both bounds hold (keeping the newest). */
  private dropOldest(): void {
    const events = this.events as Array<StoredEvent | undefined>;
    while (this.size > 1 && (this.size > this.maxEvents || this.retainedBytes > this.maxBytes)) {
      this.retainedBytes -= (events[this.head] as StoredEvent).encoded.length;
      events[this.head] = undefined;
      this.head += 1;
    }
    if (this.head >= COMPACT_AT && this.head * 2 >= this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }

  private scheduleNotify(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      for (const listener of [...this.listeners]) listener();
    });
  }
}
