import { Worker } from 'node:worker_threads';
import type { RecordFilterSpec } from '../../core/filter/recordFilter';
import { redactError } from '../../core/connection/redact';
import type { HubTarget } from '../../hubs/hubTarget';
import type { StorageAccount } from '../../storage/account';
import type { StorageTailSource } from '../../storage/storageTailSource';
import { storageTailFollows } from '../../storage/tailRef';
import { emptyTailStats, TailEvents } from '../tailEvents';
import { LIVE_COUNTERS } from '../pipeline';
import type { StartPosition, TailEntry, TailSession, TailSessionOptions, TailStats } from '../types';
import { decodeEntries, type EntryBatch } from './entryBatch';
import { toWorkerStorageAccount, toWorkerTarget, type FromWorker, type ToWorker } from './protocol';
import { answerTokenRequest, type TokenRequest } from './tokenBridge';

/** Where a tail's worker thread comes from. */
export interface TailWorkerOptions {
  /** The worker's script: dist/tailWorker.js in the extension (or src/tail/worker/tailWorker.ts under tsx). */
  readonly workerFile: string;
  /** Node options of the worker (default: none; e.g. `['--import', 'tsx']` to run the TypeScript source). */
  readonly execArgv?: readonly string[];
}

/** How long a stopping worker may take to close its connections before it is terminated. */
const STOP_GRACE_MS = 10_000;

/**
 * Starts a live tail of `target` in a worker thread of its own: the Event Hubs consumer, decoding,
 * filtering, counting and the ring buffer run there, and this thread (the extension host's, shared with
 * every extension) only receives batches of new entries, stats, state and notices. The session behaves as
 * `createTailSession`'s does (the same `TailSession`); counters in `stats()` are read live from memory the
 * worker shares. One worker per tail: a worker that dies takes one tail with it, which says so and
 * restarts on Retry, resuming each partition after the last event it delivered.
 */
export function createWorkerTailSession(target: HubTarget, options: TailSessionOptions, worker: TailWorkerOptions): TailSession {
  return new WorkerTailSession({ kind: 'hub', target }, options, worker);
}

/**
 * Starts a Storage tail in a worker thread of its own: the blob reads, splitting, decoding, filtering and the
 * buffer run there. A worker that dies fails the tail; Retry starts a new one, each blob resuming after the
 * last line received.
 */
export function createWorkerStorageTailSession(
  source: StorageTailSource,
  options: TailSessionOptions,
  worker: TailWorkerOptions,
): TailSession {
  return new WorkerTailSession({ kind: 'storage', source, account: source.account }, options, worker);
}

/** What a worker tails: a hub (its target replaced by Retry's), or a Storage tail (its account opened again on Retry). */
type Source =
  { readonly kind: 'hub'; target: HubTarget } | { readonly kind: 'storage'; readonly source: StorageTailSource; account: StorageAccount };

class WorkerTailSession extends TailEvents implements TailSession {
  readonly label: string;
  readonly hubName: string;
  readonly start: StartPosition;
  readonly bufferSize: number;
  private filterValue: RecordFilterSpec;
  private lastStats: TailStats = emptyTailStats();
  /** The worker's running totals, written by its pipeline after every batch (shared memory). */
  private counters = new Float64Array(new SharedArrayBuffer(LIVE_COUNTERS.length * Float64Array.BYTES_PER_ELEMENT));
  private thread: Worker | undefined;
  /** The worker that died, whose last messages may still come. */
  private deadThread: Worker | undefined;
  private nextRequestId = 1;
  private readonly snapshots = new Map<number, { resolve: (entries: TailEntry[]) => void; reject: (error: Error) => void }>();
  private readonly reconnects = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  /** The newest entry id received: a restarted worker numbers its entries after it. */
  private lastEntryId = 0;
  /** What the workers before this one counted (a worker that died is replaced; the counts go on). */
  private earlier: TailStats | undefined;
  /** Set when the worker died: Retry starts a new one. */
  private workerDied = false;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly source: Source,
    private readonly options: TailSessionOptions,
    private readonly worker: TailWorkerOptions,
  ) {
    super();
    this.label = source.kind === 'hub' ? source.target.label : source.source.label;
    this.hubName = source.kind === 'hub' ? source.target.hubName : storageTailFollows(source.source.tables);
    this.start = options.start ?? { kind: 'latest' };
    this.bufferSize = options.bufferSize ?? 10_000;
    this.filterValue = options.filter ?? {};
    this.spawn(this.options.start);
  }

  get filter(): RecordFilterSpec {
    return this.filterValue;
  }

  setFilter(spec: RecordFilterSpec): void {
    this.filterValue = spec;
    this.send({ type: 'setFilter', spec });
  }

  pause(): void {
    this.pausedValue = true;
    this.send({ type: 'pause' });
  }

  resume(): void {
    if (!this.pausedValue) return;
    this.pausedValue = false;
    this.send({ type: 'resume' });
  }

  clear(): void {
    this.earlier = undefined;
    this.lastStats = emptyTailStats(this.lastStats.lastSequenceNumbers, this.lastStats.lastEnqueuedTimes);
    this.counters.fill(0);
    this.send({ type: 'clear' });
  }

  /** The worker's buffer, oldest first, that matches `filter` (default: the current filter). */
  snapshot(filter?: RecordFilterSpec): Promise<TailEntry[]> {
    if (!this.thread) return Promise.resolve([]);
    const id = this.nextRequestId++;
    return new Promise<TailEntry[]>((resolve, reject) => {
      this.snapshots.set(id, { resolve, reject });
      this.send({ type: 'snapshot', id, filter });
    });
  }

  /** The latest stats, with the counters read live from the worker's memory (and those of workers before it). */
  stats(): TailStats {
    const live = this.counters;
    const current = {
      ...this.lastStats,
      receivedEvents: Math.max(this.lastStats.receivedEvents, live[LIVE_COUNTERS.receivedEvents]),
      receivedRecords: Math.max(this.lastStats.receivedRecords, live[LIVE_COUNTERS.receivedRecords]),
      receivedBytes: Math.max(this.lastStats.receivedBytes, live[LIVE_COUNTERS.receivedBytes]),
      shownRecords: Math.max(this.lastStats.shownRecords, live[LIVE_COUNTERS.shownRecords]),
    };
    return this.earlier ? addStats(this.earlier, current) : current;
  }

  async reconnect(target?: HubTarget): Promise<void> {
    if (this.stateValue.kind !== 'failed' || this.stopping) throw new Error('Only a tail that failed can reconnect.');
    const source = this.source;
    if (source.kind === 'hub' && target) source.target = target;
    // A Storage tail opens its account again: a key saved again meanwhile is the one used.
    if (source.kind === 'storage') source.account = await source.source.reopen();
    if (this.stopping || this.stateValue.kind !== 'failed') return;
    if (this.workerDied) {
      // A new worker, each partition (blob) resuming right after the last event (line) the old one delivered.
      this.workerDied = false;
      const last = this.lastStats.lastSequenceNumbers;
      this.earlier = this.stats();
      this.lastStats = emptyTailStats(this.lastStats.lastSequenceNumbers, this.lastStats.lastEnqueuedTimes);
      this.restartState();
      if (source.kind === 'hub') this.spawn(resumeFrom(last, this.options.start));
      else this.spawn(this.options.start, last);
      return;
    }
    const id = this.nextRequestId++;
    await new Promise<void>((resolve, reject) => {
      this.reconnects.set(id, { resolve, reject });
      this.send(
        source.kind === 'hub'
          ? { type: 'reconnect', id, target: target ? toWorkerTarget(target) : undefined }
          : { type: 'reconnect', id, account: toWorkerStorageAccount(source.account) },
      );
    });
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  // ---- the worker ----------------------------------------------------------------------------

  /** A new worker; a Storage tail's resumes each blob after the line offset `resumeAfter` gives for it. */
  private spawn(start: StartPosition | undefined, resumeAfter?: Readonly<Record<string, number>>): void {
    this.counters = new Float64Array(new SharedArrayBuffer(LIVE_COUNTERS.length * Float64Array.BYTES_PER_ELEMENT));
    // The secret goes in a message (memory), never in the worker's arguments, environment or workerData.
    const thread = new Worker(this.worker.workerFile, { execArgv: [...(this.worker.execArgv ?? [])], stdout: false, stderr: false });
    this.thread = thread;
    thread.on('message', (message: FromWorker) => {
      if (this.thread === thread) this.receive(message);
      // A dying worker's last messages can come after its error: its entries and counts still count
      // (until a new worker starts), not what it says of its state.
      else if (this.deadThread === thread && !this.thread && message.type === 'update') this.receive(message);
    });
    thread.on('error', (error) => {
      if (this.thread === thread && !this.stopping) this.died(`it failed: ${redactError(error)}`);
    });
    thread.on('exit', (code) => {
      if (this.thread === thread && !this.stopping) this.died(`it exited with code ${code}`);
    });
    const options: TailSessionOptions = {
      ...this.options,
      start,
      filter: this.filterValue,
      firstEntryId: this.lastEntryId + 1,
      liveCounters: this.counters,
    };
    const source = this.source;
    if (source.kind === 'hub') this.send({ type: 'start', target: toWorkerTarget(source.target), options });
    else {
      const { label, tables } = source.source;
      const storage = { account: toWorkerStorageAccount(source.account), label, ...(tables ? { tables } : {}) };
      this.send({ type: 'startStorage', storage: resumeAfter ? { ...storage, resumeAfter } : storage, options });
    }
    if (this.pausedValue) this.send({ type: 'pause' });
  }

  private send(message: ToWorker): void {
    this.thread?.postMessage(message);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'update': {
        if (message.stats) this.lastStats = message.stats; // listeners of the entries see the stats that count them
        if (message.batch) {
          const entries = decodeEntries(message.batch);
          if (entries.length > 0) this.lastEntryId = Math.max(this.lastEntryId, entries[entries.length - 1].id);
          this.entriesEmitter.fire(entries);
        }
        if (message.stats) this.statsEmitter.fire(this.stats());
        return;
      }
      case 'state':
        // The worker's session keeps the state machine's rules (and leaves "failed" on reconnect): mirrored as is.
        if (this.stateValue.kind === 'stopped') return;
        this.stateValue = message.state;
        this.stateEmitter.fire(message.state);
        return;
      case 'notice':
        this.pushNotice(message.notice);
        return;
      case 'snapshot':
        settle(this.snapshots, message.id, (request) => request.resolve(decodeEntries(message.batch as EntryBatch)));
        return;
      case 'reconnected':
        settle(this.reconnects, message.id, (request) => (message.error ? request.reject(new Error(message.error)) : request.resolve()));
        return;
      case 'getToken':
        void this.token(message);
        return;
      case 'stopped':
        // Everything it had to say came before this: the thread can go (its SDK may keep timers alive).
        void this.thread?.terminate();
        return;
    }
  }

  /** Gets a token for the worker from the credential, which never leaves this thread. */
  private async token(request: TokenRequest): Promise<void> {
    const auth = this.source.kind === 'hub' ? this.source.target.auth : this.source.account.auth;
    this.send(await answerTokenRequest(auth.kind === 'tokenCredential' ? auth.credential : undefined, request));
  }

  /** The worker is gone without being asked: the tail fails, and says so; Retry starts a new worker. */
  private died(why: string): void {
    const thread = this.thread;
    this.thread = undefined;
    this.deadThread = thread;
    void thread?.terminate();
    this.workerDied = true;
    const error = new Error('The tail stopped.');
    for (const request of this.snapshots.values()) request.reject(error);
    for (const request of this.reconnects.values()) request.reject(error);
    this.snapshots.clear();
    this.reconnects.clear();
    if (this.stateValue.kind === 'stopped') return;
    this.setState({
      kind: 'failed',
      error: `The tail's worker thread stopped unexpectedly (${why}). Retry starts it again; ${
        this.source.kind === 'hub'
          ? 'each partition resumes after the last event received'
          : 'each blob resumes after the last line received'
      }.`,
    });
  }

  private async shutdown(): Promise<void> {
    const thread = this.thread;
    if (thread) {
      const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
      this.send({ type: 'stop' });
      const timer = setTimeout(() => void thread.terminate(), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    this.thread = undefined;
    for (const request of this.snapshots.values()) request.resolve([]);
    this.snapshots.clear();
    if (this.stateValue.kind !== 'failed') this.setState({ kind: 'stopped' });
  }
}

/** Resolves and forgets a pending request. */
function settle<T>(requests: Map<number, T>, id: number, done: (request: T) => void): void {
  const request = requests.get(id);
  requests.delete(id);
  if (request) done(request);
}

/** Where a new worker starts: after the last event of each partition read so far; elsewhere where the tail started. */
function resumeFrom(last: Readonly<Record<string, number>>, start: StartPosition | undefined): StartPosition | undefined {
  const ids = Object.keys(last);
  if (ids.length === 0) return start;
  const sequenceNumbers: Record<string, number> = {};
  if (start?.kind === 'sequence') Object.assign(sequenceNumbers, start.sequenceNumbers);
  for (const id of ids) sequenceNumbers[id] = last[id] + 1;
  // The partitions not read yet start where the tail started (a time, earliest, their offsets...).
  const others = start?.kind === 'sequence' ? start.others : start;
  return { kind: 'sequence', sequenceNumbers, ...(others ? { others } : {}) };
}

/** Counts of an earlier worker added to the current one's (rates and positions are the current worker's). */
function addStats(earlier: TailStats, current: TailStats): TailStats {
  const tables = new Map(current.tables.map((t) => [t.table, { ...t }]));
  for (const t of earlier.tables) {
    const now = tables.get(t.table);
    if (now) {
      now.records += t.records;
      now.bytes += t.bytes;
    } else tables.set(t.table, { ...t, rate: 0 });
  }
  const malformedByReason: Record<string, number> = { ...earlier.malformedByReason };
  for (const [reason, n] of Object.entries(current.malformedByReason)) malformedByReason[reason] = (malformedByReason[reason] ?? 0) + n;
  const other =
    earlier.other || current.other
      ? {
          records: (earlier.other?.records ?? 0) + (current.other?.records ?? 0),
          bytes: (earlier.other?.bytes ?? 0) + (current.other?.bytes ?? 0),
          rate: current.other?.rate ?? 0,
        }
      : undefined;
  return {
    ...current,
    receivedEvents: earlier.receivedEvents + current.receivedEvents,
    receivedRecords: earlier.receivedRecords + current.receivedRecords,
    receivedBytes: earlier.receivedBytes + current.receivedBytes,
    shownRecords: earlier.shownRecords + current.shownRecords,
    malformed: earlier.malformed + current.malformed,
    malformedByReason,
    dropped: earlier.dropped + current.dropped,
    duplicates: earlier.duplicates + current.duplicates,
    tables: [...tables.values()].sort((a, b) => b.records - a.records || a.table.localeCompare(b.table)),
    ...(other ? { other } : {}),
    lastSequenceNumbers: { ...earlier.lastSequenceNumbers, ...current.lastSequenceNumbers },
    lastEnqueuedTimes: { ...earlier.lastEnqueuedTimes, ...current.lastEnqueuedTimes },
  };
}
