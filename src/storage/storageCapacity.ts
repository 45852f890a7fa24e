import type { TableMeasurement } from '../capacity/capacityMath';
import type { CapacityMeasurement } from '../capacity/capacityMeter';
import { planCapacity } from '../capacity/capacityPlan';
import { capacityReport } from '../capacity/capacityReport';
import { measuredCapacityTemplate } from '../kql/measuredQuery';
import { renderText } from '../kql/snippet';
import type { StorageAccount } from './account';
import type { BlobStore } from './blobStore';
import { listTenants } from './hourFinder';
import { CONTAINER_PREFIX, containerOfTable, floorHour, HOUR_MS, hourBlobPath, tableOfContainer } from './layout';

/** Hours measured when none are chosen: the last day. */
export const DEFAULT_CAPACITY_HOURS = 24;
/** At most four weeks of hours (a request per table, tenant and hour). */
export const MAX_CAPACITY_HOURS = 24 * 28;
/** Largest ranged read while counting lines: memory stays at one piece, however large a blob is. */
export const COUNT_CHUNK_BYTES = 4 * 1024 * 1024;

export interface StorageCapacityOptions {
  /** Catalog table names; default: every `insights-logs-advancedhunting-*` container. */
  readonly tables?: readonly string[];
  /** The last N complete hours, ending where the current hour begins (default 24). */
  readonly hours?: number;
  /** The window ends where this time's hour begins (default: now, so the current hour is left out). */
  readonly now?: number;
  readonly readChunkBytes?: number;
  /** Stops between reads (the result so far is not returned: an abort rejects). */
  readonly signal?: AbortSignal;
  /** After each hour looked at: where the measurement is (for a progress bar). */
  readonly onProgress?: (progress: StorageCapacityProgress) => void;
}

export interface StorageCapacityProgress {
  readonly table: string;
  /** How much is done, 0 to 1: tables alike, each by its hours (and tenants) looked at. */
  readonly fraction: number;
  /** Records counted so far, all tables. */
  readonly records: number;
}

/** One hour blob counted. */
export interface CountedBlob {
  readonly table: string;
  readonly tenantId: string;
  readonly hour: number;
  /** The blob's size: the exported bytes, one line break per record included. */
  readonly bytes: number;
  /** Its lines (records). */
  readonly records: number;
}

export interface StorageCapacityResult extends CapacityMeasurement {
  /** Start of the first hour measured (ms since the epoch). */
  readonly startedAt: number;
  readonly hours: number;
  readonly blobs: readonly CountedBlob[];
}

/**
 * Measures what Defender exported to a storage account over the last `hours` complete hours: per table, the
 * exact bytes from the hour blobs' sizes and the records from their line counts (newlines counted with ranged
 * reads of at most `readChunkBytes`, so memory stays bounded). The answer is a `CapacityMeasurement`, the same
 * input the capacity report of Measure Capacity takes; each record counts as one Event Hubs event (Storage
 * knows nothing of Defender's messages: an upper bound on events/s). Tables without records are left out.
 */
export async function measureStorageCapacity(store: BlobStore, options: StorageCapacityOptions = {}): Promise<StorageCapacityResult> {
  const hours = options.hours ?? DEFAULT_CAPACITY_HOURS;
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_CAPACITY_HOURS)
    throw new Error(`The hours to measure must be a whole number from 1 to ${MAX_CAPACITY_HOURS}.`);
  const end = floorHour(options.now ?? Date.now());
  const startedAt = end - hours * HOUR_MS;
  const chunk = Math.max(1024, options.readChunkBytes ?? COUNT_CHUNK_BYTES);
  const containers = options.tables
    ? options.tables.map(containerOfTable)
    : (await store.listContainers(CONTAINER_PREFIX)).filter((c) => tableOfContainer(c) !== undefined);
  const blobs: CountedBlob[] = [];
  let records = 0;
  for (const [c, container] of containers.entries()) {
    const table = tableOfContainer(container)?.table ?? container;
    const tenants = await listTenants(store, container).catch((error: unknown) => {
      if ((error as { statusCode?: number }).statusCode === 404) return []; // a chosen table Defender has not written yet
      throw error;
    });
    for (const [t, tenantId] of tenants.entries()) {
      for (let h = 0; h < hours; h++) {
        options.signal?.throwIfAborted();
        const hour = startedAt + h * HOUR_MS;
        const path = hourBlobPath(tenantId, hour);
        const info = await store.properties(container, path);
        if (info && info.size > 0) {
          const counted = await countLines(store, container, path, info.size, chunk, options.signal);
          blobs.push({ table, tenantId, hour, bytes: info.size, records: counted });
          records += counted;
        }
        const fraction = (c + (t + (h + 1) / hours) / tenants.length) / containers.length;
        options.onProgress?.({ table, fraction, records });
      }
    }
  }
  options.onProgress?.({ table: '', fraction: 1, records });
  return { ...measurementOf(blobs, hours * 3600), startedAt, hours, blobs };
}

/** Per-table sums of counted blobs, as a capacity measurement over `seconds`. */
export function measurementOf(blobs: readonly CountedBlob[], seconds: number): CapacityMeasurement {
  const tallies = new Map<string, { records: number; bytes: number }>();
  for (const b of blobs) {
    if (b.records === 0) continue;
    const t = tallies.get(b.table) ?? { records: 0, bytes: 0 };
    t.records += b.records;
    t.bytes += b.bytes;
    tallies.set(b.table, t);
  }
  const tables: TableMeasurement[] = [...tallies.entries()]
    .map(([table, t]) => ({ table, records: t.records, events: t.records, bytes: t.bytes, seconds }))
    .sort((a, b) => b.bytes - a.bytes || a.table.localeCompare(b.table));
  const records = tables.reduce((sum, t) => sum + t.records, 0);
  const bytes = tables.reduce((sum, t) => sum + t.bytes, 0);
  return { seconds, tables, events: records, records, bytes, malformedEvents: 0, malformedBytes: 0 };
}

/**
 * The records of a blob: its line breaks, plus one for a last line without one (a write in progress), read
 * in ranged pieces. Blank lines are not told apart (Defender writes none).
 */
export async function countLines(
  store: BlobStore,
  container: string,
  path: string,
  size: number,
  chunkBytes = COUNT_CHUNK_BYTES,
  signal?: AbortSignal,
): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for (let offset = 0; offset < size;) {
    signal?.throwIfAborted();
    const bytes = await store.read(container, path, offset, Math.min(chunkBytes, size - offset));
    if (bytes.length === 0) break;
    for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) lines++;
    last = bytes[bytes.length - 1];
    offset += bytes.length;
  }
  return last === 0x0a ? lines : lines + 1;
}

/** The capacity report of Measure Capacity, for a storage account's export (Markdown). */
export function storageCapacityReport(account: StorageAccount, result: StorageCapacityResult): string {
  const plan = planCapacity(result.tables);
  const report = capacityReport({
    hubLabel: `${account.accountName} (Storage export, ${result.hours} hour${result.hours === 1 ? '' : 's'})`,
    measurement: result,
    plan,
    startedAt: result.startedAt,
    measuredQuery: renderText(measuredCapacityTemplate({ measured: plan.tables })),
  });
  const note =
    `From ${result.blobs.length} hour blob${result.blobs.length === 1 ? '' : 's'} of Defender's Storage export: bytes are the blobs' sizes ` +
    '(one line break per record included), records their lines; each record counts as one event (an upper bound: Defender batches records into Event Hubs messages).';
  const titleEnd = report.indexOf('\n\n') + 2;
  return `${report.slice(0, titleEnd)}${note}\n\n${report.slice(titleEnd)}`;
}
