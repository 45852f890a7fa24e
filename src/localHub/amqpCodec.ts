import { message, types } from 'rhea';
import type { Message } from 'rhea';

/** rhea's section reader and writer exist at runtime but are missing from its typings. */
interface SectionReader {
  position: number;
  remaining(): number;
  read(): { descriptor?: { value: unknown } };
}
interface SectionWriter {
  write(o: unknown): void;
  toBuffer(): Buffer;
}
const codec = types as unknown as { Reader: new (buffer: Buffer) => SectionReader; Writer: new () => SectionWriter };

export const SECTION = {
  header: 0x70,
  deliveryAnnotations: 0x71,
  messageAnnotations: 0x72,
  properties: 0x73,
  applicationProperties: 0x74,
  data: 0x75,
  sequence: 0x76,
  value: 0x77,
  footer: 0x78,
} as const;

/** Message format of a batch: the body holds one encoded message per `data` section. */
export const BATCH_MESSAGE_FORMAT = 0x80013700;

export interface RawSection {
  readonly code: number;
  readonly bytes: Buffer;
}

/** Splits an encoded AMQP message into its sections without decoding their contents. */
export function splitSections(encoded: Buffer): RawSection[] {
  const reader = new codec.Reader(encoded);
  const sections: RawSection[] = [];
  while (reader.remaining() > 0) {
    const start = reader.position;
    const section = reader.read();
    sections.push({ code: Number(section.descriptor?.value ?? -1), bytes: encoded.subarray(start, reader.position) });
  }
  return sections;
}

/** Encodes a map section (annotations with symbol keys, application properties with string keys). */
export function encodeMapSection(code: number, entries: Record<string, unknown>, symbolKeys: boolean): Buffer {
  const writer = new codec.Writer();
  writer.write(types.described(types.wrap_ulong(code), symbolKeys ? types.wrap_symbolic_map(entries) : types.wrap_map(entries)));
  return writer.toBuffer();
}

/** Decodes one message (or a few sections of it). */
export function decodeMessage(encoded: Buffer): Message {
  return message.decode(encoded) as unknown as Message;
}

export function encodeMessage(msg: Record<string, unknown>): Buffer {
  return message.encode(msg);
}

/**
 * The events of an incoming transfer: a batch (format 0x80013700) carries one encoded message per data
 * section; any other delivery is one event. Returns the encoded events and the batch's partition key.
 */
export function unpackTransfer(payload: Buffer | Message, format: number | undefined): { events: Buffer[]; partitionKey?: string } {
  if (format === BATCH_MESSAGE_FORMAT && Buffer.isBuffer(payload)) {
    const outer = message.decode(payload);
    const key = outer.message_annotations?.['x-opt-partition-key'];
    const body = outer.body as { typecode?: number; content?: unknown; multiple?: boolean } | undefined;
    const content = body && body.typecode === SECTION.data ? body.content : undefined;
    const events = Array.isArray(content) ? content : content !== undefined ? [content] : [];
    return { events: events.filter((e): e is Buffer => Buffer.isBuffer(e)), partitionKey: typeof key === 'string' ? key : undefined };
  }
  const encoded = Buffer.isBuffer(payload) ? payload : message.encode(payload);
  return { events: [encoded] };
}
