/**
 * The newest `capacity` items, O(1) append; older items are overwritten and counted as dropped.
 * With a `maxWeight`, each item is pushed with its weight (e.g. its size in bytes) and the oldest items
 * are also dropped while the items held weigh more than that; the newest item is always kept, so the
 * held weight stays at most `maxWeight`, or the weight of the one newest item when that alone is more.
 */
export class RingBuffer<T> {
  private readonly items: Array<T | undefined>;
  /** The weight of each slot (only with a finite `maxWeight`). */
  private readonly weights: Float64Array | undefined;
  private start = 0;
  private count = 0;
  private held = 0;
  /** Items pushed out of the buffer since it was created or cleared. */
  dropped = 0;

  constructor(
    readonly capacity: number,
    readonly maxWeight = Number.POSITIVE_INFINITY,
    /** Told of each item pushed out (the oldest, to make room). */
    private readonly onDrop?: (item: T) => void,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`A ring buffer needs a capacity of at least 1, not ${capacity}.`);
    if (!(maxWeight > 0)) throw new RangeError(`A ring buffer needs a positive maximum weight, not ${maxWeight}.`);
    this.items = new Array<T | undefined>(capacity);
    this.weights = Number.isFinite(maxWeight) ? new Float64Array(capacity) : undefined;
  }

  get size(): number {
    return this.count;
  }

  /** The total weight of the items held (0 without a `maxWeight`). */
  get weight(): number {
    return this.held;
  }

  /** Appends `item`; `weight` counts only when the buffer has a `maxWeight`. */
  push(item: T, weight = 0): void {
    if (this.count === this.capacity) this.dropOldest();
    const slot = (this.start + this.count) % this.capacity;
    this.items[slot] = item;
    this.count++;
    const weights = this.weights;
    if (weights === undefined) return;
    const w = weight > 0 && Number.isFinite(weight) ? weight : 0;
    weights[slot] = w;
    this.held += w;
    while (this.held > this.maxWeight && this.count > 1) this.dropOldest();
  }

  /** The i-th oldest item still held (0 = oldest). */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.items[(this.start + index) % this.capacity];
  }

  /** Oldest first. */
  toArray(): T[] {
    return this.slice(0);
  }

  /** The items from the `from`-th oldest on, oldest first. */
  slice(from: number): T[] {
    const first = Math.min(this.count, Math.max(0, Math.floor(from)));
    const out = new Array<T>(this.count - first);
    for (let i = first; i < this.count; i++) out[i - first] = this.items[(this.start + i) % this.capacity] as T;
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
    this.weights?.fill(0);
    this.start = 0;
    this.count = 0;
    this.held = 0;
    this.dropped = 0;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.count; i++) yield this.items[(this.start + i) % this.capacity] as T;
  }

  private dropOldest(): void {
    const slot = this.start;
    const item = this.items[slot] as T;
    this.items[slot] = undefined;
    if (this.weights !== undefined) {
      this.held -= this.weights[slot];
      this.weights[slot] = 0;
      if (this.count === 1) this.held = 0; // no drift from adding and subtracting fractions
    }
    this.start = (this.start + 1) % this.capacity;
    this.count--;
    this.dropped++;
    this.onDrop?.(item);
  }
}
