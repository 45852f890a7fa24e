/** Pure formatting for the page (numbers, times, the connection line). */
import { prettyJsonText } from '../../liveTail/shared/jsonText';
import type { WireConnection } from '../../liveTail/shared/protocol';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatRate(perSecond: number): string {
  return `${perSecond >= 100 ? integer.format(perSecond) : oneDecimal.format(perSecond)}/s`;
}

/** "2026-11-25T10:11:12.3456789Z" → "10:11:12.345"; anything else is shown as given (shortened). */
export function formatTime(iso: string): string {
  const m = /^\d{4}-\d\d-\d\d[T ](\d\d:\d\d:\d\d)(\.\d{1,3})?/.exec(iso);
  if (m) return `${m[1]}${(m[2] ?? '.000').padEnd(4, '0')}`;
  return iso.length > 24 ? `${iso.slice(0, 23)}…` : iso;
}

export function describeConnection(c: WireConnection): { readonly label: string; readonly detail: string } {
  switch (c.kind) {
    case 'connecting':
      return { label: 'Connecting…', detail: '' };
    case 'live':
      return { label: 'Live', detail: '' };
    case 'reconnecting':
      return { label: 'Reconnecting…', detail: c.lastError };
    case 'failed':
      return { label: 'Failed', detail: c.error };
    case 'stopped':
      return { label: 'Stopped', detail: '' };
  }
}

/**
 * A record's JSON re-indented for reading, every value written exactly as received (nothing is parsed:
 * 1e999 and 12345678901234567890123 stay as they are); text that is not JSON is shown as is.
 */
export function prettyRecord(json: string): string {
  return prettyJsonText(json) ?? json;
}
