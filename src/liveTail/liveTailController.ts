import { DECORATION_COLUMNS, TABLES } from '../core/catalog/schemaCatalog';
import { CATALOG_LOOKUP, type SchemaLookup } from '../core/catalog/schemaLookup';
import { streamStatusLabel } from '../core/catalog/streamStatus';
import { redactError } from '../core/connection/redact';
import { compileFilter } from '../core/filter/recordFilter';
import { compileWhereFilter } from '../core/filter/where/where';
import type { ShapeLearner } from '../drift/shapeLearner';
import { recordText } from '../tail/ndjson';
import { entryBytes } from '../tail/textRecord';
import type { TailEntry, TailNotice } from '../tail/types';
import { BatchScheduler, realTimers, type Timers } from './batchScheduler';
import type { TableColumns } from './columnChoice';
import { formatExport } from './exportFormat';
import { SchemaFeed, schemaMessage } from './schemaFeed';
import { prettyJsonText } from './shared/jsonText';
import {
  parsePageMessage,
  type ExportFormat,
  type FilterSpec,
  type HostToPage,
  type InitMessage,
  type PageToHost,
  type WireEntry,
} from './shared/protocol';
import type { TailSource, Unsubscribe } from './tailSource';
import { toWireConnection, toWireEntry, toWireStats, type Summarize } from './wire';

/** See `LiveTailControllerOptions.maxPerBatch`. */
export const DEFAULT_MAX_PER_BATCH = 250;
/** See `LiveTailControllerOptions.catchUpIntervalMs`. */
export const DEFAULT_CATCH_UP_INTERVAL_MS = 50;

/** What the table filter says beside a catalog table that is not streamed (GA): it may still arrive. */
const TABLE_NOTES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(TABLES.filter((t) => t.streamStatus !== 'streamed').map((t) => [t.name, streamStatusLabel(t.streamStatus)])),
);

/** Every catalog table's column names, for the where box's completion (with the columns Defender adds to any table). */
const TABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = Object.freeze(
  Object.fromEntries(TABLES.map((t) => [t.name, [...t.columns.map((c) => c.name), ...DECORATION_COLUMNS.map((c) => c.name)]])),
);

/** What the controller asks of VS Code (implemented by LiveTailPanel; scripted in tests). */
export interface LiveTailHost {
  post(message: HostToPage): void;
  copy(text: string): Promise<void>;
  openJson(text: string): Promise<void>;
  /** Runs the validator on one record's JSON; returns a message for the page when there is one. */
  validate(text: string): Promise<string | undefined>;
  insertGetschema(tables: readonly string[]): Promise<void>;
  /** Asks where to save and writes `content()` there; `undefined` when the user cancelled. */
  saveExport(format: ExportFormat, count: number, content: () => string): Promise<string | undefined>;
  /** Opens the schema drift report of this tail (the Report Schema Drift command). */
  reportDrift?(): Promise<void>;
  /** The columns chosen for this hub's tables (kept by VS Code); absent: the summary everywhere. */
  columns?(): TableColumns;
  /** Asks which table (unless given) and which columns in which order, and keeps them; the hub's columns after, `undefined` when cancelled. */
  chooseColumns?(request: ColumnRequest): Promise<TableColumns | undefined>;
}

/** What "Columns…" asks with: the page's table (when it shows one), the tables to offer, the columns records carried. */
export interface ColumnRequest {
  readonly table?: string;
  readonly tables: readonly string[];
  readonly seen: (table: string) => readonly string[];
}

/** The Schema view of a tail: what learns its records' shape and the schema they are compared with. */
export interface LiveTailDriftOptions {
  /** Fed with every record the tail receives (kept by the panel, where Report Schema Drift finds it). */
  readonly learner: ShapeLearner;
  /** The schema to compare with (the workspace's tenant schema over the catalog): read each time the view opens. */
  readonly schema: () => Promise<SchemaLookup>;
  /** How often an open view is refreshed (default 1,500 ms; only when something changed). */
  readonly intervalMs?: number;
  /** Records per table per second parsed to learn from, for records kept as text (default 20). */
  readonly samplesPerSecond?: number;
}

/** What the page is told at init (see `InitMessage`); `capacityBytes` also bounds what waits to be posted. */
export interface LiveTailControllerOptions extends Omit<InitMessage, 'type' | 'paused'> {
  readonly host: LiveTailHost;
  /** Creates and starts a new session; called again by Retry. */
  readonly createSource: () => Promise<TailSource>;
  readonly summarize: Summarize;
  readonly timers?: Timers;
  /** Default 100 ms: at most 10 posts a second while following. */
  readonly intervalMs?: number;
  /**
   * Entries per post at most (default 250, at most 2,500 a second while following): what the host's
   * thread spends on one post (each entry's summary and time read from its JSON, then the message
   * serialized) stays a few milliseconds, so the extension host never stalls for the panel. Faster than
   * that, the page shows the newest and counts the others as passed over.
   */
  readonly maxPerBatch?: number;
  /**
   * A replay (a page that loads, Pause) or a catch-up goes out in posts of `maxPerBatch` this often
   * (default 50 ms: a 10,000-entry buffer in 2 s), short tasks with room for others between them.
   */
  readonly catchUpIntervalMs?: number;
  /** Bytes of entries per post at most (default 16 MiB; a larger entry goes alone). */
  readonly maxBytesPerBatch?: number;
  /** How often counts are refreshed when nothing else happens (default 1,000 ms). */
  readonly statsIntervalMs?: number;
  readonly log?: (message: string) => void;
  /** The Schema view; without it the view says it is not available. */
  readonly drift?: LiveTailDriftOptions;
}

/**
 * The Live Tail panel without VS Code: connects one tail session to one page. Replays the session's
 * buffer to a page that (re)loads (a hidden page is unloaded and says "ready" again when shown),
 * batches posts, and answers the page's requests. The session is not filtered: the page filters what
 * it shows, and export applies the same filter to the session's buffer.
 */
export class LiveTailController {
  private readonly scheduler: BatchScheduler<TailEntry>;
  private readonly timers: Timers;
  private source: TailSource | undefined;
  private subscriptions: Unsubscribe[] = [];
  private statsTimer: unknown;
  private pageReady = false;
  private visible = true;
  private paused = false;
  private filter: FilterSpec = { tables: [], text: '' };
  private disposed = false;
  private startFailure: string | undefined;
  /** The newest entry id the page got in a replay: entries the session emits later up to it are not sent twice. */
  private replayedUpTo = 0;
  private readonly feed: SchemaFeed | undefined;
  /** The newest entry id learned from (a replay must not teach the learner twice). */
  private learnedUpTo = 0;
  private schemaOpen = false;
  private schemaLookup: SchemaLookup | undefined;
  private schemaTimer: unknown;
  private postedVersion = -1;
  /** The newest entry id posted to the page since its last reset. */
  private postedUpTo = 0;
  /** Entries passed over since the page's last reset to keep up with a fast stream (they stay in the buffer). */
  private skippedSinceReset = 0;
  /** The newest entry id the source handed over or a replay held (ids are consecutive within a session). */
  private receivedUpTo = 0;
  /** Ids the source skipped since the last post (a session's `maxEmit` hands over only the newest): passed over too. */
  private skippedBySource = 0;
  /** Bumped by each replay: a buffer asked for earlier is not replayed over a newer one. */
  private replayGeneration = 0;

  constructor(private readonly o: LiveTailControllerOptions) {
    this.timers = o.timers ?? realTimers;
    this.scheduler = new BatchScheduler<TailEntry>({
      intervalMs: o.intervalMs ?? 100,
      catchUpIntervalMs: o.catchUpIntervalMs ?? DEFAULT_CATCH_UP_INTERVAL_MS,
      maxPerBatch: o.maxPerBatch ?? DEFAULT_MAX_PER_BATCH,
      capacity: o.capacity,
      capacityBytes: o.capacityBytes,
      maxBytesPerBatch: o.maxBytesPerBatch ?? DEFAULT_MAX_BYTES_PER_BATCH,
      sizeOf: entryBytes,
      timers: this.timers,
      flush: ({ reset, entries, skipped }) => this.postBatch(reset, entries, skipped),
    });
    if (o.drift) this.feed = new SchemaFeed(o.drift.learner, o.drift.samplesPerSecond);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get currentFilter(): FilterSpec {
    return this.filter;
  }

  /** Creates and starts the session. A failure to start shows as the "failed" state with Retry. */
  async start(): Promise<void> {
    await this.stopSource();
    if (this.disposed) return;
    this.startFailure = undefined;
    try {
      const source = await this.o.createSource();
      if (this.disposed) {
        await source.stop();
        return;
      }
      this.source = source;
      this.subscriptions.push(
        source.onEntries((entries) => {
          this.learn(entries);
          this.pushNew(entries);
        }),
        source.onState(() => this.scheduler.touch()),
        source.onStats(() => this.scheduler.touch()),
      );
      if (source.onNotice) this.subscriptions.push(source.onNotice((notice) => this.showNotice(notice)));
      this.replayedUpTo = 0; // a new session numbers its entries from 1
      this.learnedUpTo = 0;
      this.receivedUpTo = 0;
      this.skippedBySource = 0;
      await this.replayBuffer();
      this.scheduleStatsTick();
      this.scheduler.touch();
    } catch (error) {
      this.startFailure = redactError(error);
      this.o.log?.(`Live tail could not start: ${this.startFailure}`);
      this.scheduler.touch();
    }
  }

  /** Retry: a source that failed reconnects and resumes where it was; one that never started starts again. */
  async retry(): Promise<void> {
    const source = this.source;
    if (source?.reconnect && source.state.kind === 'failed') {
      await source.reconnect();
      this.scheduler.touch();
      return;
    }
    await this.start();
  }

  /**
   * Sends the page the session's buffer from scratch. The buffer can already hold entries the session
   * has not emitted yet (they go out at its next emit, or on Resume): those are skipped when they come.
   */
  private replay(snapshot: readonly TailEntry[]): void {
    this.replayGeneration++; // a buffer still on its way from the session is older than this
    if (snapshot.length > 0) this.replayedUpTo = Math.max(this.replayedUpTo, snapshot[snapshot.length - 1].id);
    this.receivedUpTo = Math.max(this.receivedUpTo, this.replayedUpTo);
    this.skippedBySource = 0; // the page gets the whole buffer
    this.scheduler.replay(snapshot);
  }

  /** Asks the session for its buffer (it may be in a worker thread) and replays it, unless something newer was replayed meanwhile. */
  private async replayBuffer(): Promise<void> {
    const generation = ++this.replayGeneration;
    const snapshot = (await this.source?.snapshot({}).catch(() => [])) ?? [];
    if (generation !== this.replayGeneration || this.disposed) return;
    this.replay(snapshot);
  }

  /** Every record the session emits (once each) teaches the Schema view's learner. */
  private learn(entries: readonly TailEntry[]): void {
    const feed = this.feed;
    if (!feed || entries.length === 0) return;
    const upTo = this.learnedUpTo;
    const last = entries[entries.length - 1].id;
    if (last <= upTo) return;
    feed.observe(entries[0].id > upTo ? entries : entries.filter((e) => e.id > upTo));
    this.learnedUpTo = last;
  }

  private pushNew(entries: readonly TailEntry[]): void {
    const upTo = this.replayedUpTo;
    if (entries.length === 0 || entries[entries.length - 1].id <= upTo) return;
    const fresh = entries[0].id > upTo ? entries : entries.filter((e) => e.id > upTo);
    this.countSkippedIds(fresh);
    this.scheduler.push(fresh);
  }

  /** Ids between those the source handed over: entries it did not (a session's `maxEmit`), counted as passed over. */
  private countSkippedIds(entries: readonly TailEntry[]): void {
    let previous = this.receivedUpTo;
    for (const entry of entries) {
      if (entry.id > previous + 1) this.skippedBySource += entry.id - previous - 1; // a session numbers its entries from 1
      if (entry.id > previous) previous = entry.id;
    }
    this.receivedUpTo = previous;
  }

  /** The panel became visible or hidden. A hidden page is unloaded: it says "ready" again when shown. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) this.pageReady = false;
    this.scheduler.setOpen(this.pageReady && this.visible);
  }

  /** A message from the page. */
  async handleMessage(raw: unknown): Promise<void> {
    const message = parsePageMessage(raw);
    if (!message) {
      this.o.log?.('Live tail: ignored an unexpected message from the page.');
      return;
    }
    try {
      await this.dispatch(message);
    } catch (error) {
      const text = redactError(error);
      this.o.log?.(`Live tail: ${message.type} failed: ${text}`);
      this.notice('error', text);
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.scheduler.dispose();
    this.stopSchemaTimer();
    await this.stopSource();
  }

  private async dispatch(message: PageToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        this.schemaOpen = false; // a (re)loaded page says again when its Schema view is open
        this.stopSchemaTimer();
        this.o.host.post({
          type: 'init',
          hub: { configId: this.o.hub.configId, hubName: this.o.hub.hubName },
          hubLabel: this.o.hubLabel,
          startPosition: this.o.startPosition,
          capacity: this.o.capacity,
          ...(this.o.capacityBytes !== undefined ? { capacityBytes: this.o.capacityBytes } : {}),
          knownTables: this.o.knownTables,
          tableNotes: TABLE_NOTES,
          tableColumns: TABLE_COLUMNS,
          paused: this.paused,
        });
        this.o.host.post({ type: 'columns', chosen: this.o.host.columns?.() ?? {} });
        await this.replayBuffer();
        this.scheduler.touch();
        this.scheduler.setOpen(this.visible);
        this.showLatestNotice();
        return;
      case 'pause':
      case 'resume':
        this.paused = message.type === 'pause';
        this.scheduler.setHold(this.paused);
        this.scheduler.touch();
        // Paused after entries were passed over to keep up: the page gets the whole buffer to look through.
        if (this.paused && (this.skippedSinceReset > 0 || this.skippedBySource > 0)) await this.replayBuffer();
        return;
      case 'clear':
        this.source?.clear();
        this.feed?.learner.clear();
        this.replay([]);
        this.postSchema();
        return;
      case 'schemaView':
        await this.setSchemaOpen(message.open);
        return;
      case 'reportDrift':
        if (this.o.host.reportDrift) await this.o.host.reportDrift();
        else this.notice('info', 'Schema drift reports are not available here.');
        return;
      case 'retry':
        await this.retry();
        return;
      case 'chooseColumns':
        await this.chooseColumns(message.table);
        return;
      case 'filter':
        // The page applies only a valid where; one that is not (a page is input) leaves the filter as it was.
        if (message.filter.where !== undefined && !compileWhereFilter(message.filter.where).ok) return;
        this.filter = message.filter;
        return;
      case 'copy':
        await this.o.host.copy(message.text);
        return;
      case 'openJson':
        await this.o.host.openJson(prettyJson(message.text));
        return;
      case 'validate': {
        const result = await this.o.host.validate(message.text);
        if (result) this.notice('info', result);
        return;
      }
      case 'insertGetschema':
        await this.o.host.insertGetschema(message.tables.length > 0 ? message.tables : await this.tablesInBuffer());
        return;
      case 'export': {
        const records = await this.filteredRecords();
        if (records.length === 0) {
          this.notice('info', 'No records match the current filter: nothing to export.');
          return;
        }
        const where = await this.o.host.saveExport(message.format, records.length, () => formatExport(message.format, records));
        if (where) this.notice('info', `Exported ${records.length} record${records.length === 1 ? '' : 's'} to ${where}.`);
        return;
      }
    }
  }

  /** "Columns…": the host asks; the page gets the hub's columns after the change. */
  private async chooseColumns(table: string | undefined): Promise<void> {
    const host = this.o.host;
    if (!host.chooseColumns) {
      this.notice('info', 'Choosing columns is not available here.');
      return;
    }
    const arrived = table === undefined ? await this.tablesInBuffer() : [];
    const tables = [...new Set([...arrived, ...this.o.knownTables])];
    const learner = this.feed?.learner;
    const chosen = await host.chooseColumns({
      ...(table !== undefined ? { table } : {}),
      tables,
      seen: (t) => [...(learner?.table(t)?.columns.keys() ?? [])],
    });
    if (chosen && this.pageReady) host.post({ type: 'columns', chosen });
  }

  /** The JSON text (as received) of the records in the buffer that pass the page's current filter (the same rule the page applies). */
  async filteredRecords(): Promise<string[]> {
    const filter = compileFilter({
      tables: this.filter.tables,
      text: this.filter.text,
      other: this.filter.other,
      where: this.filter.where,
    });
    const out: string[] = [];
    for (const entry of await this.buffered()) if (entry.type === 'record' && filter.matches(entry)) out.push(recordText(entry));
    return out;
  }

  private async tablesInBuffer(): Promise<string[]> {
    const seen = new Set<string>();
    for (const entry of await this.buffered()) if (entry.type === 'record' && entry.table !== '') seen.add(entry.table);
    return [...seen].sort();
  }

  /** What the session's buffer holds (nothing without a session). */
  private async buffered(): Promise<TailEntry[]> {
    return (await this.source?.snapshot({})) ?? [];
  }

  private postBatch(reset: boolean, entries: TailEntry[], skipped: number): void {
    // The page appends what is not a reset: never an entry it has (ids grow within a session, and a new
    // session starts with a reset), whatever path handed it over twice.
    if (reset) {
      this.postedUpTo = 0;
      this.skippedSinceReset = 0;
    }
    this.skippedSinceReset += skipped + this.skippedBySource;
    this.skippedBySource = 0;
    const upTo = this.postedUpTo;
    const fresh = entries.length > 0 && entries[0].id <= upTo ? entries.filter((e) => e.id > upTo) : entries;
    if (fresh.length > 0) this.postedUpTo = fresh[fresh.length - 1].id;
    const wire: WireEntry[] = fresh.map((e) => toWireEntry(e, this.o.summarize));
    const source = this.source;
    const connection =
      this.startFailure !== undefined
        ? { kind: 'failed' as const, error: this.startFailure }
        : source
          ? toWireConnection(source.state)
          : { kind: 'connecting' as const };
    const stats = source
      ? toWireStats(source.stats())
      : { receivedRecords: 0, receivedEvents: 0, malformed: 0, dropped: 0, rate: 0, tables: [] };
    this.o.host.post({ type: 'batch', reset, entries: wire, skipped: this.skippedSinceReset, stats, connection, paused: this.paused });
  }

  /** A page that (re)loads shows the session's newest notice (it shows one at a time). */
  private showLatestNotice(): void {
    const said = this.source?.notices;
    if (said && said.length > 0) this.showNotice(said[said.length - 1]);
  }

  /** A session's notice: a warning (a partition it may not read, a recreated hub) shows like an error. */
  private showNotice(notice: TailNotice): void {
    this.notice(notice.level === 'warning' ? 'error' : 'info', notice.message);
  }

  private notice(level: 'info' | 'error', text: string): void {
    if (this.pageReady) this.o.host.post({ type: 'notice', level, text });
  }

  /** Opens or closes the Schema view: the schema is read again on opening, then the view is refreshed on a timer. */
  private async setSchemaOpen(open: boolean): Promise<void> {
    this.schemaOpen = open;
    this.stopSchemaTimer();
    if (!open) return;
    const drift = this.o.drift;
    if (!drift) {
      this.o.host.post({
        type: 'schema',
        schema: 'Not available in this panel.',
        sampling: '',
        tables: [],
        omittedTables: 0,
        notes: [],
      });
      return;
    }
    try {
      this.schemaLookup = await drift.schema();
    } catch (error) {
      this.o.log?.(`Live tail: the workspace schema could not be read, using the catalog: ${redactError(error)}`);
      this.schemaLookup = CATALOG_LOOKUP;
    }
    if (!this.schemaOpen || this.disposed) return;
    this.postedVersion = -1;
    this.postSchema();
    this.scheduleSchemaTick();
  }

  /** Posts the Schema view's content when it is open, shown, and something changed since the last post. */
  private postSchema(): void {
    const feed = this.feed;
    const lookup = this.schemaLookup;
    if (!feed || !lookup || !this.schemaOpen || !this.pageReady || !this.visible) return;
    if (feed.learner.version === this.postedVersion) return;
    this.postedVersion = feed.learner.version;
    this.o.host.post(schemaMessage(feed.learner, lookup, feed.samplingText));
  }

  private scheduleSchemaTick(): void {
    if (this.schemaTimer !== undefined || this.disposed || !this.schemaOpen) return;
    this.schemaTimer = this.timers.setTimeout(() => {
      this.schemaTimer = undefined;
      if (this.disposed || !this.schemaOpen) return;
      this.postSchema();
      this.scheduleSchemaTick();
    }, this.o.drift?.intervalMs ?? 1500);
  }

  private stopSchemaTimer(): void {
    if (this.schemaTimer !== undefined) this.timers.clearTimeout(this.schemaTimer);
    this.schemaTimer = undefined;
  }

  private scheduleStatsTick(): void {
    if (this.statsTimer !== undefined || this.disposed) return;
    this.statsTimer = this.timers.setTimeout(() => {
      this.statsTimer = undefined;
      if (this.disposed || !this.source) return;
      this.scheduler.touch();
      this.scheduleStatsTick();
    }, this.o.statsIntervalMs ?? 1000);
  }

  private async stopSource(): Promise<void> {
    if (this.statsTimer !== undefined) this.timers.clearTimeout(this.statsTimer);
    this.statsTimer = undefined;
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions = [];
    const source = this.source;
    this.source = undefined;
    if (source) {
      try {
        await source.stop();
      } catch (error) {
        this.o.log?.(`Live tail: stopping the session failed: ${redactError(error)}`);
      }
    }
  }
}

/**
 * JSON text re-indented (2 spaces) with every value written as it was (nothing is parsed: see
 * `prettyJsonText`); text that is not JSON is returned unchanged.
 */
export function prettyJson(text: string): string {
  const pretty = prettyJsonText(text);
  return pretty === undefined ? text : `${pretty}\n`;
}

const DEFAULT_MAX_BYTES_PER_BATCH = 16 * 1024 * 1024;
