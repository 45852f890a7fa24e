import type { Delivery, EventContext, Receiver } from 'rhea';
import type { LinkAddress } from './addresses';
import { unpackTransfer } from './amqpCodec';
import type { HubServerContext } from './context';
import { AmqpRefusal, CONDITION, entityNotFound } from './errors';
import { incomingEventEncoder } from './eventEncoding';
import type { HubModel } from './hubModel';
import { DEFAULT_LIMITS } from './limits';
import type { PartitionStore } from './store';
import { messageTooLarge, onIncomingMessage } from './transferLimit';

/** Largest message the hub accepts by default, as a Standard-tier namespace: 1 MiB. Advertised on the link. */
export const MAX_MESSAGE_SIZE = DEFAULT_LIMITS.maxMessageSize;

type PublishAddress = Extract<LinkAddress, { kind: 'publish' }>;

/** Resolves a publish address to the hub and, when the link names one, the partition. Throws AmqpRefusal. */
export function resolvePublishTarget(context: HubServerContext, address: PublishAddress): { hub: HubModel; partition?: PartitionStore } {
  const hub = context.namespace.hub(address.hub);
  if (!hub) throw entityNotFound(address.hub, `The local namespace has: ${context.namespace.hubNames.join(', ')}.`);
  if (address.partitionId === undefined) return { hub };
  const partition = hub.partition(address.partitionId);
  if (!partition) {
    throw entityNotFound(
      `${hub.name}/Partitions/${address.partitionId}`,
      `Event hub '${hub.name}' has partitions 0 to ${hub.partitions.length - 1}.`,
    );
  }
  return { hub, partition };
}

/**
 * Serves a client's sender link: every transfer (a single message or a batch of format 0x80013700) is
 * stored in one partition (the link's, the partition key's, or round robin) and accepted. A message
 * larger than `maxMessageSize` (advertised on the link) is rejected with `amqp:link:message-size-exceeded`
 * without being assembled (see transferLimit.ts); one that cannot be decoded is rejected too.
 */
export function servePublisher(
  receiver: Receiver,
  target: { hub: HubModel; partition?: PartitionStore },
  maxMessageSize = MAX_MESSAGE_SIZE,
): void {
  const local = (receiver as unknown as { local: { attach: Record<string, unknown> } }).local.attach;
  local.max_message_size = maxMessageSize;
  onIncomingMessage(receiver, (ctx: EventContext) => {
    const delivery = ctx.delivery as Delivery;
    try {
      const payload = ctx.message as unknown;
      const format = (ctx as unknown as { format?: number }).format;
      // Normally cut while arriving (transferLimit.ts); checked again in case a message got here whole.
      if (Buffer.isBuffer(payload) && payload.length > maxMessageSize)
        return void delivery.reject(messageTooLarge(payload.length, maxMessageSize, delivery.id));
      const { events, partitionKey: batchKey } = unpackTransfer(payload as Buffer, format);
      const encoders = events.map((e) => incomingEventEncoder(e, batchKey));
      const routingKey = batchKey ?? encoders.find((e) => e.partitionKey !== undefined)?.partitionKey;
      const partition = target.partition ?? target.hub.pickPartition(routingKey);
      const now = Date.now();
      for (const encoder of encoders) partition.append(encoder.encode, now);
      delivery.accept();
    } catch (error) {
      const refusal =
        error instanceof AmqpRefusal
          ? error
          : new AmqpRefusal(
              CONDITION.invalidField,
              `The local hub could not decode the message: ${error instanceof Error ? error.message : String(error)}`,
              400,
            );
      delivery.reject(refusal.toAmqpError());
    }
  });
}
