import type { SendItem } from './input';

/** Most bytes of one event on the Standard tier (Basic: 256 KB). */
export const MAX_EVENT_BYTES = 1024 * 1024;
/** Room left in an event for what Event Hubs adds around the body (AMQP headers and annotations). */
export const EVENT_OVERHEAD_BYTES = 2048;
/** Most records grouped into one body (Defender's messages hold from one to a few hundred). */
export const DEFAULT_RECORDS_PER_BODY = 100;

export interface GroupOptions {
  /** Most bytes of one body (default: `MAX_EVENT_BYTES - EVENT_OVERHEAD_BYTES`). */
  readonly maxBodyBytes?: number;
  /** Most records in one body (default `DEFAULT_RECORDS_PER_BODY`). */
  readonly maxRecords?: number;
}

/** A record or body larger than one event may be. */
export class TooLargeError extends Error {
  constructor(
    readonly where: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `${where} is ${bytes.toLocaleString('en-US')} bytes as an event body, more than the ${limit.toLocaleString('en-US')} an event may have (Event Hubs allows 1 MB per event on the Standard tier, 256 KB on Basic).`,
    );
    this.name = 'TooLargeError';
  }
}

const PREFIX = '{"records":[';
const SUFFIX = ']}';
const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The event bodies to send, in order, as Defender writes them: bodies given whole stay as they are;
 * consecutive records of the same table go into one `{"records": [...]}` body, up to `maxRecords` and
 * `maxBodyBytes`. Throws TooLargeError for a body or a single record that no event can hold.
 */
export function groupIntoBodies(items: readonly SendItem[], options: GroupOptions = {}): string[] {
  const maxBytes = options.maxBodyBytes ?? MAX_EVENT_BYTES - EVENT_OVERHEAD_BYTES;
  const maxRecords = Math.max(1, options.maxRecords ?? DEFAULT_RECORDS_PER_BODY);
  const bodies: string[] = [];
  let open: string[] = [];
  let openBytes = 0;
  let openCategory = '';
  const close = (): void => {
    if (open.length > 0) bodies.push(`${PREFIX}${open.join(',')}${SUFFIX}`);
    open = [];
    openBytes = 0;
  };
  for (const item of items) {
    const bytes = utf8(item.text);
    if (item.kind === 'body') {
      if (bytes > maxBytes) throw new TooLargeError(`The message body at ${item.where}`, bytes, maxBytes);
      close();
      bodies.push(item.text);
      continue;
    }
    const alone = utf8(PREFIX) + bytes + utf8(SUFFIX);
    if (alone > maxBytes) throw new TooLargeError(`The record at ${item.where}`, alone, maxBytes);
    const fits = openBytes + 1 + bytes <= maxBytes && open.length < maxRecords && item.category === openCategory;
    if (!fits) close();
    if (open.length === 0) {
      openBytes = utf8(PREFIX) + utf8(SUFFIX);
      openCategory = item.category;
    } else openBytes += 1;
    open.push(item.text);
    openBytes += bytes;
  }
  close();
  return bodies;
}
