import { Emitter } from './emitter';
import type { TailDisposable, TailEntry, TailNotice, TailState, TailStats } from './types';

/** Notices a session keeps (the oldest go first). */
const MAX_NOTICES = 100;

/**
 * What every tail session shows its listeners, wherever its work runs (on this thread: `TailSessionCore`;
 * in a worker: src/tail/worker/workerTailSession.ts): its events, its state machine and its notices.
 */
export abstract class TailEvents {
  protected readonly entriesEmitter = new Emitter<readonly TailEntry[]>();
  protected readonly statsEmitter = new Emitter<TailStats>();
  protected readonly stateEmitter = new Emitter<TailState>();
  protected readonly noticeEmitter = new Emitter<TailNotice>();
  private readonly noticeList: TailNotice[] = [];
  protected stateValue: TailState = { kind: 'connecting' };
  protected pausedValue = false;

  get state(): TailState {
    return this.stateValue;
  }
  get paused(): boolean {
    return this.pausedValue;
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

  /** A failed session connects again: back to "connecting" (the one way out of "failed"). */
  protected restartState(): void {
    this.stateValue = { kind: 'connecting' };
    this.stateEmitter.fire(this.stateValue);
  }
}

/** Stats of a tail that has counted nothing (yet, or since Clear), keeping where each partition was. */
export function emptyTailStats(
  lastSequenceNumbers: Readonly<Record<string, number>> = {},
  lastEnqueuedTimes?: Readonly<Record<string, number>>,
): TailStats {
  return {
    receivedEvents: 0,
    receivedRecords: 0,
    receivedBytes: 0,
    shownRecords: 0,
    malformed: 0,
    malformedByReason: {},
    dropped: 0,
    duplicates: 0,
    rate: 0,
    tables: [],
    lastSequenceNumbers,
    ...(lastEnqueuedTimes ? { lastEnqueuedTimes } : {}),
  };
}
