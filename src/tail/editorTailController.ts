import { redactError } from '../core/connection/redact';
import { RingBuffer } from '../core/filter/ringBuffer';
import type { HubTarget } from '../hubs/hubTarget';
import { recordNdjsonLine } from './ndjson';
import type { TailRegistration, TailRegistry } from './registry';
import { createTailSession } from './session';
import { describeStart } from './startSetting';
import { readHubProperties } from '../hubs/connectionCheck';
import {
  EDITOR_PROGRESS_WORDS,
  inWindow,
  progressText,
  windowFraction,
  windowProgress,
  type PartitionEnd,
  type TimeWindow,
} from './timeWindow';
import type {
  StartPosition,
  TailDisposable,
  TailEntry,
  TailSession,
  TailSessionFactory,
  TailSessionOptions,
  TailSessionTuning,
  TailState,
} from './types';

/**
 * The most bytes of NDJSON a Tail to Editor document holds, whatever `editorTail.maxLines` allows: a record
 * can be up to 1 MB, so 5,000 lines could be 5 GB. A fixed cap rather than the tail's `bufferMegabytes`
 * (256 MiB by default), because a document is not a buffer: its whole text is handed to the editor again at
 * each refresh (up to 4 a second) and VS Code keeps copies of it; 64 MiB is already far past the size at
 * which VS Code turns off its large-file features. A smaller `bufferMegabytes` still lowers it (the glue
 * passes the lesser of the two), as it bounds the session's own buffer too.
 */
export const EDITOR_TAIL_MAX_BYTES = 64 * 1024 * 1024;

export const RETRY = 'Retry';

/** What the controller asks of VS Code (implemented in src/vscode/editorTail/; scripted in tests). */
export interface EditorTailPorts {
  /** New lines are in `text()`: the editor should read the document again (soon). */
  changed(): void;
  /** Brings the document to the front (the status bar's click). */
  reveal(): void;
  /** An error notification with these buttons; resolves with the one chosen (`undefined` when dismissed). */
  showError(message: string, ...buttons: string[]): PromiseLike<string | undefined>;
  /** A notice of the session (a shared consumer group, a partition it may not read, a recreated hub). */
  showNotice(level: 'info' | 'warning', message: string): void;
  /**
   * A window's progress (a hub's tail with an end), each time it changes and once when it is read or
   * stopped (`done`): per partition ("p0 120/500, p1 done (end)") and as a whole (0 to 1).
   */
  windowProgress?(progress: WindowProgressReport): void;
  /** The hub resolved again for Retry, so a key fixed meanwhile is used (a hub's tail; a `source` reopens itself). */
  resolveTarget?(): Promise<HubTarget>;
  readonly log: EditorTailLog;
}

export interface WindowProgressReport {
  readonly text: string;
  readonly fraction: number;
  readonly done: boolean;
}

export interface EditorTailLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * A tail source that is not a hub (a Storage account's tables, src/storage/storageTailSession.ts): the ids it is
 * registered by, its label, and how its session starts. Its `reconnect()` (Retry) finds its credential itself.
 */
export interface EditorTailSource {
  readonly configId: string;
  readonly hubName: string;
  readonly label: string;
  /** Starts the session with the controller's start, filter and buffer. */
  startSession(options: TailSessionOptions): TailSession;
}

/** What is tailed: a hub (`target`, started by `createSession`) or another source. */
export type EditorTailOptions = EditorTailCommonOptions &
  (
    | {
        readonly target: HubTarget;
        /** Starts the session (default: on this thread, `createTailSession`; the extension runs it in a worker). */
        readonly createSession?: TailSessionFactory;
        readonly source?: never;
      }
    | { readonly source: EditorTailSource; readonly target?: never; readonly createSession?: never }
  );

export interface EditorTailCommonOptions {
  /** Tables whose records are written (none: every table). */
  readonly tables: readonly string[];
  /** A where expression the records must match (`src/core/filter/where/`; checked by the caller). */
  readonly where?: string;
  readonly start: StartPosition;
  /**
   * End of a time window (by enqueued time): records enqueued after it are not written, and the tail
   * stops once every partition has passed it or reached its end as read at the start.
   */
  readonly until?: Date;
  /**
   * A window that ends after this many matching records (written lines): the tail stops once it has them, or
   * (a hub's tail) once every partition is read up to its end as it was when the tail started.
   */
  readonly maxMatches?: number;
  /** Newest lines the document keeps (`editorTail.maxLines`). */
  readonly maxLines: number;
  /** Most bytes (UTF-8, newlines included) the document keeps; at most `EDITOR_TAIL_MAX_BYTES`. */
  readonly maxBytes?: number;
  readonly maxBatchSize?: number;
  /** Continuous failure after which the tail gives up and offers Retry (`tail.reconnectTimeoutMs`). */
  readonly failAfterMs?: number;
  /** Extra knobs of the session (tests). */
  readonly tuning?: Omit<TailSessionTuning, 'failAfterMs'>;
  /** Where the tail is registered while its document is open (the status bar counts it there). */
  readonly registry: TailRegistry;
  readonly ports: EditorTailPorts;
}

/**
 * Tail to Editor without VS Code: one tail session whose filtered records become NDJSON lines of one
 * read-only document, of which the newest `maxLines` within `maxBytes` are kept. Says the session's
 * notices, offers Retry when the session gives up (which resumes where it was, keeping the lines), and
 * stops the session when the document closes (`dispose`).
 */
export class EditorTailController {
  readonly session: TailSession;
  private readonly lines: RingBuffer<string>;
  private readonly registration: TailRegistration;
  private readonly subscriptions: TailDisposable[];
  private readonly label: string;
  /** What the tail follows, in messages ("Tail of <name> ..."): the hub's name, or the source's. */
  private readonly name: string;
  private disposed = false;
  /** A time window's bounds once the hub's partition ends are read (records wait for it). */
  private window: { readonly window: TimeWindow; readonly ends: PartitionEnd[]; readonly endOf: Map<string, number> } | undefined;
  private windowTimer: ReturnType<typeof setInterval> | undefined;
  private windowDone = false;
  /** Records written so far (for `maxMatches`). */
  private matches = 0;
  /** The window's progress per partition as last logged ("p0 120/500, p1 done (end)"). */
  private progressSaid = '';
  /** Per partition, the first sequence number the window's progress saw read (the start of its share). */
  private readonly firstRead = new Map<string, number>();

  constructor(private readonly o: EditorTailOptions) {
    const maxLines = Math.max(1, Math.floor(o.maxLines));
    const maxBytes = Math.min(o.maxBytes ?? EDITOR_TAIL_MAX_BYTES, EDITOR_TAIL_MAX_BYTES);
    this.lines = new RingBuffer<string>(maxLines, maxBytes);
    const target = o.target;
    const ids = target ?? o.source;
    this.label = ids.label;
    this.name = ids.hubName;
    // The session's buffer holds what arrives between two emits: the bytes the document would keep, and
    // room for malformed messages besides the records (they are entries too, but write no line).
    const startSession = (options: TailSessionOptions): TailSession =>
      target ? (o.createSession ?? createTailSession)(target, options) : o.source.startSession(options);
    this.session = startSession({
      ...o.tuning,
      start: o.start,
      filter: { tables: [...o.tables], ...(o.where ? { where: o.where } : {}) },
      bufferSize: 2 * maxLines,
      bufferBytes: maxBytes,
      maxBatchSize: o.maxBatchSize,
      failAfterMs: o.failAfterMs,
    });
    const what = (o.tables.length > 0 ? o.tables.join(', ') : 'all tables') + (o.where ? `, where ${o.where}` : '');
    const until = o.until ? ` until ${o.until.toISOString()}` : o.maxMatches ? ` until ${o.maxMatches} matches` : '';
    o.ports.log.info(`Tail to Editor: ${this.label}, ${what}, ${describeStart(o.start)}${until}`);
    this.subscriptions = [
      this.session.onEntries((entries) => this.append(entries)),
      this.session.onState((state) => this.stateChanged(state)),
      // Said once each: a shared consumer group, a partition Event Hubs will not let the tail read, new partitions, a recreated hub.
      this.session.onNotice((notice) => {
        const said = `Tail to Editor (${this.label}): ${notice.message}`;
        if (notice.level === 'warning') o.ports.log.warn(said);
        else o.ports.log.info(said);
        o.ports.showNotice(notice.level, `Tail of ${this.name}: ${notice.message}`);
      }),
    ];
    // A hub's partitions say where a time window ends; another source's window ends by record time only.
    if ((o.until || o.maxMatches) && target) void this.startWindow(target, o.until);
    this.registration = o.registry.add({
      kind: 'editor',
      configId: ids.configId,
      hubName: ids.hubName,
      session: this.session,
      reveal: () => o.ports.reveal(),
      close: () => void this.dispose(),
    });
  }

  /** The document's text: its lines, each ending with a newline. */
  text(): string {
    return this.lines.size === 0 ? '' : `${this.lines.toArray().join('\n')}\n`;
  }

  /** The document's lines, oldest first. */
  documentLines(): string[] {
    return this.lines.toArray();
  }

  /** The document's size in bytes (UTF-8, newlines included). */
  get documentBytes(): number {
    return this.lines.weight;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Retry after the session gave up: connects again and resumes where it was, keeping the lines. */
  async retry(): Promise<void> {
    if (this.disposed || this.session.state.kind !== 'failed') return; // closed meanwhile, or already retried
    const { ports } = this.o;
    try {
      const fresh = this.o.target && ports.resolveTarget ? await ports.resolveTarget() : undefined;
      if (this.disposed || this.session.state.kind !== 'failed') return;
      await this.session.reconnect(fresh);
      ports.log.info(`Tail to Editor (${this.label}): reconnecting after Retry.`);
    } catch (error) {
      void ports.showError(`Tail of ${this.name} could not reconnect: ${redactError(error)}`);
    }
  }

  /** The document closed: stops the session (no receiver stays open) and leaves the registry. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    const wasReadingWindow = this.readingWindow;
    this.disposed = true;
    if (wasReadingWindow) this.o.ports.windowProgress?.({ text: this.progressSaid, fraction: 1, done: true });
    if (this.windowTimer) clearInterval(this.windowTimer);
    // A session that failed stays "failed" when stopped: the registration goes here, not on a state change.
    this.registration.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.lines.clear();
    try {
      await this.session.stop();
    } catch (error) {
      this.o.ports.log.warn(`Tail to Editor (${this.label}): stopping the session failed: ${redactError(error)}`);
    }
  }

  private append(entries: readonly TailEntry[]): void {
    if (this.disposed) return;
    let added = 0;
    let firstMalformed: TailEntry | undefined;
    let malformed = 0;
    for (const entry of entries) {
      if (this.windowDone) break; // the window is read: what the session still delivers is past it
      if ((this.o.until || this.o.maxMatches) && !this.inWindow(entry)) continue;
      if (entry.type === 'record') {
        const line = recordNdjsonLine(entry);
        this.lines.push(line, Buffer.byteLength(line, 'utf8') + 1);
        added++;
        this.matches++;
        if (this.o.maxMatches !== undefined && this.matches >= this.o.maxMatches)
          this.finishWindow(`${this.matches} matching record${this.matches === 1 ? '' : 's'} read; the tail stopped.`);
      } else {
        malformed++;
        firstMalformed ??= entry;
      }
    }
    if (added > 0) this.o.ports.changed();
    if (firstMalformed?.type === 'malformed') {
      const m = firstMalformed;
      this.o.ports.log.warn(
        `Tail to Editor (${this.label}): ${malformed} malformed message(s); the first: p${m.partitionId}#${m.sequenceNumber} ${m.reason}: ${m.message}`,
      );
    }
  }

  /** Whether an entry is inside the time window (before the partition ends are read: by its time only). */
  private inWindow(entry: TailEntry): boolean {
    const until = this.o.until?.getTime() ?? Number.POSITIVE_INFINITY;
    return this.window ? inWindow(entry, this.window.window, this.window.endOf) : entry.enqueuedTime <= until;
  }

  /** Reads each partition's end as it is now, then checks twice a second whether the window is read. */
  private async startWindow(target: HubTarget, until: Date | undefined): Promise<void> {
    const { ports, start } = this.o;
    let hub;
    try {
      hub = await readHubProperties(target);
    } catch (error) {
      ports.log.warn(
        `Tail to Editor (${this.label}): cannot read the partitions' ends, so the tail will not stop by itself: ${redactError(error)}`,
      );
      return;
    }
    if (this.disposed || this.windowDone) return;
    const ends: PartitionEnd[] = hub.partitions.map((p) => ({
      partitionId: p.partitionId,
      lastSequenceNumber: p.isEmpty ? -1 : p.lastEnqueuedSequenceNumber,
      lastEnqueuedTime: p.lastEnqueuedOnUtc?.getTime() ?? 0,
    }));
    const window: TimeWindow = {
      untilMs: until?.getTime() ?? Number.POSITIVE_INFINITY,
      fromMs: start.kind === 'time' ? start.enqueuedAfter.getTime() : undefined,
    };
    this.window = { window, ends, endOf: new Map(ends.map((e) => [e.partitionId, e.lastSequenceNumber])) };
    this.windowTimer = setInterval(() => this.checkWindow(), 500);
    this.checkWindow();
  }

  private checkWindow(): void {
    if (!this.window || this.windowDone || this.disposed) return;
    const stats = this.session.stats();
    const progress = windowProgress(this.window.ends, this.window.window, stats.lastSequenceNumbers, stats.lastEnqueuedTimes);
    for (const p of progress) if (p.read >= 0 && !this.firstRead.has(p.partitionId)) this.firstRead.set(p.partitionId, p.read);
    const text = progressText(progress, EDITOR_PROGRESS_WORDS);
    const done = progress.every((p) => p.done);
    if (text !== this.progressSaid) {
      this.o.ports.log.info(`Tail to Editor (${this.label}): window progress: ${text}`);
      if (!done) this.o.ports.windowProgress?.({ text, fraction: windowFraction(progress, this.firstRead), done: false });
    }
    this.progressSaid = text;
    if (!done) return;
    this.finishWindow(
      this.o.until
        ? `the time window is read (${this.lines.size} records); the tail stopped.`
        : `every partition is read up to where it ended when the tail started (${this.matches} of ${this.o.maxMatches} matching records); the tail stopped.`,
    );
  }

  /** Whether this tail reads a window that is not read yet (its progress shows, and `stopWindow` ends it). */
  get readingWindow(): boolean {
    return (this.o.until !== undefined || this.o.maxMatches !== undefined) && !this.windowDone && !this.disposed;
  }

  /** Ends a window before it is read (the progress notification's Cancel): the lines so far stay. */
  stopWindow(): void {
    if (!this.readingWindow) return;
    this.finishWindow(`stopped before the window was read (${this.lines.size} records written); the tail stopped.`);
  }

  /** The window is read: stops the session, leaves the registry (the status bar stops counting it) and says so. */
  private finishWindow(said: string): void {
    if (this.windowDone) return;
    this.windowDone = true;
    if (this.windowTimer) clearInterval(this.windowTimer);
    const { ports } = this.o;
    ports.windowProgress?.({ text: this.progressSaid, fraction: 1, done: true });
    void this.session.stop().then(() => {
      if (this.disposed) return;
      this.registration.dispose(); // no longer running: the status bar stops counting it
      ports.log.info(`Tail to Editor (${this.label}): ${said}`);
      ports.showNotice('info', `Tail of ${this.name}: ${said}`);
    });
  }

  private stateChanged(state: TailState): void {
    if (this.disposed) return;
    const { ports } = this.o;
    if (state.kind === 'failed') {
      ports.log.error(`Tail to Editor (${this.label}) failed: ${state.error}`);
      void Promise.resolve(ports.showError(`Tail of ${this.name} stopped: ${state.error}`, RETRY)).then((choice) =>
        choice === RETRY ? this.retry() : undefined,
      );
    } else if (state.kind === 'reconnecting') {
      ports.log.warn(`Tail to Editor (${this.label}) reconnecting: ${state.lastError}`);
    }
  }
}
