import type { Sender } from 'rhea';
import { parseAddress } from './addresses';
import { AmqpRefusal } from './errors';
import type { PartitionStore } from './store';

/** Event Hubs allows at most this many readers per partition and consumer group. */
export const MAX_READERS_PER_PARTITION = 5;

/** The conditions Event Hubs sends (the client maps them to QuotaExceededError and ReceiverDisconnectedError). */
const RESOURCE_LIMIT_EXCEEDED = 'amqp:resource-limit-exceeded';
const LINK_STOLEN = 'amqp:link:stolen';
/** Attach properties of the client's receivers: the owner level and the receiver's name. */
const EPOCH_PROPERTY = 'com.microsoft:epoch';
const NAME_PROPERTY = 'com.microsoft:receiver-name';

/** One open reader of a partition, as the reader rules see it. */
export interface Reader {
  /** Lower-cased (consumer group names are case-insensitive). */
  readonly consumerGroup: string;
  /** The owner level; undefined for an ordinary reader. */
  readonly epoch: number | undefined;
  readonly name: string;
  /** Detaches the reader's link with this error. */
  disconnect(error: { condition: string; description: string }): void;
}

const readersOf = new WeakMap<PartitionStore, Set<Reader>>();

/** The consumer group, owner level and name of the reader a client attached. */
export function describeReader(sender: Sender): Omit<Reader, 'disconnect'> {
  const address = parseAddress((sender.source as { address?: string } | undefined)?.address);
  const properties = ((sender as unknown as { properties?: Record<string, unknown> }).properties ?? {}) as Record<string, unknown>;
  const epoch = properties[EPOCH_PROPERTY];
  const name = properties[NAME_PROPERTY];
  return {
    consumerGroup: address.kind === 'consume' ? address.consumerGroup.toLowerCase() : '',
    epoch: typeof epoch === 'number' ? epoch : Buffer.isBuffer(epoch) && epoch.length === 8 ? Number(epoch.readBigInt64BE(0)) : undefined,
    name: typeof name === 'string' && name !== '' ? name : 'nil',
  };
}

/**
 * Event Hubs' reader rules, per partition and consumer group: a reader with an owner level (epoch)
 * disconnects the readers it finds (unless one has a higher level: then it is refused); an ordinary
 * reader is refused while a reader with an owner level is open, and beyond 5 readers. Throws an
 * AmqpRefusal with the service's condition; returns the function that removes the reader when it closes.
 */
export function admitReader(partition: PartitionStore, reader: Reader): () => void {
  let all = readersOf.get(partition);
  if (!all) readersOf.set(partition, (all = new Set()));
  const peers = [...all].filter((r) => r.consumerGroup === reader.consumerGroup);
  const levels = peers.flatMap((r) => (r.epoch === undefined ? [] : [r.epoch]));
  const highest = levels.length > 0 ? Math.max(...levels) : undefined;
  if (reader.epoch === undefined) {
    if (highest !== undefined) {
      throw new AmqpRefusal(
        LINK_STOLEN,
        `At least one receiver for the endpoint is created with epoch of '${highest}', and so non-epoch receiver is not allowed. Either reconnect with a higher epoch, or make sure all epoch receivers are closed or disconnected.`,
        410,
      );
    }
    if (peers.length >= MAX_READERS_PER_PARTITION) {
      const names = peers.map((r) => r.name).join(', ');
      throw new AmqpRefusal(
        RESOURCE_LIMIT_EXCEEDED,
        `Exceeded the maximum number of allowed receivers per partition in a consumer group which is ${MAX_READERS_PER_PARTITION}. List of connected receivers - ${names}.`,
        403,
      );
    }
  } else {
    if (highest !== undefined && highest > reader.epoch) {
      throw new AmqpRefusal(
        LINK_STOLEN,
        `Receiver '${reader.name}' with epoch '${reader.epoch}' cannot be created: a receiver with a higher epoch of '${highest}' already exists. Make sure receivers are created with increasing epoch values.`,
        410,
      );
    }
    for (const peer of peers) {
      all.delete(peer);
      peer.disconnect({
        condition: LINK_STOLEN,
        description: `New receiver '${reader.name}' with higher epoch of '${reader.epoch}' is created hence current receiver '${peer.name}' with epoch '${peer.epoch ?? 'nil'}' is getting disconnected. If you are recreating the receiver, make sure a higher epoch is used.`,
      });
    }
  }
  all.add(reader);
  const readers = all;
  return () => readers.delete(reader);
}
