import type { PartitionStore } from './store';

/** Where a receiver starts, as the client's selector filter says. */
export type StartFilter =
  | { readonly kind: 'earliest' }
  | { readonly kind: 'latest' }
  | { readonly kind: 'offset'; readonly offset: number; readonly inclusive: boolean }
  | { readonly kind: 'sequence'; readonly sequenceNumber: number; readonly inclusive: boolean }
  | { readonly kind: 'time'; readonly time: number; readonly inclusive: boolean };

export const SELECTOR_FILTER_KEY = 'apache.org:selector-filter:string';

const PATTERN = /^\s*amqp\.annotation\.(x-opt-offset|x-opt-sequence-number|x-opt-enqueued-time)\s*(>=|>)\s*'([^']*)'\s*$/i;

/**
 * Parses `amqp.annotation.x-opt-offset > '-1'` and friends (offset, sequence number, enqueued time;
 * `>` or `>=`). Throws a RangeError with a clear message for anything else.
 */
export function parseSelector(selector: string): StartFilter {
  const match = PATTERN.exec(selector);
  if (!match) throw new RangeError(`Unsupported selector filter "${selector.slice(0, 200)}".`);
  const [, annotation, operator, value] = match;
  const inclusive = operator === '>=';
  switch (annotation.toLowerCase()) {
    case 'x-opt-offset':
      if (value === '@latest') return { kind: 'latest' };
      if (value === '-1' && !inclusive) return { kind: 'earliest' };
      if (!/^-?\d+$/.test(value)) throw new RangeError(`The offset "${value}" is not a number.`);
      return { kind: 'offset', offset: Number(value), inclusive };
    case 'x-opt-sequence-number':
      if (!/^-?\d+$/.test(value)) throw new RangeError(`The sequence number "${value}" is not a whole number.`);
      return { kind: 'sequence', sequenceNumber: Number(value), inclusive };
    default:
      if (!/^-?\d+$/.test(value)) throw new RangeError(`The enqueued time "${value}" is not epoch milliseconds.`);
      return { kind: 'time', time: Number(value), inclusive };
  }
}

/** Finds the selector string in a link source's filter map, whatever wrapping rhea left on it. */
export function selectorFromSource(source: unknown): string | undefined {
  const filter = (source as { filter?: unknown } | null | undefined)?.filter;
  if (!filter || typeof filter !== 'object') return undefined;
  const entry = (filter as Record<string, unknown>)[SELECTOR_FILTER_KEY];
  return entry === undefined ? undefined : unwrapString(entry, 0);
}

function unwrapString(value: unknown, depth: number): string | undefined {
  if (typeof value === 'string') return value;
  if (depth > 4 || !value || typeof value !== 'object') return undefined;
  return unwrapString((value as { value?: unknown }).value, depth + 1);
}

/** The first sequence number a receiver with this filter gets, given the partition right now. */
export function startSequence(filter: StartFilter | undefined, partition: PartitionStore): number {
  const begin = partition.beginSequenceNumber;
  if (!filter) return begin;
  switch (filter.kind) {
    case 'earliest':
      return begin;
    case 'latest':
      return partition.endSequenceNumber;
    case 'offset':
      return filter.offset < 0 ? begin : partition.firstAfterOffset(filter.offset, filter.inclusive);
    case 'sequence':
      return Math.max(begin, filter.inclusive ? filter.sequenceNumber : filter.sequenceNumber + 1);
    case 'time':
      return partition.firstAfterTime(filter.time, filter.inclusive);
  }
}
