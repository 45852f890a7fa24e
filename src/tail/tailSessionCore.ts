import type { RecordFilterSpec } from '../core/filter/recordFilter';
import { type PipelineOptions, TailPipeline } from './pipeline';
import { TailEvents } from './tailEvents';
import type { TailEntry, TailStats } from './types';

/** A session's pipeline from the session's options: its buffer, filter, and (in a worker) first entry id and live counters. */
export function sessionPipeline(options: Omit<PipelineOptions, 'now'>): TailPipeline {
  const { bufferSize, bufferBytes, filter, firstEntryId, liveCounters } = options;
  return new TailPipeline({ bufferSize, bufferBytes, filter, firstEntryId, liveCounters });
}

/**
 * What every tail source shares, whatever it reads (Event Hubs partitions, Storage blobs): its
 * pipeline, its events, its state machine, pause and the listeners' view of the buffer.
 */
export abstract class TailSessionCore extends TailEvents {
  /** Set once the session stops or fails: nothing more is emitted. */
  protected closed = false;
  private emitTimer: ReturnType<typeof setTimeout> | undefined;

  /** `emitIntervalMs`: how long new entries wait to be handed to listeners together; `maxEmit`: the most, the newest, one emit hands over. */
  protected constructor(
    protected readonly pipeline: TailPipeline,
    private readonly emitIntervalMs: number,
    private readonly maxEmit = Number.POSITIVE_INFINITY,
  ) {
    super();
  }

  get filter(): RecordFilterSpec {
    return this.pipeline.filter;
  }

  setFilter(spec: RecordFilterSpec): void {
    this.pipeline.setFilter(spec);
  }

  pause(): void {
    this.pausedValue = true;
  }

  resume(): void {
    if (!this.pausedValue) return;
    this.pausedValue = false;
    this.flush();
  }

  clear(): void {
    this.pipeline.clear();
    this.statsEmitter.fire(this.pipeline.stats());
  }

  snapshot(filter?: RecordFilterSpec): Promise<TailEntry[]> {
    return Promise.resolve(this.pipeline.snapshot(filter));
  }

  stats(): TailStats {
    return this.pipeline.stats();
  }

  /** Whether entries wait to be handed to listeners. */
  protected get emitScheduled(): boolean {
    return this.emitTimer !== undefined;
  }

  /** Hands listeners what arrived after `emitIntervalMs` (one timer at a time). */
  protected scheduleEmit(): void {
    if (this.emitTimer || this.closed) return;
    this.emitTimer = setTimeout(() => {
      this.emitTimer = undefined;
      this.flush();
    }, this.emitIntervalMs);
  }

  /** Drops a scheduled emit (the session is closing). */
  protected cancelEmit(): void {
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = undefined;
  }

  /** Hands listeners what is pending (unless paused) and the current stats. */
  protected flush(): void {
    if (!this.pausedValue && this.pipeline.pendingCount > 0) {
      const pending = this.pipeline.takePending();
      this.entriesEmitter.fire(pending.length > this.maxEmit ? pending.slice(pending.length - this.maxEmit) : pending);
    }
    this.statsEmitter.fire(this.pipeline.stats());
  }
}
