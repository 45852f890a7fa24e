import { redact } from '../core/connection/redact';

/** What went wrong when connecting, in words a user can act on. Never holds a secret. */
export type ProblemCode =
  | 'wrongKey'
  | 'expiredToken'
  | 'unknownKeyName'
  | 'missingRights'
  | 'entraDenied'
  | 'entraCredential'
  | 'unknownHub'
  | 'unknownConsumerGroup'
  | 'hostNotFound'
  | 'connectionRefused'
  | 'timeout'
  | 'configuration'
  | 'other';

export interface ConnectionProblem {
  readonly code: ProblemCode;
  /** One or two sentences: what failed and what to do. */
  readonly message: string;
}

/** What was being attempted, to word the message. Only non-secret fields. */
export interface ProblemContext {
  readonly namespaceHost: string;
  readonly hubName: string;
  readonly consumerGroup?: string;
  readonly keyName?: string;
  readonly authKind: 'connectionString' | 'tokenCredential';
  /** "hub": reading hub properties; "consumerGroup": opening a receiver. */
  readonly phase: 'hub' | 'consumerGroup';
  /** The deadline, for timeout messages. */
  readonly timeoutSeconds?: number;
}

/** An error whose message is already clear and redacted, with its classification. */
export class ConnectionCheckError extends Error {
  constructor(readonly problem: ConnectionProblem) {
    super(problem.message);
    this.name = 'ConnectionCheckError';
  }
}

interface Leaf {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

/** Every error inside an error: AggregateError members and causes, depth first. */
export function errorLeaves(error: unknown, out: Leaf[] = [], depth = 0): Leaf[] {
  if (depth > 6 || error === null || error === undefined) return out;
  if (typeof error !== 'object') {
    out.push({ name: '', code: '', message: String(error) });
    return out;
  }
  const e = error as { name?: unknown; code?: unknown; message?: unknown; errors?: unknown; cause?: unknown; condition?: unknown; description?: unknown };
  const children = Array.isArray(e.errors) ? e.errors : [];
  const message = typeof e.message === 'string' ? e.message : typeof e.description === 'string' ? e.description : '';
  if (message !== '' || children.length === 0) {
    out.push({
      name: typeof e.name === 'string' ? e.name : '',
      code: typeof e.code === 'string' ? e.code : typeof e.condition === 'string' ? e.condition : '',
      message,
    });
  }
  for (const child of children) errorLeaves(child, out, depth + 1);
  if (e.cause !== undefined && e.cause !== error) errorLeaves(e.cause, out, depth + 1);
  return out;
}

const KEY_NAME_HINT = /no shared access policy|(policy|authorization rule|key ?name|skn)\b.*\b(not found|could not be found|does not exist|unknown)|unknown (policy|key ?name)/i;
const CLAIM_HINT = /'?(listen|manage|send)'? claim/i;
const UNAUTHORIZED = /\b401\b|unauthori[sz]ed|invalidsignature|invalid signature|signature does not match|token .*(expired|invalid)/i;

/** Turns any error of the Event Hubs client into one specific, redacted message. */
export function classifyConnectionError(error: unknown, ctx: ProblemContext): ConnectionProblem {
  if (error instanceof ConnectionCheckError) return error.problem;
  const leaves = errorLeaves(error);
  const has = (test: (l: Leaf) => boolean) => leaves.find(test);
  const host = ctx.namespaceHost;
  const hostOnly = host.replace(/:\d+$/, '');
  const policy = ctx.keyName ? `"${ctx.keyName}"` : 'named in the connection string';

  if (has((l) => /ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(l.code) || /getaddrinfo (ENOTFOUND|EAI_AGAIN)/.test(l.message))) {
    return { code: 'hostNotFound', message: `The host "${hostOnly}" could not be found (DNS lookup failed). Check the namespace name and the cloud (e.g. .servicebus.windows.net, .servicebus.usgovcloudapi.net).` };
  }
  if (has((l) => l.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(l.message))) {
    return { code: 'connectionRefused', message: `The connection to ${host} was refused: nothing accepts connections on that port. Check the host and port (Event Hubs uses 5671; a local hub its own port).` };
  }
  const credential = has((l) => /CredentialUnavailable|AuthenticationRequired|AuthenticationError/.test(l.name) || /Entra ID credential|az login/i.test(l.message));
  if (credential) {
    return { code: 'entraCredential', message: `Could not get a Microsoft Entra ID token: ${firstSentence(credential.message)}` };
  }
  const unauthorized = has((l) => l.name === 'UnauthorizedError' || l.code === 'UnauthorizedError' || l.code === 'amqp:unauthorized-access' || UNAUTHORIZED.test(l.message));
  if (unauthorized) {
    const text = leaves.map((l) => l.message).join(' ');
    if (ctx.authKind === 'tokenCredential') {
      return { code: 'entraDenied', message: `Access was denied (401) to ${ctx.hubName} on ${hostOnly}. Your account needs the "Azure Event Hubs Data Receiver" role on the namespace or hub.` };
    }
    if (/token (has )?expired|expired token|\bexpired\b/i.test(text)) {
      return { code: 'expiredToken', message: 'The shared access signature has expired (401). Create a new SAS token (or use the policy\'s key) and enter the connection string again.' };
    }
    if (KEY_NAME_HINT.test(text)) {
      return { code: 'unknownKeyName', message: `The shared access policy ${ctx.keyName ? `${policy} ` : ''}does not exist on ${hostOnly} (401). Check "SharedAccessKeyName" in the connection string.` };
    }
    if (CLAIM_HINT.test(text)) {
      return { code: 'missingRights', message: `The policy ${policy} lacks the "Listen" right on ${ctx.hubName} (401). Use a policy with Listen (or Manage).` };
    }
    return { code: 'wrongKey', message: `The key was rejected (401). Check the SharedAccessKey of policy ${policy}: copy the connection string again from the portal.` };
  }
  const notFound = has((l) => l.code === 'MessagingEntityNotFoundError' || l.code === 'amqp:not-found' || /could not be found|not found|does not exist/i.test(l.message));
  if (notFound) {
    const mentionsGroup = /consumer ?groups?/i.test(notFound.message);
    if (ctx.phase === 'consumerGroup' || mentionsGroup) {
      return { code: 'unknownConsumerGroup', message: `The consumer group "${ctx.consumerGroup ?? '$Default'}" does not exist on event hub "${ctx.hubName}". Create it in the portal or use $Default.` };
    }
    return { code: 'unknownHub', message: `The event hub "${ctx.hubName}" does not exist in namespace ${hostOnly}. Check the hub name (per-table hubs are named insights-logs-advancedhunting-<table>).` };
  }
  if (has((l) => /AbortError|OperationTimeoutError|TimeoutError/.test(l.name) || /ETIMEDOUT|OperationTimeoutError|com\.microsoft:timeout/.test(l.code) || /timed? ?out/i.test(l.message))) {
    const within = ctx.timeoutSeconds ? ` within ${ctx.timeoutSeconds} s` : '';
    return { code: 'timeout', message: `No answer from ${host}${within}. Check the network, a proxy or firewall (AMQP uses port 5671), and the host name.` };
  }
  const first = leaves.find((l) => l.message !== '') ?? leaves[0];
  const detail = first ? firstSentence(first.message || first.name || first.code) : 'unknown error';
  return { code: 'other', message: `Could not connect to ${ctx.hubName} on ${hostOnly}: ${detail}` };
}

function firstSentence(text: string): string {
  const clean = redact(text).replace(/\s+/g, ' ').trim();
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}
