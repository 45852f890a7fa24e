import { message, types } from 'rhea';
import { SECTION, decodeMessage, encodeMapSection, encodeMessage, splitSections } from './amqpCodec';
import type { EventEncoder } from './store';
import type { LocalEvent } from './types';

export const ANNOTATIONS = {
  sequenceNumber: 'x-opt-sequence-number',
  offset: 'x-opt-offset',
  enqueuedTime: 'x-opt-enqueued-time',
  partitionKey: 'x-opt-partition-key',
} as const;

/** The broker's annotations, with the AMQP types the client expects (long, string, timestamp). */
function positionAnnotations(sequenceNumber: number, offset: number, enqueuedTime: number): Record<string, unknown> {
  return {
    [ANNOTATIONS.sequenceNumber]: types.wrap_long(sequenceNumber),
    [ANNOTATIONS.offset]: String(offset),
    [ANNOTATIONS.enqueuedTime]: types.wrap_timestamp(enqueuedTime),
  };
}

/** An event appended in-process (no AMQP): body as a data section, string/number/boolean properties. */
export function localEventEncoder(event: LocalEvent): EventEncoder {
  const body =
    typeof event.body === 'string'
      ? Buffer.from(event.body, 'utf8')
      : Buffer.from(event.body.buffer, event.body.byteOffset, event.body.byteLength);
  const applicationProperties = event.properties ? wrapProperties(event.properties) : undefined;
  return (sequenceNumber, offset, enqueuedTime) => {
    const annotations = positionAnnotations(sequenceNumber, offset, enqueuedTime);
    if (event.partitionKey !== undefined) annotations[ANNOTATIONS.partitionKey] = event.partitionKey;
    return encodeMessage({
      message_annotations: annotations,
      application_properties: applicationProperties,
      body: message.data_section(body),
    });
  };
}

function wrapProperties(properties: Record<string, string | number | boolean>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) {
    out[name] = typeof value === 'number' && Number.isInteger(value) ? types.wrap_long(value) : value;
  }
  return out;
}

/**
 * An event published over AMQP: every section is kept byte for byte (properties, application properties,
 * body) except the message annotations, which get the broker's position annotations added, and the
 * delivery annotations, which are dropped. Returns the routing key and the encoder.
 */
export function incomingEventEncoder(encoded: Buffer, batchPartitionKey?: string): { partitionKey?: string; encode: EventEncoder } {
  const sections = splitSections(encoded);
  let header: Buffer | undefined;
  let annotations: Record<string, unknown> = {};
  const rest: Buffer[] = [];
  for (const section of sections) {
    if (section.code === SECTION.header) header = section.bytes;
    else if (section.code === SECTION.deliveryAnnotations) continue;
    else if (section.code === SECTION.messageAnnotations) annotations = { ...(decodeMessage(section.bytes).message_annotations ?? {}) };
    else rest.push(section.bytes);
  }
  const ownKey = annotations[ANNOTATIONS.partitionKey];
  let partitionKey = typeof ownKey === 'string' ? ownKey : undefined;
  if (partitionKey === undefined && batchPartitionKey !== undefined) {
    partitionKey = batchPartitionKey;
    annotations[ANNOTATIONS.partitionKey] = batchPartitionKey;
  }
  // Client-set values of the broker's own annotations are replaced, as Event Hubs does.
  delete annotations[ANNOTATIONS.sequenceNumber];
  delete annotations[ANNOTATIONS.offset];
  delete annotations[ANNOTATIONS.enqueuedTime];
  return {
    partitionKey,
    encode: (sequenceNumber, offset, enqueuedTime) => {
      const merged = { ...annotations, ...positionAnnotations(sequenceNumber, offset, enqueuedTime) };
      const section = encodeMapSection(SECTION.messageAnnotations, merged, true);
      return Buffer.concat(header ? [header, section, ...rest] : [section, ...rest]);
    },
  };
}
