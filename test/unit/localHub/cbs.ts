// Claims-based security from a bare AMQP client: what the real client does on $cbs before it opens links.
import type { Connection, EventContext } from 'rhea';
import { createSasToken } from '../../../src/localHub/sas';

/** Puts a SAS token for `audience` on $cbs and returns the status code of the reply. */
export async function putToken(
  conn: Connection,
  audience: string,
  keyName: string,
  key: string,
  replyName = `cbs-reply-${Math.random().toString(16).slice(2)}`,
): Promise<number> {
  const cbsSender = conn.open_sender({ target: { address: '$cbs' } });
  const cbsReceiver = conn.open_receiver({ source: { address: '$cbs' }, name: replyName });
  return new Promise<number>((resolve) => {
    cbsReceiver.once('message', (ctx: EventContext) => resolve(Number(ctx.message?.application_properties?.['status-code'])));
    cbsSender.once('sendable', () =>
      cbsSender.send({
        message_id: `req-${replyName}`,
        reply_to: replyName,
        body: createSasToken(audience, keyName, key),
        application_properties: { operation: 'put-token', name: audience, type: 'servicebus.windows.net:sastoken' },
      }),
    );
  });
}
