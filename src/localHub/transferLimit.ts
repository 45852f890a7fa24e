import type { EventContext, Receiver } from 'rhea';
import { CONDITION } from './errors';

/** The parts of a rhea transfer frame and connection this module reads (not in rhea's typings). */
interface TransferFrame {
  channel: number;
  performative: { handle: number; more?: boolean; delivery_id?: number };
  payload?: Buffer;
}
interface LinkInternals {
  is_receiver(): boolean;
  /** The delivery whose transfer frames are still arriving (rhea collects their payloads in `frames`). */
  _incomplete?: { id?: number; frames?: Buffer[] };
}
export interface TransferHookTarget {
  remote_channel_map: Record<number, { remote?: { handles?: Record<number, LinkInternals> } } | undefined>;
  on_transfer(frame: unknown): void;
}

interface Assembly {
  bytes: number;
  cut: boolean;
  deliveryId?: number;
}

interface Cut {
  readonly size: number;
  readonly limit: number;
  readonly deliveryId?: number;
}

/** Set on a link while rhea hands out a message that was cut for its size (see `onIncomingMessage`). */
const cutMessages = new WeakMap<object, Cut>();

/**
 * Counts the payload of every incoming delivery while its transfer frames arrive. As soon as the running
 * total passes `maxMessageSize`, what rhea collected so far is dropped and the rest of the delivery's
 * payload is not kept: the message completes empty (rhea then hands out an empty buffer) and `onIncomingMessage` rejects it with
 * `amqp:link:message-size-exceeded`. A message is never assembled beyond the limit.
 * `onAssembled(bytes)` reports the bytes held for one delivery (for diagnostics).
 */
export function limitIncomingTransfers(connection: TransferHookTarget, maxMessageSize: number, onAssembled: (bytes: number) => void): void {
  const original = connection.on_transfer.bind(connection);
  const assemblies = new WeakMap<LinkInternals, Assembly>();
  connection.on_transfer = (raw: unknown) => {
    const frame = raw as TransferFrame;
    const link = connection.remote_channel_map[frame.channel]?.remote?.handles?.[frame.performative.handle];
    if (!link || !link.is_receiver()) return original(raw); // rhea reports the protocol error
    let assembly = link._incomplete ? assemblies.get(link) : undefined;
    if (!assembly) {
      assembly = { bytes: 0, cut: false, deliveryId: frame.performative.delivery_id };
      assemblies.set(link, assembly);
    }
    assembly.bytes += frame.payload?.length ?? 0;
    if (!assembly.cut && assembly.bytes > maxMessageSize) {
      assembly.cut = true;
      // The limit is at least one frame, so the delivery is already under way: drop what rhea holds of it.
      if (link._incomplete?.frames) link._incomplete.frames.length = 0;
    }
    if (assembly.cut)
      frame.payload = undefined; // rhea keeps nothing of a frame without payload
    else onAssembled(assembly.bytes);
    const last = !frame.performative.more;
    if (last) assemblies.delete(link);
    if (!(last && assembly.cut)) return original(raw);
    cutMessages.set(link, { size: assembly.bytes, limit: maxMessageSize, deliveryId: assembly.deliveryId });
    try {
      original(raw);
    } finally {
      cutMessages.delete(link);
    }
  };
}

/**
 * Calls `handler` with each complete incoming message on `receiver`; a message cut for its size is
 * rejected instead, with the condition and wording Event Hubs uses.
 */
export function onIncomingMessage(receiver: Receiver, handler: (ctx: EventContext) => void): void {
  receiver.on('message', (ctx: EventContext) => {
    const cut = cutMessages.get(receiver);
    if (!cut) return handler(ctx);
    ctx.delivery?.reject(messageTooLarge(cut.size, cut.limit, cut.deliveryId));
  });
}

/** The error for a message over the limit, worded as Event Hubs words it. */
export function messageTooLarge(size: number, limit: number, deliveryId?: number): { condition: string; description: string } {
  const id = deliveryId === undefined ? '' : `delivery-id:${deliveryId}, `;
  return {
    condition: CONDITION.messageSizeExceeded,
    description: `The received message (${id}size:${size} bytes) exceeds the limit (${limit} bytes) currently allowed on the link.`,
  };
}
