import { types } from 'rhea';
import type { Sender } from 'rhea';
import type { LinkAddress } from './addresses';
import { SECTION, encodeMapSection } from './amqpCodec';
import { stateOf } from './connectionState';
import type { HubServerContext } from './context';
import { AmqpRefusal, CONDITION, entityNotFound } from './errors';
import { selectorFromSource, parseSelector, startSequence } from './filters';
import type { StartFilter } from './filters';
import { admitReader, describeReader } from './readerRules';
import type { PartitionStore } from './store';

const RUNTIME_METRIC_CAPABILITY = 'com.microsoft:enable-receiver-runtime-metric';
/** What Event Hubs sends for a start position it does not have (the client's ArgumentOutOfRangeError). */
const ARGUMENT_OUT_OF_RANGE = 'com.microsoft:argument-out-of-range';

type ConsumeAddress = Extract<LinkAddress, { kind: 'consume' }>;

/** Resolves a consumer address (hub, consumer group, partition). Throws AmqpRefusal naming what is missing. */
export function resolveConsumeTarget(context: HubServerContext, address: ConsumeAddress): PartitionStore {
  const hub = context.namespace.hub(address.hub);
  if (!hub) throw entityNotFound(address.hub, `The local namespace has: ${context.namespace.hubNames.join(', ')}.`);
  if (!hub.hasConsumerGroup(address.consumerGroup)) {
    throw entityNotFound(
      `${hub.name}/ConsumerGroups/${address.consumerGroup}`,
      `Event hub '${hub.name}' has no consumer group '${address.consumerGroup}'; it has: ${hub.consumerGroups.join(', ')}.`,
    );
  }
  const partition = hub.partition(address.partitionId);
  if (!partition) {
    throw entityNotFound(
      `${hub.name}/Partitions/${address.partitionId}`,
      `Event hub '${hub.name}' has partitions 0 to ${hub.partitions.length - 1}.`,
    );
  }
  return partition;
}

/** The start position in a link's source filter (none: from the beginning). Throws AmqpRefusal when unreadable. */
export function startFilterOf(sender: Sender): StartFilter | undefined {
  const selector = selectorFromSource(sender.source);
  if (selector === undefined) return undefined;
  try {
    return parseSelector(selector);
  } catch (error) {
    throw new AmqpRefusal(CONDITION.invalidField, error instanceof Error ? error.message : String(error), 400);
  }
}

/**
 * Serves one client receiver: sends stored events from the start position on, only while the client has
 * given credit, pre-settled (no dispositions to wait for), and follows new events as they are appended.
 * A sequence number beyond the partition's next one is refused, and Event Hubs' reader rules apply
 * (src/localHub/readerRules.ts: 5 readers per partition and consumer group, owner levels).
 */
export class ConsumerLink {
  private next: number;
  private closed = false;
  private readonly unsubscribe: () => void;
  private readonly runtimeMetrics: boolean;
  private readonly leave: () => void;

  constructor(
    private readonly sender: Sender,
    private readonly partition: PartitionStore,
    filter: StartFilter | undefined,
    private readonly context: HubServerContext,
  ) {
    this.next = startSequence(filter, partition);
    if (filter?.kind === 'sequence' && this.next > partition.endSequenceNumber) {
      throw new AmqpRefusal(
        ARGUMENT_OUT_OF_RANGE,
        `The supplied sequence number '${filter.sequenceNumber}' is invalid. The last sequence number in the system is '${partition.lastSequenceNumber}'.`,
        400,
      );
    }
    this.leave = admitReader(partition, { ...describeReader(sender), disconnect: (error) => this.close(error) });
    const desired = (sender as unknown as { desired_capabilities?: unknown }).desired_capabilities;
    this.runtimeMetrics = (Array.isArray(desired) ? desired : [desired]).includes(RUNTIME_METRIC_CAPABILITY);
    const local = (sender as unknown as { local: { attach: Record<string, unknown> } }).local.attach;
    local.snd_settle_mode = 1; // settled: the client's disposition round trips are not needed
    if (this.runtimeMetrics) local.offered_capabilities = RUNTIME_METRIC_CAPABILITY;
    this.unsubscribe = partition.onAppend(() => this.pump());
    sender.on('sendable', () => this.pump());
    sender.on('sender_draining', () => this.pump());
    sender.on('sender_close', () => this.close());
    const state = stateOf(sender.connection);
    const onConnectionClosed = (): void => this.close();
    state.onClose.add(onConnectionClosed);
    this.detachFromConnection = () => state.onClose.delete(onConnectionClosed);
    context.consumers.add(this);
    queueMicrotask(() => this.pump());
  }

  private readonly detachFromConnection: () => void;

  /** Sends what the credit allows; tells a draining client when nothing more is available. */
  pump(): void {
    if (this.closed) return;
    const sender = this.sender;
    if (!sender.is_open()) return;
    while (sender.sendable()) {
      if (this.next < this.partition.beginSequenceNumber) this.next = this.partition.beginSequenceNumber; // dropped by the bound
      const event = this.partition.at(this.next);
      if (!event) break;
      sender.send(this.runtimeMetrics ? this.withMetrics(event.encoded) : event.encoded, undefined, 0);
      this.next += 1;
    }
    const drainable = sender as unknown as { credit: number; _draining?: boolean; set_drained(d: boolean): void };
    if (drainable._draining && drainable.credit > 0) drainable.set_drained(true);
  }

  /** Adds the `last_enqueued_*` delivery annotations a receiver with runtime metrics asked for. */
  private withMetrics(encoded: Buffer): Buffer {
    const last = this.partition.last;
    const annotations = encodeMapSection(
      SECTION.deliveryAnnotations,
      {
        last_enqueued_sequence_number: types.wrap_long(this.partition.lastSequenceNumber),
        last_enqueued_offset: last ? String(last.offset) : '-1',
        last_enqueued_time_utc: types.wrap_timestamp(last ? last.enqueuedTime : 0),
        runtime_info_retrieval_time_utc: types.wrap_timestamp(Date.now()),
      },
      true,
    );
    // The delivery annotations section goes after the header (when there is one) and before the rest.
    if (encoded[0] === 0x00 && encoded[1] === 0x53 && encoded[2] === SECTION.header) {
      const headerEnd = headerLength(encoded);
      return Buffer.concat([encoded.subarray(0, headerEnd), annotations, encoded.subarray(headerEnd)]);
    }
    return Buffer.concat([annotations, encoded]);
  }

  /** Closes the link, with an AMQP error when the hub ends it (reader rules, a deleted hub). */
  close(error?: { condition: string; description: string }): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.detachFromConnection();
    this.context.consumers.delete(this);
    this.leave();
    if (this.sender.is_open()) this.sender.close(error);
  }
}

/** Length of an encoded header section (`0x00 0x53 0x70` then list0, list8 or list32). */
function headerLength(encoded: Buffer): number {
  const code = encoded[3];
  if (code === 0x45) return 4;
  if (code === 0xc0) return 5 + encoded[4];
  return 8 + encoded.readUInt32BE(4);
}
