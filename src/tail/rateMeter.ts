/**
 * Counts per second over a sliding window of whole-second buckets (default 5 s). Cheap enough to call
 * once per table per batch.
 */
export class RateMeter {
  private readonly buckets: Float64Array;
  private readonly stamps: Float64Array;

  constructor(private readonly windowSeconds = 5) {
    this.buckets = new Float64Array(windowSeconds);
    this.stamps = new Float64Array(windowSeconds).fill(-1);
  }

  add(count: number, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    const slot = second % this.windowSeconds;
    if (this.stamps[slot] !== second) {
      this.stamps[slot] = second;
      this.buckets[slot] = 0;
    }
    this.buckets[slot] += count;
  }

  /**
   * Per second over the window: the full past seconds plus the current partial one, divided by the time
   * they cover (so a burst right after the start is not divided by the whole window).
   */
  rate(nowMs: number, startedMs = 0): number {
    const second = Math.floor(nowMs / 1000);
    let total = 0;
    for (let i = 0; i < this.windowSeconds; i++) {
      const stamp = this.stamps[i];
      if (stamp >= 0 && stamp > second - this.windowSeconds && stamp <= second) total += this.buckets[i];
    }
    const windowStart = Math.max((second - this.windowSeconds + 1) * 1000, startedMs);
    const covered = Math.max(nowMs - windowStart, 1000) / 1000;
    return total / covered;
  }

  reset(): void {
    this.buckets.fill(0);
    this.stamps.fill(-1);
  }
}
