import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordFilterSpec } from '../core/filter/recordFilter';
import type { TailSource } from '../liveTail/tailSource';
import type { PipelineEvent } from '../tail/pipeline';
import { sessionPipeline, TailSessionCore } from '../tail/tailSessionCore';
import type { StartPosition, TailNotice, TailSession } from '../tail/types';
import type { StorageAccount } from './account';
import type { BlobStore } from './blobStore';
import { describeStorageProblem, isPermanentStorageProblem, retryAfterMs, type StorageProblem } from './errors';
import { findHour, listTenants, nextHour } from './hourFinder';
import { CONTAINER_PREFIX, containerOfTable, floorHour, HOUR_MS, parseHourBlobPath, tableOfContainer } from './layout';
import { type BlobLine, DEFAULT_MAX_LINE_BYTES, LineReader } from './lineReader';
import { storageTailFollows } from './tailRef';

export const DEFAULT_POLL_INTERVAL_MS = 5_000;
const DEFAULT_EMIT_INTERVAL_MS = 100;
const DEFAULT_FAIL_AFTER_MS = 60_000;
/** Largest ranged read: a blob catching up is read in pieces of this size, so memory stays bounded. */
export const DEFAULT_READ_CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * Lines decoded in one turn of the event loop: a piece of 4 MiB holds about a thousand records, which would
 * take the extension host's thread for 30–40 ms at once; in slices of this many, about 1 ms at a time.
 */
export const DEFAULT_SLICE_LINES = 32;
/** How often containers and tenants are looked for again. */
const DEFAULT_DISCOVER_INTERVAL_MS = 60_000;
/** A blob of the next hour may appear a little before this machine's clock says the hour began. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface StorageTailOptions {
  /** The account (for labels and the wording of failures; its secret is not read here). */
  readonly account: StorageAccount;
  /** The tail's label (default: "<account name> (Storage)"); the VS Code side names the account's entry and tables. */
  readonly label?: string;
  /** The blob service (see `createBlobStore`), or how to make it (called on start and on reconnect). */
  readonly store: BlobStore | (() => Promise<BlobStore>);
  /** Catalog table names to follow; default: every `insights-logs-advancedhunting-*` container, looked for again every minute. */
  readonly tables?: readonly string[];
  /**
   * `latest`: from the end of each newest hour blob; `earliest`: from the oldest retained hour; `time`: from the
   * hour of that time, skipping its records received before it (`time` with the start of the current hour
   * reads the current hour from its start). A `sequence` position means nothing here and reads as `latest`.
   */
  readonly start?: StartPosition;
  readonly filter?: RecordFilterSpec;
  readonly bufferSize?: number;
  readonly bufferBytes?: number;
  /** How often the newest blobs are checked for appended bytes (default 5 s). */
  readonly pollIntervalMs?: number;
  readonly emitIntervalMs?: number;
  /** See `TailSessionTuning.maxEmit`. */
  readonly maxEmit?: number;
  /** Continuous failure after which the tail stops with the last error (default 60 s). */
  readonly failAfterMs?: number;
  /** Longest line kept whole (default 16 MiB); a longer one is a malformed row with its start. */
  readonly maxLineBytes?: number;
  readonly readChunkBytes?: number;
  /** Lines decoded before the session lets the event loop turn (default `DEFAULT_SLICE_LINES`). */
  readonly sliceLines?: number;
  readonly discoverIntervalMs?: number;
  /**
   * Where a tail that stopped unexpectedly (its worker died) left off: blob key (`<container>/<blob path>`, an
   * entry's partition) → offset of the last line it delivered. Each table and tenant with a key goes on in
   * its newest such blob, after that line; the others start at `start`.
   */
  readonly resumeAfter?: Readonly<Record<string, number>>;
  /** See `PipelineOptions.firstEntryId`. */
  readonly firstEntryId?: number;
  /** See `PipelineOptions.liveCounters`. */
  readonly liveCounters?: Float64Array;
  /** Clock (tests). */
  readonly now?: () => number;
}

/** One tenant's blobs of one table, followed hour after hour. */
interface Stream {
  readonly container: string;
  readonly table: string;
  readonly tenantId: string;
  /** The hour blob being read, once there is one. */
  blob?: { readonly hour: number; readonly path: string; createdOn: number; gone?: boolean };
  reader?: LineReader;
  /** Where the first blob is read from: "end" (latest) or its start. */
  startAtEnd: boolean;
  /** The first hour to look for, when no blob is followed yet. */
  fromHour: number;
  /** Records received before this (ms) are skipped (a `time` start within an hour). */
  skipBefore?: number;
  /** A line longer than `maxLineBytes` was noticed for this stream. */
  toldLongLine?: boolean;
  /** Lines of the first blob at or before this offset were delivered before (a resumed tail): skipped. */
  skipThrough?: number;
}

/**
 * A live tail of Defender's Storage-account export: follows the newest hour blob of each table (and tenant),
 * reads only the bytes appended since the last read (ranged reads from the last offset), rolls over to the
 * next hour's blob, and turns each line into an entry as a hub tail does (one line, one event: the
 * "partition" is the blob path, the "sequence number" the line's byte offset, the enqueued time the blob's
 * last write). A line cut mid-write waits for its end; a line that is not a record is a malformed row.
 * Network failures, throttling and a blob that vanished are reported as `reconnecting` and retried on the
 * next poll; a wrong key, a missing role or a firewall refusal stop the tail at once.
 */
export class StorageTailSession extends TailSessionCore implements TailSource, TailSession {
  readonly label: string;
  /** What it follows, for messages (a `TailSession`'s "hub"): the chosen tables, or every table. */
  readonly hubName: string;
  readonly start: StartPosition;
  private store: BlobStore | undefined;
  private readonly streams = new Map<string, Stream>();
  private readonly startedAt: number;
  private lastDiscovery = -Infinity;
  private failingSince = 0;
  private stopping: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly now: () => number;
  private readonly pollIntervalMs: number;
  private readonly failAfterMs: number;
  private readonly maxLineBytes: number;
  private readonly readChunkBytes: number;
  private readonly sliceLines: number;
  private readonly discoverIntervalMs: number;

  constructor(private readonly options: StorageTailOptions) {
    super(sessionPipeline(options), options.emitIntervalMs ?? DEFAULT_EMIT_INTERVAL_MS, options.maxEmit);
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.start = options.start ?? { kind: 'latest' };
    this.label = options.label ?? `${options.account.accountName} (Storage)`;
    this.hubName = storageTailFollows(options.tables);
    this.pollIntervalMs = Math.max(10, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    this.failAfterMs = options.failAfterMs ?? DEFAULT_FAIL_AFTER_MS;
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.readChunkBytes = Math.max(1024, options.readChunkBytes ?? DEFAULT_READ_CHUNK_BYTES);
    this.sliceLines = Math.max(1, Math.floor(options.sliceLines ?? DEFAULT_SLICE_LINES));
    this.discoverIntervalMs = options.discoverIntervalMs ?? DEFAULT_DISCOVER_INTERVAL_MS;
    this.running = this.run();
  }

  get bufferSize(): number {
    return this.pipeline.buffer.capacity;
  }

  /** Where each followed blob is read up to (blob path → byte offset of the next unread line), for tests and resumption. */
  positions(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.streams.values()) if (s.blob && s.reader) out[`${s.container}/${s.blob.path}`] = s.reader.committedOffset;
    return out;
  }

  /** Checks for appended bytes now rather than at the next poll (tests; a Refresh button). */
  pollNow(): void {
    this.wake?.();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.closed = true;
      this.wake?.();
      this.cancelEmit();
      await this.running;
      this.flush();
      if (this.stateValue.kind !== 'failed') this.setState({ kind: 'stopped' });
    })();
    return this.stopping;
  }

  /** After a failure: starts polling again where each blob was left; the buffer and the counts are kept. */
  async reconnect(): Promise<void> {
    if (this.stateValue.kind !== 'failed' || this.stopping) throw new Error('Only a tail that failed can reconnect.');
    await this.running;
    if (this.stopping) return;
    this.closed = false;
    this.store = undefined;
    this.failingSince = 0;
    this.restartState();
    this.running = this.run();
  }

  // ---- polling ---------------------------------------------------------------------------------

  private async run(): Promise<void> {
    while (!this.closed) {
      let wait = this.pollIntervalMs;
      try {
        await this.poll();
        if (this.closed) return;
        this.failingSince = 0;
        this.setState({ kind: 'live' });
      } catch (error) {
        if (this.closed) return;
        const problem = this.describe(error);
        if (isPermanentStorageProblem(problem.code)) return this.fail(problem.message);
        this.noteFailure(problem.message);
        if (this.now() - this.failingSince >= this.failAfterMs) return this.fail(problem.message);
        // A throttled account that says how long to wait (Retry-After) is not asked again sooner.
        wait = Math.max(wait, retryAfterMs(error) ?? 0);
      }
      this.flush();
      await this.sleep(wait);
    }
  }

  private async poll(): Promise<void> {
    if (!this.store) {
      const s = this.options.store;
      this.store = typeof s === 'function' ? await s() : s;
    }
    const store = this.store;
    if (this.now() - this.lastDiscovery >= this.discoverIntervalMs) {
      await this.discover(store);
      this.lastDiscovery = this.now();
    }
    let firstError: unknown;
    for (const stream of this.streams.values()) {
      if (this.closed) return;
      try {
        await this.advance(store, stream);
      } catch (error) {
        // One table's trouble (a vanished blob, a throttled read) does not hold up the others.
        firstError ??= error;
      }
    }
    if (firstError !== undefined) throw firstError;
  }

  /** Finds the containers (when no tables were chosen) and each container's tenants; new ones become streams. */
  private async discover(store: BlobStore): Promise<void> {
    const containers = this.options.tables
      ? this.options.tables.map(containerOfTable)
      : (await store.listContainers(CONTAINER_PREFIX)).filter((c) => tableOfContainer(c) !== undefined);
    const firstTime = this.lastDiscovery === -Infinity;
    for (const container of containers) {
      let tenants: string[];
      try {
        tenants = await listTenants(store, container);
      } catch (error) {
        if (this.describe(error, container).code === 'containerNotFound') continue; // not written yet: looked for again later
        throw error;
      }
      const table = tableOfContainer(container)?.table ?? container;
      for (const tenantId of tenants) {
        const key = `${container}/${tenantId}`;
        if (this.streams.has(key)) continue;
        this.streams.set(key, this.newStream(container, table, tenantId, firstTime));
      }
    }
  }

  private newStream(container: string, table: string, tenantId: string, atStart: boolean): Stream {
    const base = { container, table, tenantId };
    const resumed = this.resumePoint(container, tenantId);
    if (resumed) {
      return {
        ...base,
        startAtEnd: false,
        fromHour: resumed.hour,
        blob: { hour: resumed.hour, path: resumed.path, createdOn: 0 },
        reader: new LineReader(resumed.offset, this.maxLineBytes),
        skipThrough: resumed.offset,
      };
    }
    // A table or tenant that appears while the tail runs is read from the hour the tail started.
    if (!atStart) return { ...base, startAtEnd: false, fromHour: floorHour(this.startedAt) };
    const start = this.start;
    if (start.kind === 'earliest') return { ...base, startAtEnd: false, fromHour: -Infinity };
    if (start.kind === 'time') {
      const at = start.enqueuedAfter.getTime();
      return { ...base, startAtEnd: false, fromHour: floorHour(at), skipBefore: at > floorHour(at) ? at : undefined };
    }
    return { ...base, startAtEnd: true, fromHour: -Infinity };
  }

  /** The newest blob of a table and tenant in `resumeAfter`, and the offset of the last line delivered from it. */
  private resumePoint(container: string, tenantId: string): { path: string; hour: number; offset: number } | undefined {
    let best: { path: string; hour: number; offset: number } | undefined;
    for (const [key, offset] of Object.entries(this.options.resumeAfter ?? {})) {
      if (!key.startsWith(`${container}/`) || !Number.isSafeInteger(offset) || offset < 0) continue;
      const path = key.slice(container.length + 1);
      const blob = parseHourBlobPath(path);
      if (blob?.tenantId === tenantId && (!best || blob.hour > best.hour)) best = { path, hour: blob.hour, offset };
    }
    return best;
  }

  /** Reads what was appended to a stream's blob since the last read, and moves on to the next hour's blob when there is one. */
  private async advance(store: BlobStore, stream: Stream): Promise<void> {
    const horizon = this.now() + CLOCK_SKEW_MS;
    if (!stream.blob) {
      const found = stream.startAtEnd
        ? await findHour(store, stream.container, stream.tenantId, 'desc')
        : await findHour(store, stream.container, stream.tenantId, 'asc', stream.fromHour);
      if (!found) return;
      const offset = stream.startAtEnd ? await lineBoundaryBefore(store, stream.container, found.path, found.size) : 0;
      stream.blob = { hour: found.hour, path: found.path, createdOn: found.createdOn };
      stream.reader = new LineReader(offset, this.maxLineBytes);
    }
    for (;;) {
      const blob = stream.blob;
      const reader = stream.reader as LineReader;
      const info = await store.properties(stream.container, blob.path);
      if (info === undefined) {
        // Deleted (or its container was): move on when a later hour exists, else report and look again.
        blob.gone = true;
        const next = await this.nextOrUndefined(store, stream, horizon);
        if (next) continue;
        throw Object.assign(new Error(`The blob ${blob.path} in ${stream.container} is gone.`), {
          statusCode: 404,
          code: 'BlobNotFound',
          blobGone: stream,
        });
      }
      if (blob.createdOn === 0) blob.createdOn = info.createdOn; // a resumed blob: known from now on
      const anew = blob.gone === true || (info.createdOn !== blob.createdOn && blob.createdOn !== 0 && info.createdOn !== 0);
      if (info.size < reader.offset || anew) {
        // The blob was deleted and written anew: read the new one from its start.
        this.notify('info', `The blob ${blob.path} in ${stream.container} was written anew: it is read again from its start.`);
        blob.createdOn = info.createdOn;
        blob.gone = false;
        stream.reader = new LineReader(0, this.maxLineBytes);
        stream.skipThrough = undefined;
        this.pipeline.forgetPosition(`${stream.container}/${blob.path}`);
        continue;
      }
      // One piece is read ahead while the last one is split and decoded: the download and the CPU overlap,
      // and memory stays at two pieces.
      const readAt = (offset: number): Promise<Uint8Array> => {
        const piece = store.read(stream.container, blob.path, offset, Math.min(this.readChunkBytes, info.size - offset));
        piece.catch(() => undefined); // a piece left unread (the tail stopped, or the one before failed) fails quietly
        return piece;
      };
      let pending = reader.offset < info.size ? readAt(reader.offset) : undefined;
      while (pending && !this.closed) {
        const bytes = await pending;
        if (bytes.length === 0) break;
        const next = reader.offset + bytes.length;
        pending = next < info.size && !this.closed ? readAt(next) : undefined;
        await this.ingestInSlices(stream, reader.push(bytes), info.lastModified);
      }
      if (this.closed) return;
      if (blob.hour + HOUR_MS > horizon) return; // the current hour: more may come
      const next = await this.nextOrUndefined(store, stream, horizon);
      if (!next) return;
    }
  }

  /** Switches a stream to its next hour blob when one exists (ending the held line of the old one). */
  private async nextOrUndefined(store: BlobStore, stream: Stream, horizon: number): Promise<boolean> {
    const blob = stream.blob as { hour: number; path: string };
    const next = await nextHour(store, stream.container, stream.tenantId, blob.hour, horizon);
    if (!next) return false;
    const reader = stream.reader as LineReader;
    this.ingest(stream, reader.flush(), this.now());
    stream.blob = { hour: next.hour, path: next.path, createdOn: next.createdOn };
    stream.reader = new LineReader(0, this.maxLineBytes);
    stream.skipBefore = undefined;
    stream.skipThrough = undefined;
    return true;
  }

  /**
   * Ingests a piece's lines a slice at a time, letting the event loop turn between slices: the thread (the
   * extension host's) is never held for a whole piece. Stops between slices when the tail stops.
   */
  private async ingestInSlices(stream: Stream, lines: readonly BlobLine[], lastModified: number): Promise<void> {
    for (let at = 0; at < lines.length; at += this.sliceLines) {
      if (at > 0) {
        await nextTurn();
        if (this.closed) return;
      }
      this.ingest(stream, lines.slice(at, at + this.sliceLines), lastModified);
    }
  }

  private ingest(stream: Stream, lines: readonly BlobLine[], lastModified: number): void {
    if (lines.length === 0) return;
    const enqueuedTimeUtc = new Date(lastModified);
    const events: PipelineEvent[] = [];
    for (const line of lines) {
      if (line.truncated && !stream.toldLongLine) {
        stream.toldLongLine = true;
        this.notify(
          'warning',
          `A line of ${line.length} bytes in ${stream.container} is longer than the ${this.maxLineBytes} bytes a tail keeps of one line: it is shown as a malformed row with its start.`,
        );
      }
      if (stream.skipThrough !== undefined && line.offset <= stream.skipThrough) continue;
      if (stream.skipBefore !== undefined && !line.truncated && recordTimeOf(line.bytes) < stream.skipBefore) continue;
      events.push({ body: line.bytes, sequenceNumber: line.offset, enqueuedTimeUtc });
    }
    const partition = (stream.blob as { path: string }).path;
    this.pipeline.ingest(`${stream.container}/${partition}`, events);
    if (this.pipeline.overflowing) {
      if (this.pausedValue) this.pipeline.dropOverflow();
      else this.flush();
    } else this.scheduleEmit();
  }

  // ---- state and emitting ----------------------------------------------------------------------

  private describe(error: unknown, container?: string): StorageProblem {
    const gone = (error as { blobGone?: Stream }).blobGone;
    if (gone) return describeStorageProblem(error, this.options.account, { container: gone.container, blob: gone.blob?.path });
    return describeStorageProblem(error, this.options.account, { container });
  }

  private noteFailure(message: string): void {
    if (this.failingSince === 0) this.failingSince = this.now();
    this.setState({ kind: 'reconnecting', lastError: message, since: this.failingSince });
  }

  private fail(error: string): void {
    this.closed = true;
    this.setState({ kind: 'failed', error });
  }

  private notify(level: TailNotice['level'], message: string): void {
    this.pushNotice({ kind: 'storage', level, message, at: this.now() });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}

/** Where the last complete line of a blob ends (`size` when it ends with a line break), so "latest" never starts mid-line. */
async function lineBoundaryBefore(store: BlobStore, container: string, path: string, size: number): Promise<number> {
  if (size === 0) return 0;
  const last = await store.read(container, path, size - 1, 1);
  if (last[0] === 0x0a) return size;
  const count = Math.min(size, 1024 * 1024);
  const tail = await store.read(container, path, size - count, count);
  const at = tail.lastIndexOf(0x0a);
  return at < 0 ? (count === size ? 0 : size) : size - count + at + 1;
}

/** The record's `time` (ms) read from the start of its line without parsing it; +Infinity when there is none (kept). */
function recordTimeOf(bytes: Uint8Array): number {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  const m = /"time"\s*:\s*"([^"]{10,40})"/.exec(head);
  const t = m ? Date.parse(m[1]) : NaN;
  return Number.isNaN(t) ? Infinity : t;
}
