/** Timer functions, injectable so the scheduler is tested without waiting. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface Flush<T> {
  /** The receiver must drop what it holds before adding `entries`. */
  readonly reset: boolean;
  readonly entries: T[];
  /**
   * Entries passed over just before `entries` to keep up (see `maxPerBatch`): arrived while following,
   * more than one post carries. 0 in a replay or a catch-up.
   */
  readonly skipped: number;
}

export interface BatchSchedulerOptions<T> {
  /** At most one flush per interval (100 ms: at most 10 posts a second). */
  readonly intervalMs: number;
  /** The interval while entries go out in order (a replay, a catch-up); default `intervalMs`. */
  readonly catchUpIntervalMs?: number;
  /**
   * Entries per flush at most, which bounds the receiver's (and the poster's) work per interval. A replay,
   * and what waited while the receiver was closed or held, go out in order over several flushes (a
   * catch-up); entries that arrive while following faster than that are passed over, oldest first, so
   * that the receiver keeps showing the newest (counted in `Flush.skipped`).
   */
  readonly maxPerBatch: number;
  /** The receiver keeps this many entries: more pending than that and the oldest are dropped, with a reset. */
  readonly capacity: number;
  /** Likewise in bytes (`sizeOf`): more pending than that and the oldest are dropped, with a reset (the newest stays). */
  readonly capacityBytes?: number;
  /** Bytes per flush at most (`sizeOf`); an entry larger than that goes alone. */
  readonly maxBytesPerBatch?: number;
  /** An entry's size for `capacityBytes` and `maxBytesPerBatch` (default: none counts). */
  readonly sizeOf?: (entry: T) => number;
  readonly timers: Timers;
  readonly flush: (flush: Flush<T>) => void;
}

/**
 * Collects entries and posts them in batches, at most one flush per interval, only while the
 * receiver is open (page loaded and visible). While closed it keeps buffering (bounded by the
 * receiver's capacity); `hold` keeps entries back but still flushes when `touch()`ed (paused: counts
 * still update).
 */
export class BatchScheduler<T> {
  private queue: T[] = [];
  private head = 0;
  /** Bytes (`sizeOf`) of the entries pending. */
  private queuedBytes = 0;
  private readonly sizeOf: (entry: T) => number;
  private readonly capacityBytes: number;
  private readonly maxBytesPerBatch: number;
  private resetPending = false;
  private dirty = false;
  private open = false;
  private held = false;
  /** A replay is delivered even while held (a reloaded page shows what it showed before). */
  private replaying = false;
  /** Pending entries (from the head) that go out in order, none passed over: a replay's or a catch-up's. */
  private inOrder = 0;
  private timer: unknown;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(private readonly o: BatchSchedulerOptions<T>) {
    if (o.capacity < 1 || o.maxPerBatch < 1) throw new RangeError('capacity and maxPerBatch must be at least 1');
    this.sizeOf = o.sizeOf ?? (() => 0);
    this.capacityBytes = o.capacityBytes ?? Number.POSITIVE_INFINITY;
    this.maxBytesPerBatch = o.maxBytesPerBatch ?? Number.POSITIVE_INFINITY;
  }

  /** Bytes (`sizeOf`) of the entries waiting to be flushed. */
  get pendingBytes(): number {
    return this.queuedBytes;
  }

  /** Entries waiting to be flushed. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  get isOpen(): boolean {
    return this.open;
  }

  push(entries: readonly T[]): void {
    for (const e of entries) {
      this.queue.push(e);
      this.queuedBytes += this.sizeOf(e);
    }
    while (this.pending > this.o.capacity || (this.queuedBytes > this.capacityBytes && this.pending > 1)) {
      this.queuedBytes -= this.sizeOf(this.queue[this.head] as T);
      this.head++;
      if (this.inOrder > 0) this.inOrder--;
      this.resetPending = true;
    }
    this.compact();
    this.schedule();
  }

  /** Something besides entries changed (counts, connection state): flush soon even without entries. */
  touch(): void {
    this.dirty = true;
    this.schedule();
  }

  /** Replace everything pending with a snapshot that the receiver shows from scratch. */
  replay(snapshot: readonly T[]): void {
    // The newest entries that fit the capacity and the byte capacity (the newest always).
    let first = snapshot.length;
    let bytes = 0;
    while (first > 0 && snapshot.length - first < this.o.capacity) {
      const size = this.sizeOf(snapshot[first - 1] as T);
      if (first < snapshot.length && bytes + size > this.capacityBytes) break;
      bytes += size;
      first--;
    }
    this.queue = snapshot.slice(first);
    this.queuedBytes = bytes;
    this.head = 0;
    this.resetPending = true;
    this.replaying = true;
    this.inOrder = this.queue.length;
    this.schedule();
  }

  setOpen(open: boolean): void {
    if (open && !this.open) this.inOrder = this.pending; // what waited meanwhile: a catch-up
    this.open = open;
    if (open) this.schedule();
    else this.cancel();
  }

  /** Hold entries back (paused); `touch()` still flushes, with no entries. */
  setHold(hold: boolean): void {
    if (!hold && this.held) this.inOrder = Math.max(this.inOrder, this.pending); // what was held: a catch-up
    this.held = hold;
    this.schedule();
  }

  dispose(): void {
    this.open = false;
    this.cancel();
    this.queue = [];
    this.head = 0;
    this.queuedBytes = 0;
    this.inOrder = 0;
  }

  private hasWork(): boolean {
    return this.dirty || (this.delivering() && (this.pending > 0 || this.resetPending));
  }

  private delivering(): boolean {
    return !this.held || this.replaying;
  }

  private schedule(): void {
    if (!this.open || this.timer !== undefined || !this.hasWork()) return;
    const interval = this.inOrder > 0 && this.delivering() ? (this.o.catchUpIntervalMs ?? this.o.intervalMs) : this.o.intervalMs;
    const wait = Math.max(0, this.lastFlush + interval - this.o.timers.now());
    this.timer = this.o.timers.setTimeout(() => {
      this.timer = undefined;
      this.flushNow();
    }, wait);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.o.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flushNow(): void {
    if (!this.open || !this.hasWork()) return;
    let entries: T[] = [];
    let reset = false;
    let skipped = 0;
    if (this.delivering()) {
      if (this.inOrder === 0) skipped = this.passOverOlder();
      const last = Math.min(this.queue.length, this.head + this.o.maxPerBatch);
      let end = this.head;
      let bytes = 0;
      while (end < last) {
        const size = this.sizeOf(this.queue[end] as T);
        if (end > this.head && bytes + size > this.maxBytesPerBatch) break;
        bytes += size;
        end++;
      }
      entries = this.queue.slice(this.head, end);
      this.inOrder = Math.max(0, this.inOrder - (end - this.head));
      this.head = end;
      this.queuedBytes = this.pending === 0 ? 0 : this.queuedBytes - bytes;
      reset = this.resetPending;
      this.resetPending = false;
      if (this.pending === 0) this.replaying = false;
      this.compact();
    }
    this.dirty = false;
    this.lastFlush = this.o.timers.now();
    this.o.flush({ reset, entries, skipped });
    this.schedule();
  }

  /**
   * Following: keeps only the newest entries that one flush carries (`maxPerBatch`, `maxBytesPerBatch`,
   * the newest always) and passes over the older ones; returns how many.
   */
  private passOverOlder(): number {
    let first = this.queue.length;
    let bytes = 0;
    while (first > this.head && this.queue.length - first < this.o.maxPerBatch) {
      const size = this.sizeOf(this.queue[first - 1] as T);
      if (first < this.queue.length && bytes + size > this.maxBytesPerBatch) break;
      bytes += size;
      first--;
    }
    const skipped = first - this.head;
    if (skipped === 0) return 0;
    this.head = first;
    this.queuedBytes = bytes;
    return skipped;
  }

  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
      this.queuedBytes = 0;
    } else if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
