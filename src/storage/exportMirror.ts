import type { LocalEvent, LocalHub } from '../localHub/types';
import { exportLinesOf } from './exportLines';
import { hourBlobPath } from './layout';
import type { BlobAppender } from './sdkBlobStore';

export interface ExportMirrorOptions {
  /** How often the gathered lines are appended (default 1 s: one append per blob and second, as a real export batches). */
  readonly flushIntervalMs?: number;
  /** Most bytes waiting to be written; beyond them records are dropped and counted (default 32 MiB). */
  readonly maxPendingBytes?: number;
  /** Clock (tests): the hour blob a record goes to is the hour it was written in. */
  readonly now?: () => number;
  /** Told once per failure streak (a stopped Azurite, say); writing goes on at the next flush. */
  readonly onError?: (error: unknown) => void;
}

export interface ExportMirrorStats {
  records: number;
  bytes: number;
  dropped: number;
}

/**
 * Writes Event Hubs message bodies into a storage account in the layout of Defender's Storage export, as
 * the demo's second destination (Azurite): each record becomes a line of its table's container, in the
 * append blob of its tenant and the current hour. Lines are gathered and appended once per flush interval;
 * memory is bounded by `maxPendingBytes`.
 */
export class StorageExportMirror {
  readonly stats: ExportMirrorStats = { records: 0, bytes: 0, dropped: 0 };
  private pending = new Map<string, { container: string; blob: string; lines: string[] }>();
  private pendingBytes = 0;
  private readonly timer: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private failing = false;
  private stopped = false;
  private readonly now: () => number;
  private readonly maxPendingBytes: number;

  constructor(
    private readonly appender: BlobAppender,
    private readonly options: ExportMirrorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxPendingBytes = options.maxPendingBytes ?? 32 * 1024 * 1024;
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1000);
    this.timer.unref?.();
  }

  /** Adds the records of one message body. */
  add(body: unknown): void {
    if (this.stopped) return;
    const hour = this.now();
    for (const { container, tenantId, line } of exportLinesOf(body)) {
      const size = Buffer.byteLength(line);
      if (this.pendingBytes + size > this.maxPendingBytes) {
        this.stats.dropped++;
        continue;
      }
      const blob = hourBlobPath(tenantId, hour);
      const key = `${container}/${blob}`;
      let entry = this.pending.get(key);
      if (!entry) this.pending.set(key, (entry = { container, blob, lines: [] }));
      entry.lines.push(line);
      this.pendingBytes += size;
    }
  }

  /** Appends what was gathered (one append per blob), after any append still running. */
  flush(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.pendingBytes = 0;
    this.writing = this.writing.then(async () => {
      for (const { container, blob, lines } of batch) {
        const bytes = Buffer.from(lines.join(''), 'utf8');
        try {
          await this.appender.append(container, blob, bytes);
          this.stats.records += lines.length;
          this.stats.bytes += bytes.length;
          this.failing = false;
        } catch (error) {
          this.stats.dropped += lines.length;
          if (!this.failing) this.options.onError?.(error);
          this.failing = true;
        }
      }
    });
    return this.writing;
  }

  /** Writes what is left and stops. */
  async stop(): Promise<void> {
    if (this.stopped) return this.writing;
    this.stopped = true;
    clearInterval(this.timer);
    await this.flush();
  }
}

/** A hub whose appended events also go to the mirror (the traffic pump writes to both). */
export function mirroredHub<H extends Pick<LocalHub, 'append' | 'hubNames'>>(
  hub: H,
  mirror: StorageExportMirror,
): Pick<LocalHub, 'append' | 'hubNames'> {
  return {
    get hubNames() {
      return hub.hubNames;
    },
    append(name: string, events: readonly LocalEvent[], partitionId?: string) {
      hub.append(name, events, partitionId);
      for (const e of events) mirror.add(e.body);
    },
  };
}
