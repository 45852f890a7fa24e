import type { BlobStore } from './blobStore';
import { HOUR_MS, hourBlobPath, tenantOfPrefix, tenantPrefix } from './layout';

/** An hour blob that exists, with its size when it was found. */
export interface FoundHour {
  readonly tenantId: string;
  readonly hour: number;
  readonly path: string;
  readonly size: number;
  readonly lastModified: number;
  readonly createdOn: number;
}

/** The tenants that have blobs in a container (its `tenantId=<id>/` folders). */
export async function listTenants(store: BlobStore, container: string): Promise<string[]> {
  const level = await store.listLevel(container, 'tenantId=');
  return level.folders.map(tenantOfPrefix).filter((t): t is string => t !== undefined);
}

const LEVELS = ['y', 'm', 'd', 'h'] as const;

/** A folder's time range: `y=2026/` is the year, `m=12/` the month within it, and so on. */
function range(level: number, values: readonly number[]): [number, number] {
  const [y, m = 1, d = 1, h = 0] = values;
  switch (level) {
    case 0:
      return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
    case 1:
      return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1)];
    case 2:
      return [Date.UTC(y, m - 1, d), Date.UTC(y, m - 1, d + 1)];
    default:
      return [Date.UTC(y, m - 1, d, h), Date.UTC(y, m - 1, d, h + 1)];
  }
}

/**
 * The first (`order: 'asc'`) or last (`'desc'`) hour blob of a tenant whose hour lies in [from, until),
 * found by walking the `y=/m=/d=/h=` folders and skipping every folder outside the range: a handful of
 * listings, however many hours the container holds.
 */
export async function findHour(
  store: BlobStore,
  container: string,
  tenantId: string,
  order: 'asc' | 'desc',
  from = -Infinity,
  until = Infinity,
): Promise<FoundHour | undefined> {
  const walk = async (prefix: string, level: number, values: number[]): Promise<FoundHour | undefined> => {
    const name = LEVELS[level];
    const { folders } = await store.listLevel(container, `${prefix}${name}=`);
    const pattern = new RegExp(`^${escape(prefix)}${name}=(\\d{1,4})/$`);
    const children = folders
      .map((folder) => ({ folder, value: Number(pattern.exec(folder)?.[1] ?? NaN) }))
      .filter((c) => Number.isInteger(c.value))
      .sort((a, b) => (order === 'asc' ? a.value - b.value : b.value - a.value));
    for (const child of children) {
      const path = [...values, child.value];
      const [start, end] = range(level, path);
      if (end <= from || start >= until) continue;
      if (level < LEVELS.length - 1) {
        const found = await walk(child.folder, level + 1, path);
        if (found) return found;
        continue;
      }
      const blob = hourBlobPath(tenantId, start);
      if (blob !== `${child.folder}m=00/PT1H.json`) continue; // an impossible date (h=24, d=31 in April...)
      const info = await store.properties(container, blob);
      if (info) return { tenantId, hour: start, path: blob, size: info.size, lastModified: info.lastModified, createdOn: info.createdOn };
    }
    return undefined;
  };
  return walk(tenantPrefix(tenantId), 0, []);
}

/** The hour blob right after `hour`, or the next one after a gap (up to `now`'s hour). */
export async function nextHour(
  store: BlobStore,
  container: string,
  tenantId: string,
  hour: number,
  now: number,
): Promise<FoundHour | undefined> {
  const next = hour + HOUR_MS;
  if (next > now) return undefined;
  const path = hourBlobPath(tenantId, next);
  const info = await store.properties(container, path);
  if (info) return { tenantId, hour: next, path, size: info.size, lastModified: info.lastModified, createdOn: info.createdOn };
  if (next + HOUR_MS > now) return undefined; // the next hour has begun, its blob not yet written
  return findHour(store, container, tenantId, 'asc', next + HOUR_MS, now + HOUR_MS);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
