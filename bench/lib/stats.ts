/** Small statistics helpers for benchmark modules. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** min, max and the relative spread ((max - min) / median) of the rounds. */
export function spread(values: readonly number[]): { min: number; max: number; relative: number } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { min, max, relative: (max - min) / median(values) };
}

/** Seconds elapsed since a `process.hrtime.bigint()` start. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
