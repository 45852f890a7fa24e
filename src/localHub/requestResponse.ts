import { types } from 'rhea';
import type { Connection, Message, Sender } from 'rhea';
import { stateOf } from './connectionState';

/** Remembers the server side of a client's `$cbs`/`$management` receiver, where replies go. */
export function registerReplyLink(sender: Sender): void {
  const state = stateOf(sender.connection);
  state.replyLinks.set(sender.name, sender);
  sender.once('sender_close', () => {
    if (state.replyLinks.get(sender.name) === sender) state.replyLinks.delete(sender.name);
  });
}

/**
 * Sends a reply to a request: `correlation_id` = the request's `message_id`, `status-code` (int) and
 * `status-description`, to the link named by the request's `reply_to` (or the one whose target it names).
 */
export function reply(
  connection: Connection,
  request: Message,
  statusCode: number,
  description: string,
  body?: unknown,
  errorCondition?: string,
): void {
  const links = stateOf(connection).replyLinks;
  const replyTo = typeof request.reply_to === 'string' ? request.reply_to : '';
  let link = links.get(replyTo);
  if (!link) link = [...links.values()].find((l) => (l.target as { address?: string } | undefined)?.address === replyTo);
  if (!link || !link.is_open()) return; // the client went away; nothing to answer
  link.send({
    to: replyTo || undefined,
    correlation_id: request.message_id,
    application_properties: {
      'status-code': types.wrap_int(statusCode),
      'status-description': description,
      ...(errorCondition ? { 'error-condition': types.wrap_symbol(errorCondition) } : {}),
    },
    body: body === undefined ? null : body,
  });
}
