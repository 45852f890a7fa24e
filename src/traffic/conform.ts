import type { KustoType } from '../core/catalog/types';
import type { Prng } from './prng';
import { isoTime, UNKNOWN } from './valueKit';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;

/**
 * Makes a value type-correct for its column's Kusto type, whatever a rule produced: string → string or
 * null, long → safe integer, int → 32-bit integer, bool → boolean, datetime → ISO 8601 UTC string,
 * dynamic → JSON string or object/array (or null), real → number, guid → GUID string.
 */
export function conform(value: unknown, type: KustoType, rng: Prng, now: number): unknown {
  if (value === UNKNOWN) return fallback(type, rng, now);
  switch (type) {
    case 'string':
      if (value === null || typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return JSON.stringify(value);
    case 'long':
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : fallback(type, rng, now);
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX
        ? value
        : fallback(type, rng, now);
    case 'real':
      return typeof value === 'number' && Number.isFinite(value) ? value : fallback(type, rng, now);
    case 'bool':
      return typeof value === 'boolean' ? value : fallback(type, rng, now);
    case 'datetime':
      if (typeof value === 'string' && ISO_UTC.test(value)) return value;
      if (typeof value === 'number') return isoTime(value, rng);
      return fallback(type, rng, now);
    case 'guid':
      return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
        ? value
        : rng.guid();
    case 'dynamic':
      if (value === null) return null;
      if (typeof value === 'string') return isJson(value) ? value : JSON.stringify(value);
      if (typeof value === 'object') return rng.chance(0.6) ? JSON.stringify(value) : value;
      return JSON.stringify(value);
  }
}

function fallback(type: KustoType, rng: Prng, now: number): unknown {
  switch (type) {
    case 'string':
      return rng.chance(0.5) ? '' : null;
    case 'long':
      return rng.int(0, 1_000_000);
    case 'int':
      return rng.int(0, 65_535);
    case 'real':
      return Math.round(rng.next() * 100_000) / 100;
    case 'bool':
      return rng.chance(0.5);
    case 'datetime':
      return isoTime(now - rng.int(0, 86_400_000), rng);
    case 'guid':
      return rng.guid();
    case 'dynamic':
      return rng.chance(0.5) ? '{}' : {};
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
