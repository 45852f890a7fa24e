import { clampSetting, NUMBER_SETTINGS } from '../config/settings';
import { decodeMessage } from '../core/decode/decodeMessage';
import { scanInto, ScannedRecords } from '../core/decode/scanMessage';
import { compileFilter, type RecordFilter, type RecordFilterSpec } from '../core/filter/recordFilter';
import { RingBuffer } from '../core/filter/ringBuffer';
import { ByteArena } from './byteArena';
import { RateMeter } from './rateMeter';
import { bareRecordText, receivedRecordTexts } from './receivedRecordTexts';
import { entryBytes, TextTailRecord } from './textRecord';
import type { TailEntry, TailStats, TableStats } from './types';

/** What the pipeline needs of a received event (`ReceivedEventData` has these fields). */
export interface PipelineEvent {
  readonly body: unknown;
  readonly sequenceNumber: number;
  readonly enqueuedTimeUtc: Date;
}

export interface PipelineOptions {
  /** Ring buffer capacity (default 10,000). */
  readonly bufferSize?: number;
  /** Most bytes the ring buffer keeps (default 256 MiB): see `entryBytes`. */
  readonly bufferBytes?: number;
  readonly filter?: RecordFilterSpec;
  /** Clock for rates (tests); default `Date.now`. */
  readonly now?: () => number;
  /** The id of the first entry (default 1): a tail restarted in a new worker goes on from where the old one was. */
  readonly firstEntryId?: number;
  /**
   * Where `ingest` writes its running totals after each batch (events, records, bytes, shown records; see
   * `LIVE_COUNTERS`): a worker shares this memory with the thread that shows them, which reads them live.
   */
  readonly liveCounters?: Float64Array;
}

/** The slots of `PipelineOptions.liveCounters`. */
export const LIVE_COUNTERS = { receivedEvents: 0, receivedRecords: 1, receivedBytes: 2, shownRecords: 3, length: 4 } as const;

export const DEFAULT_BUFFER_SIZE = 10_000;

/** The `defenderStream.tail.bufferMegabytes` setting: its default and range. */
export const BUFFER_MEGABYTES = {
  default: NUMBER_SETTINGS.bufferMegabytes.default,
  min: NUMBER_SETTINGS.bufferMegabytes.minimum,
  max: NUMBER_SETTINGS.bufferMegabytes.maximum,
} as const;

/** A `tail.bufferMegabytes` value (anything) as bytes: rounded and clamped; the default when it is not a number. */
export function bufferBytesFromMegabytes(value: unknown): number {
  return clampSetting(NUMBER_SETTINGS.bufferMegabytes, value) * 1024 * 1024;
}

/**
 * Tables counted one by one besides the catalog's (which always are): a stream can name any number of
 * categories, and each counted table is kept, sent to the Live Tail page on every update and shown there
 * as a checkbox. Further tables, and names longer than `MAX_TRACKED_TABLE_NAME`, are counted together as
 * "other tables" (`TailStats.other`; their records are marked `other` and filtered with `other: true`).
 */
export const MAX_TRACKED_TABLES = 200;
/** Longer names are not counted one by one (a page's table filter takes names up to this length). */
export const MAX_TRACKED_TABLE_NAME = 200;

interface TableCounter {
  readonly table: string;
  readonly known: boolean;
  /** The counter of the "other tables". */
  readonly other: boolean;
  records: number;
  bytes: number;
  /** Records of the batch being ingested, added to the meter once per batch. */
  batch: number;
  readonly meter: RateMeter;
}

/**
 * The per-batch work of a tail, without any I/O: drops events already seen in their partition
 * (re-deliveries after a reconnect), decodes each body once (a scan without parsing when the body is
 * well-formed bytes, `decodeMessage` otherwise), counts records and bytes per table, counts malformed
 * messages by reason, applies the filter and keeps the newest entries in a ring buffer bounded by count
 * and by bytes. Entries added since the last `takePending()` wait for listeners in that buffer (those it
 * dropped meanwhile are gone), so nothing holds more than the buffer does.
 */
export class TailPipeline {
  readonly buffer: RingBuffer<TailEntry>;
  private filterValue: RecordFilter;
  /** The newest entry id `takePending()` returned: later ones are pending. */
  private takenUpTo = 0;
  /** Entries the buffer pushed out before `takePending()` returned them (see the constructor). */
  private readonly overflow: RingBuffer<TailEntry>;
  private nextId = 1;
  private readonly live: Float64Array | undefined;
  private readonly now: () => number;
  private startedAt: number;
  private readonly lastSeq = new Map<string, number>();
  /** Enqueued time (epoch ms) of the last event seen per partition (a bounded search stops a partition past its end time). */
  private readonly lastTime = new Map<string, number>();
  private readonly tables = new Map<string, TableCounter>();
  /** Counted tables the catalog does not know (at most `MAX_TRACKED_TABLES`). */
  private unknownTables = 0;
  private otherTables = newCounter('', false, true);
  private readonly meter = new RateMeter();
  /** Where kept records' bytes are copied (a body can be a view of a large network buffer). */
  private readonly arena = new ByteArena();
  /** Reused for every body (src/core/decode/scanMessage.ts). */
  private readonly scanned = new ScannedRecords();
  private receivedEvents = 0;
  private receivedRecords = 0;
  private receivedBytes = 0;
  private shownRecords = 0;
  private malformed = 0;
  private duplicates = 0;
  private malformedByReason: Record<string, number> = {};

  constructor(options: PipelineOptions = {}) {
    const capacity = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
    const bytes = options.bufferBytes ?? BUFFER_MEGABYTES.default * 1024 * 1024;
    this.overflow = new RingBuffer<TailEntry>(capacity, bytes);
    this.buffer = new RingBuffer<TailEntry>(capacity, bytes, (entry) => {
      // Pushed out before listeners had it (a burst bigger than the buffer between two flushes): it
      // waits here until the next takePending(), which the session calls right after each ingest
      // that overflowed. Bounded like the buffer (count and bytes), so at most twice the budget waits.
      if (entry.id > this.takenUpTo) this.overflow.push(entry, entryBytes(entry));
    });
    this.filterValue = compileFilter(options.filter);
    this.nextId = options.firstEntryId ?? 1;
    this.takenUpTo = this.nextId - 1;
    this.live = options.liveCounters;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  get filter(): RecordFilterSpec {
    return this.filterValue.spec;
  }

  /** Applies to records ingested from now on. */
  setFilter(spec: RecordFilterSpec): void {
    this.filterValue = compileFilter(spec);
  }

  /** The last sequence number ingested from a partition (-1 when none). */
  lastSequenceNumber(partitionId: string): number {
    return this.lastSeq.get(partitionId) ?? -1;
  }

  /** Forgets every partition's last sequence number: the hub was recreated and numbers its events from 0 again. */
  forgetPositions(): void {
    this.lastSeq.clear();
    this.lastTime.clear();
  }

  /** Forgets one partition's last sequence number (a Storage blob written anew numbers its lines from 0 again). */
  forgetPosition(partitionId: string): void {
    this.lastSeq.delete(partitionId);
    this.lastTime.delete(partitionId);
  }

  /** Ingests one receive batch of one partition; returns how many entries it added. */
  ingest(partitionId: string, events: readonly PipelineEvent[]): number {
    if (events.length === 0) return 0;
    const filter = this.filterValue;
    const keepAll = filter.isEmpty;
    const touched: TableCounter[] = [];
    let last = this.lastSeq.get(partitionId) ?? -1;
    let lastTime = -1;
    let added = 0;
    let records = 0;
    for (let e = 0; e < events.length; e++) {
      const event = events[e];
      const sequenceNumber = event.sequenceNumber;
      if (sequenceNumber <= last) {
        this.duplicates++;
        continue;
      }
      last = sequenceNumber;
      this.receivedEvents++;
      const enqueuedTime = event.enqueuedTimeUtc.getTime();
      lastTime = enqueuedTime;
      const body = event.body;
      const scanned = this.scanned;
      if (body instanceof Uint8Array && scanInto(body, scanned)) {
        // Fast path: counted and filtered by table without parsing; kept records keep a copy of their bytes.
        const bytes = body.byteLength;
        const n = scanned.count;
        this.receivedBytes += bytes;
        records += n;
        const share = n > 0 ? bytes / n : 0;
        for (let i = 0; i < n; i++) {
          const table = scanned.table[i];
          const known = scanned.known[i];
          const other = this.count(table, known, share, touched).other;
          if (!keepAll && !filter.matchesTable(table, other)) continue;
          const start = scanned.start[i];
          const end = scanned.end[i];
          const store = this.arena.copy(body, start, end);
          const entry = new TextTailRecord(
            this.nextId,
            table,
            known,
            other,
            share,
            partitionId,
            sequenceNumber,
            enqueuedTime,
            store,
            this.arena.offset,
            end - start,
          );
          if (!keepAll && !filter.matchesContent(entry)) continue;
          this.nextId++;
          this.shownRecords++;
          this.keep(entry);
          added++;
        }
        continue;
      }
      const result = decodeMessage(body);
      this.receivedBytes += result.bytes;
      const decoded = result.records;
      records += decoded.length;
      const texts =
        typeof body === 'string' || body instanceof Uint8Array
          ? result.bareRecord
            ? [bareRecordText(bodyText(body))]
            : receivedRecordTexts(bodyText(body), decoded.length)
          : undefined;
      for (let i = 0; i < decoded.length; i++) {
        const r = decoded[i];
        const other = this.count(r.table, r.known, r.bytes, touched).other;
        if (keepAll || (filter.matchesTable(r.table, other) && filter.matchesContent(r))) {
          this.shownRecords++;
          this.keep({
            type: 'record',
            id: this.nextId++,
            table: r.table,
            known: r.known,
            other,
            record: r.record,
            json: texts?.[i],
            bytes: r.bytes,
            partitionId,
            sequenceNumber,
            enqueuedTime,
          });
          added++;
        }
      }
      const bad = result.malformed;
      for (let i = 0; i < bad.length; i++) {
        const m = bad[i];
        this.malformed++;
        this.malformedByReason[m.reason] = (this.malformedByReason[m.reason] ?? 0) + 1;
        const entry: TailEntry = {
          type: 'malformed',
          id: this.nextId++,
          reason: m.reason,
          message: m.message,
          preview: m.preview,
          bytes: m.bytes,
          partitionId,
          sequenceNumber,
          enqueuedTime,
        };
        if (keepAll || malformedMatches(filter.spec, entry)) {
          this.keep(entry);
          added++;
        }
      }
    }
    this.lastSeq.set(partitionId, last);
    if (lastTime >= 0) this.lastTime.set(partitionId, lastTime);
    this.receivedRecords += records;
    this.publishCounters();
    const now = this.now();
    this.meter.add(records, now);
    for (const counter of touched) {
      counter.meter.add(counter.batch, now);
      counter.batch = 0;
    }
    return added;
  }

  /**
   * Counts one record of `table` and returns its counter: the table's own (every catalog table, records
   * without a category, and the first `MAX_TRACKED_TABLES` other names), else the "other tables" one.
   * The counter is added to `touched` the first time in a batch.
   */
  private count(table: string, known: boolean, bytes: number, touched: TableCounter[]): TableCounter {
    let counter = this.tables.get(table);
    if (counter === undefined) {
      if (known || table === '' || (this.unknownTables < MAX_TRACKED_TABLES && table.length <= MAX_TRACKED_TABLE_NAME)) {
        counter = newCounter(table, known, false);
        this.tables.set(table, counter);
        if (!known && table !== '') this.unknownTables++;
      } else {
        counter = this.otherTables;
      }
    }
    if (counter.batch === 0) touched.push(counter);
    counter.records++;
    counter.batch++;
    counter.bytes += bytes;
    return counter;
  }

  /** Writes the running totals where another thread reads them (`liveCounters`). */
  private publishCounters(): void {
    const live = this.live;
    if (!live) return;
    live[LIVE_COUNTERS.receivedEvents] = this.receivedEvents;
    live[LIVE_COUNTERS.receivedRecords] = this.receivedRecords;
    live[LIVE_COUNTERS.receivedBytes] = this.receivedBytes;
    live[LIVE_COUNTERS.shownRecords] = this.shownRecords;
  }

  private keep(entry: TailEntry): void {
    this.buffer.push(entry, entryBytes(entry));
  }

  /**
   * Entries added since the last call, oldest first: none is lost to listeners, also when more arrived
   * than the buffer holds (those pushed out meanwhile come first).
   */
  takePending(): TailEntry[] {
    const held = this.buffer.slice(this.firstPending());
    const out = this.overflow.size > 0 ? [...this.overflow.toArray(), ...held] : held;
    this.overflow.clear();
    if (out.length > 0) this.takenUpTo = out[out.length - 1].id;
    return out;
  }

  get pendingCount(): number {
    return this.overflow.size + this.buffer.size - this.firstPending();
  }

  /** Entries pushed out of the buffer before listeners had them: the session flushes at once. */
  get overflowing(): boolean {
    return this.overflow.size > 0;
  }

  /** Forgets the entries pushed out before listeners had them (a paused tail keeps only the newest). */
  dropOverflow(): void {
    this.overflow.clear();
  }

  /** Index in the buffer of the oldest entry not taken yet (ids grow along the buffer). */
  private firstPending(): number {
    const buffer = this.buffer;
    const upTo = this.takenUpTo;
    let lo = 0;
    let hi = buffer.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((buffer.at(mid) as TailEntry).id <= upTo) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Buffered entries (oldest first) that match `spec` (default: the current filter). */
  snapshot(spec?: RecordFilterSpec): TailEntry[] {
    const filter = spec === undefined ? this.filterValue : compileFilter(spec);
    const all = this.buffer.toArray();
    if (filter.isEmpty) return all;
    return all.filter((entry) => (entry.type === 'record' ? filter.matches(entry) : malformedMatches(filter.spec, entry)));
  }

  /** Empties the buffer and resets every counter; the last sequence number of each partition is kept. */
  clear(): void {
    this.overflow.clear();
    this.buffer.clear();
    this.tables.clear();
    this.unknownTables = 0;
    this.otherTables = newCounter('', false, true);
    this.meter.reset();
    this.receivedEvents = 0;
    this.receivedRecords = 0;
    this.receivedBytes = 0;
    this.shownRecords = 0;
    this.malformed = 0;
    this.duplicates = 0;
    this.malformedByReason = {};
    this.startedAt = this.now();
    this.publishCounters();
  }

  stats(): TailStats {
    const now = this.now();
    const tables: TableStats[] = [];
    for (const t of this.tables.values())
      tables.push({ table: t.table, known: t.known, records: t.records, bytes: t.bytes, rate: t.meter.rate(now, this.startedAt) });
    tables.sort((a, b) => b.records - a.records || a.table.localeCompare(b.table));
    const o = this.otherTables;
    return {
      receivedEvents: this.receivedEvents,
      receivedRecords: this.receivedRecords,
      receivedBytes: this.receivedBytes,
      shownRecords: this.shownRecords,
      malformed: this.malformed,
      malformedByReason: { ...this.malformedByReason },
      dropped: this.buffer.dropped,
      duplicates: this.duplicates,
      rate: this.meter.rate(now, this.startedAt),
      tables,
      ...(o.records > 0 ? { other: { records: o.records, bytes: o.bytes, rate: o.meter.rate(now, this.startedAt) } } : {}),
      lastSequenceNumbers: Object.fromEntries(this.lastSeq),
      lastEnqueuedTimes: Object.fromEntries(this.lastTime),
    };
  }
}

function newCounter(table: string, known: boolean, other: boolean): TableCounter {
  return { table, known, other, records: 0, bytes: 0, batch: 0, meter: new RateMeter() };
}

/**
 * Malformed entries have no table: a table filter keeps them; a text filter looks at reason, message and
 * preview; a where filter hides them (they have no columns).
 */
export function malformedMatches(spec: RecordFilterSpec, entry: { reason: string; message: string; preview: string }): boolean {
  if (spec.where && spec.where.trim() !== '') return false;
  if (!spec.text) return true;
  const needle = spec.text.toLowerCase();
  return (
    entry.reason.toLowerCase().includes(needle) ||
    entry.message.toLowerCase().includes(needle) ||
    entry.preview.toLowerCase().includes(needle)
  );
}

/** A body that decodeMessage read as text (bytes are UTF-8). */
function bodyText(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}
