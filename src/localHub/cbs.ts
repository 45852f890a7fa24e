import type { Connection, Message } from 'rhea';
import { stateOf } from './connectionState';
import type { HubServerContext } from './context';
import { reply } from './requestResponse';
import { resourceCovers, verifyPolicyToken } from './sas';

const SAS_TOKEN_TYPE = 'servicebus.windows.net:sastoken';

export interface CbsOutcome {
  readonly statusCode: number;
  readonly description: string;
}

/**
 * `put-token` on `$cbs`: verifies the SAS token (policy name, HMAC signature, expiry, and that it was
 * signed for the audience) and remembers the grant, with its policy's rights, for this connection. 202 when accepted, 401 otherwise.
 */
export function putToken(context: HubServerContext, connection: Connection, request: Message): CbsOutcome {
  const props = (request.application_properties ?? {}) as Record<string, unknown>;
  if (props.operation !== 'put-token') return { statusCode: 400, description: `Unsupported $cbs operation "${String(props.operation)}".` };
  const audience = typeof props.name === 'string' ? props.name : '';
  if (props.type !== SAS_TOKEN_TYPE) {
    return {
      statusCode: 401,
      description: `The local hub accepts only shared access signatures, not tokens of type "${String(props.type)}".`,
    };
  }
  const token = typeof request.body === 'string' ? request.body : Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  const verdict = verifyPolicyToken(token, context.policies);
  if (!verdict.ok) return { statusCode: 401, description: `Unauthorized: ${verdict.reason}` };
  if (audience === '' || !resourceCovers(verdict.token.resource, audience)) {
    return { statusCode: 401, description: 'Unauthorized: the token was not signed for this audience.' };
  }
  stateOf(connection).grant(audience, verdict.token.expiry * 1000, verdict.rights);
  return { statusCode: 202, description: 'Accepted' };
}

export function handleCbsRequest(context: HubServerContext, connection: Connection, request: Message): void {
  const outcome = putToken(context, connection, request);
  reply(connection, request, outcome.statusCode, outcome.description);
}
