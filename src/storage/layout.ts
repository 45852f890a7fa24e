import { getTableByHubName, PER_TABLE_HUB_PREFIX } from '../core/catalog/schemaCatalog';

/**
 * Where Defender's Storage-account export puts records: one container per table,
 * `insights-logs-advancedhunting-<table lowercased>` (the same name as a per-table event hub), and one
 * append blob per tenant and hour, `tenantId=<id>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json`, one record per line.
 */
export const CONTAINER_PREFIX = PER_TABLE_HUB_PREFIX;

export const HOUR_MS = 3_600_000;

/** The container of a table (any letter case in, lower case out: container names are lower case). */
export function containerOfTable(table: string): string {
  return CONTAINER_PREFIX + table.toLowerCase();
}

/** Whether a container name has the export's form (whether or not the catalog knows its table). */
export function isExportContainer(container: string): boolean {
  return container.startsWith(CONTAINER_PREFIX) && container.length > CONTAINER_PREFIX.length;
}

/**
 * The table a container holds: the catalog's name (its letter case) when the catalog knows it, else the
 * lower-case rest of the name, marked unknown; undefined for a container of another form.
 */
export function tableOfContainer(container: string): { readonly table: string; readonly known: boolean } | undefined {
  if (!isExportContainer(container)) return undefined;
  const def = getTableByHubName(container);
  return def ? { table: def.name, known: true } : { table: container.slice(CONTAINER_PREFIX.length), known: false };
}

/** One hour's blob of one tenant. `hour` is the start of the hour, in ms since the epoch (UTC). */
export interface HourBlob {
  readonly tenantId: string;
  readonly hour: number;
}

const HOUR_BLOB = /^tenantId=([^/]+)\/y=(\d{4})\/m=(\d{2})\/d=(\d{2})\/h=(\d{2})\/m=00\/PT1H\.json$/;

/** The blob path of a tenant's hour (the start of the hour it is given, or of the hour a time falls in). */
export function hourBlobPath(tenantId: string, time: number): string {
  const d = new Date(floorHour(time));
  return `${tenantPrefix(tenantId)}y=${d.getUTCFullYear()}/m=${two(d.getUTCMonth() + 1)}/d=${two(d.getUTCDate())}/h=${two(d.getUTCHours())}/m=00/PT1H.json`;
}

/** The tenant and hour of a blob path of the export's form; undefined for any other name (or an impossible date). */
export function parseHourBlobPath(path: string): HourBlob | undefined {
  const m = HOUR_BLOB.exec(path);
  if (!m) return undefined;
  const [year, month, day, hour] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const time = Date.UTC(year, month - 1, day, hour);
  const d = new Date(time);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || d.getUTCHours() !== hour) return undefined;
  return { tenantId: m[1], hour: time };
}

/** `tenantId=<id>/`: the prefix of every blob of a tenant. */
export function tenantPrefix(tenantId: string): string {
  return `tenantId=${tenantId}/`;
}

/** `tenantId=<id>/y=YYYY/m=MM/d=DD/`: the prefix of a tenant's blobs of one UTC day. */
export function dayPrefix(tenantId: string, time: number): string {
  const d = new Date(time);
  return `${tenantPrefix(tenantId)}y=${d.getUTCFullYear()}/m=${two(d.getUTCMonth() + 1)}/d=${two(d.getUTCDate())}/`;
}

/** The tenant id of a `tenantId=<id>/` prefix (as listed by folder), else undefined. */
export function tenantOfPrefix(prefix: string): string | undefined {
  const m = /^tenantId=([^/]+)\/$/.exec(prefix);
  return m ? m[1] : undefined;
}

/** Hour blobs newest first (then by tenant). */
export function newestFirst<T extends HourBlob>(blobs: readonly T[]): T[] {
  return [...blobs].sort((a, b) => b.hour - a.hour || a.tenantId.localeCompare(b.tenantId));
}

export function floorHour(time: number): number {
  return Math.floor(time / HOUR_MS) * HOUR_MS;
}

/** `2026-12-01T18Z`: an hour as people read it (UTC). */
export function hourLabel(hour: number): string {
  return `${new Date(hour).toISOString().slice(0, 13)}Z`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}
