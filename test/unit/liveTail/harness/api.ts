// What harness.js puts on the page's window (shared by the browser test and the render benchmark).
export interface HarnessApi {
  init(capacity: number, extra?: object): void;
  feed(n: number, perBatch?: number, reset?: boolean, small?: boolean): void;
  batch(entries: unknown[], reset?: boolean): void;
  /** Posts any message to the page, as the extension does. */
  post(message: unknown): void;
  entry(id: number, options?: { table?: string; commandLine?: string; summary?: string }): Record<string, unknown>;
  malformedEntry(id: number, reason: string, preview: string): Record<string, unknown>;
  nextId(): number;
  frames(n: number): Promise<void>;
  /** Streams `perSecond` records in 10 batches a second for `seconds`. */
  stream(perSecond: number, seconds: number): Promise<void>;
  /** `stream` while measuring frames, long tasks and row elements. */
  measure(perSecond: number, seconds: number): Promise<MeasuredRound>;
}

export interface MeasuredRound {
  readonly frames: number;
  readonly p95FrameMs: number;
  readonly maxFrameMs: number;
  readonly longestTaskMs: number;
  readonly longTasks: number;
  readonly domRows: number;
  /** The page's "Shown" total at the end. */
  readonly shown: string;
}

declare global {
  interface Window {
    __harness: HarnessApi;
    __sent: Array<{ type: string; [k: string]: unknown }>;
    __cspViolations: string[];
    __pwned?: number;
  }
}
