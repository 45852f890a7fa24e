import { createHash, randomBytes } from 'node:crypto';

/** Key of an entry's secret in secret storage. */
export function secretKeyFor(id: string): string {
  return `defenderStream.hub.${id}`;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/:\d+$/, '')
    .split('.')[0]
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30);
  return s === '' ? 'hub' : s;
}

/** A fresh id for a new entry: "<namespace>-<6 hex>", unique among `existing`. */
export function newEntryId(
  namespaceHost: string,
  existing: Iterable<string>,
  random: () => string = () => randomBytes(3).toString('hex'),
): string {
  const taken = new Set(existing);
  for (let i = 0; i < 100; i++) {
    const id = `${slug(namespaceHost)}-${random()}`;
    if (!taken.has(id)) return id;
  }
  throw new Error('Could not generate a unique hub id.');
}

/**
 * The id of an entry written by hand without one. Derived from what identifies the entry (namespace
 * and hubs, not the label), so it stays the same on every reload and the secret stored under it is
 * found again; duplicates get "-2", "-3" in settings order.
 */
export function derivedEntryId(namespaceHost: string, hubs: readonly string[], taken: ReadonlySet<string>): string {
  const basis = `${namespaceHost.toLowerCase()}|${hubs.map((h) => h.toLowerCase()).join(',')}`;
  const base = `${slug(namespaceHost)}-${createHash('sha256').update(basis).digest('hex').slice(0, 8)}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
