import type { RecordFilterSpec } from '../core/filter/recordFilter';
import { Emitter } from './emitter';
import type { TailPipeline } from './pipeline';
import type { TailDisposable, TailEntry, TailNotice, TailState, TailStats } from './types';

/** Notices a session keeps (the oldest go first). */
const MAX_NOTICES = 100;

/**
 * What every tail source shares, whatever it reads (Event Hubs partitions, Storage blobs): its
 * pipeline, its events, its state machine, pause and the listeners' view of the buffer.
 */
export abstract class TailSessionCore {
  protected readonly entriesEmitter = new Emitter<readonly TailEntry[]>();
  protected readonly statsEmitter = new Emitter<TailStats>();
  protected readonly stateEmitter = new Emitter<TailState>();
  protected readonly noticeEmitter = new Emitter<TailNotice>();
  private readonly noticeList: TailNotice[] = [];
  protected stateValue: TailState = { kind: 'connecting' };
  protected pausedValue = false;
  /** Set once the session stops or fails: nothing more is emitted. */
  protected closed = false;
  private emitTimer: ReturnType<typeof setTimeout> | undefined;

  /** `emitIntervalMs`: how long new entries wait to be handed to listeners together. */
  protected constructor(
    protected readonly pipeline: TailPipeline,
    private readonly emitIntervalMs: number,
  ) {}

  get state(): TailState {
    return this.stateValue;
  }
  get paused(): boolean {
    return this.pausedValue;
  }
  get filter(): RecordFilterSpec {
    return this.pipeline.filter;
  }
  get notices(): readonly TailNotice[] {
    return this.noticeList;
  }

  onEntries(listener: (entries: readonly TailEntry[]) => void): TailDisposable {
    return this.entriesEmitter.on(listener);
  }
  onStats(listener: (stats: TailStats) => void): TailDisposable {
    return this.statsEmitter.on(listener);
  }
  onState(listener: (state: TailState) => void): TailDisposable {
    return this.stateEmitter.on(listener);
  }
  onNotice(listener: (notice: TailNotice) => void): TailDisposable {
    return this.noticeEmitter.on(listener);
  }

  whenLive(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = (state: TailState): boolean => {
        if (state.kind === 'live') resolve();
        else if (state.kind === 'failed') reject(new Error(state.error));
        else if (state.kind === 'stopped') reject(new Error('The tail was stopped before it was live.'));
        else return false;
        return true;
      };
      if (check(this.stateValue)) return;
      const subscription = this.stateEmitter.on((state) => {
        if (check(state)) subscription.dispose();
      });
    });
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

  snapshot(filter?: RecordFilterSpec): TailEntry[] {
    return this.pipeline.snapshot(filter);
  }

  stats(): TailStats {
    return this.pipeline.stats();
  }

  /** Keeps a notice (a bounded list) and tells listeners. */
  protected pushNotice(notice: TailNotice): void {
    this.noticeList.push(notice);
    if (this.noticeList.length > MAX_NOTICES) this.noticeList.shift();
    this.noticeEmitter.fire(notice);
  }

  /** Moves the state machine: nothing leaves "stopped", only "failed" follows "failed"; "reconnecting" repeats (new error). */
  protected setState(state: TailState): void {
    const previous = this.stateValue;
    if (previous.kind === 'stopped' || (previous.kind === 'failed' && state.kind !== 'failed')) return;
    if (previous.kind === state.kind && previous.kind !== 'reconnecting') return;
    this.stateValue = state;
    this.stateEmitter.fire(state);
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
    if (!this.pausedValue && this.pipeline.pendingCount > 0) this.entriesEmitter.fire(this.pipeline.takePending());
    this.statsEmitter.fire(this.pipeline.stats());
  }
}
