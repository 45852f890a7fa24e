import type { BlobInfo, BlobStore } from './blobStore';
import { listTenants } from './hourFinder';
import { CONTAINER_PREFIX, dayPrefix, HOUR_MS, tableOfContainer, tenantPrefix } from './layout';

/**
 * What a storage account holds of Defender's export, one level at a time (for a tree that loads lazily):
 * tables (the `insights-logs-advancedhunting-*` containers), then UTC days, then hours, newest first, then the
 * hour blobs of each tenant. Other containers and blobs of another form are not listed.
 */
export interface ExportTable {
  readonly container: string;
  readonly table: string;
  /** The catalog knows the table. */
  readonly known: boolean;
}

/** A UTC day (or hour) and the tenants with blobs in it. */
export interface ExportPeriod {
  /** Start, in ms since the epoch (UTC). */
  readonly start: number;
  readonly tenants: readonly string[];
}

export interface ExportBlob extends BlobInfo {
  readonly tenantId: string;
}

const DAY_MS = 24 * HOUR_MS;

export async function listExportTables(store: BlobStore): Promise<ExportTable[]> {
  const containers = await store.listContainers(CONTAINER_PREFIX);
  return containers
    .flatMap((container) => {
      const t = tableOfContainer(container);
      return t ? [{ container, table: t.table, known: t.known }] : [];
    })
    .sort((a, b) => a.table.localeCompare(b.table));
}

/** The days that hold hour folders, newest first: per tenant, a listing of its years, their months, their days. */
export async function listExportDays(store: BlobStore, container: string): Promise<ExportPeriod[]> {
  const days = new Map<number, Set<string>>();
  for (const tenant of await listTenants(store, container)) {
    for (const y of await numbered(store, container, tenantPrefix(tenant), 'y')) {
      for (const m of await numbered(store, container, y.folder, 'm')) {
        for (const d of await numbered(store, container, m.folder, 'd')) {
          const start = Date.UTC(y.value, m.value - 1, d.value);
          const date = new Date(start);
          if (date.getUTCMonth() !== m.value - 1 || date.getUTCDate() !== d.value) continue; // d=31 in April
          add(days, start, tenant);
        }
      }
    }
  }
  return periods(days);
}

/** The hours of one day (`tenants`: those with blobs that day), newest first. */
export async function listExportHours(
  store: BlobStore,
  container: string,
  day: number,
  tenants: readonly string[],
): Promise<ExportPeriod[]> {
  const hours = new Map<number, Set<string>>();
  for (const tenant of tenants) {
    for (const h of await numbered(store, container, dayPrefix(tenant, day), 'h')) {
      if (h.value > 23) continue;
      add(hours, day + h.value * HOUR_MS, tenant);
    }
  }
  return periods(hours);
}

/** The blobs of one hour (`PT1H.json` of each tenant, and anything else stored beside it), by tenant. */
export async function listExportHourBlobs(
  store: BlobStore,
  container: string,
  hour: number,
  tenants: readonly string[],
): Promise<ExportBlob[]> {
  const out: ExportBlob[] = [];
  const h = String(new Date(hour).getUTCHours()).padStart(2, '0');
  for (const tenantId of tenants) {
    const { blobs } = await store.listLevel(container, `${dayPrefix(tenantId, hour)}h=${h}/m=00/`);
    for (const blob of blobs) out.push({ ...blob, tenantId });
  }
  return out.sort((a, b) => a.tenantId.localeCompare(b.tenantId) || a.name.localeCompare(b.name));
}

/** The start of the UTC day a time falls in. */
export function floorDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

async function numbered(
  store: BlobStore,
  container: string,
  prefix: string,
  name: string,
): Promise<Array<{ folder: string; value: number }>> {
  const { folders } = await store.listLevel(container, `${prefix}${name}=`);
  const out: Array<{ folder: string; value: number }> = [];
  for (const folder of folders) {
    const m = /=(\d{1,4})\/$/.exec(folder.slice(prefix.length));
    if (m && folder.startsWith(`${prefix}${name}=`)) out.push({ folder, value: Number(m[1]) });
  }
  return out;
}

function add(map: Map<number, Set<string>>, start: number, tenant: string): void {
  let set = map.get(start);
  if (!set) map.set(start, (set = new Set()));
  set.add(tenant);
}

function periods(map: Map<number, Set<string>>): ExportPeriod[] {
  return [...map.entries()].sort((a, b) => b[0] - a[0]).map(([start, tenants]) => ({ start, tenants: [...tenants].sort() }));
}
