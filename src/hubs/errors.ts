import { parseConnectionString } from '../core/connection/connectionString';
import { redact } from '../core/connection/redact';
import type { HubTarget } from './hubTarget';

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
  | 'readerLimit'
  | 'readerTakenOver'
  | 'badArgument'
  | 'tooLarge'
  | 'throttled'
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
  /** "hub": reading hub properties; "consumerGroup": opening a receiver; "send": sending events. */
  readonly phase: 'hub' | 'consumerGroup' | 'send';
  /** The deadline, for timeout messages. */
  readonly timeoutSeconds?: number;
}

/** Failures that retrying cannot mend: a reader (tail, measurement) stops at once and says why. */
const PERMANENT: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'wrongKey',
  'expiredToken',
  'unknownKeyName',
  'missingRights',
  'entraDenied',
  'entraCredential',
  'unknownHub',
  'unknownConsumerGroup',
  'configuration',
  'badArgument',
  'tooLarge',
]);

export function isPermanent(code: ProblemCode): boolean {
  return PERMANENT.has(code);
}

/**
 * Event Hubs refused a reader of one partition, or pushed it out, because of the readers of the same
 * consumer group (5 at most per partition; a reader with an owner level excludes the others).
 */
export function isReaderLimit(code: ProblemCode): boolean {
  return code === 'readerLimit' || code === 'readerTakenOver';
}

/** How to give a reader a consumer group of its own, in VS Code and on the command line. */
export const OWN_CONSUMER_GROUP_ADVICE =
  'Give the tail a consumer group of its own: create one in the Azure portal (the event hub → Consumer groups → + Consumer group), then choose it with Edit Event Hub... → Consumer group (or --consumer-group on the command line).';

/** Said once by a tail that reads with the default consumer group. */
export function sharedConsumerGroupText(hubName: string, consumerGroup: string): string {
  return `This tail reads "${hubName}" with consumer group "${consumerGroup}", which it shares with every other application that reads the hub with that group, such as the production consumer: Event Hubs allows 5 readers per partition and consumer group, and a reader with an owner level (epoch) shuts the others out. ${OWN_CONSUMER_GROUP_ADVICE}`;
}

/** Non-secret facts of a target, to word its problems. */
export function problemContext(target: HubTarget, phase: ProblemContext['phase'], timeoutSeconds?: number): ProblemContext {
  let keyName: string | undefined;
  if (target.auth.kind === 'connectionString') {
    try {
      keyName = parseConnectionString(target.auth.connectionString).sharedAccessKeyName;
    } catch {
      keyName = undefined;
    }
  }
  return {
    namespaceHost: target.namespaceHost,
    hubName: target.hubName,
    consumerGroup: target.consumerGroup,
    keyName,
    authKind: target.auth.kind,
    phase,
    timeoutSeconds,
  };
}

/**
 * The one wording of an Event Hubs failure for a target, redacted: the connection check, the tree, the
 * tail (panel, editor, CLI) and Measure Capacity all show this.
 */
export function describeProblem(
  error: unknown,
  target: HubTarget,
  phase: ProblemContext['phase'],
  timeoutSeconds?: number,
): ConnectionProblem {
  const problem = classifyConnectionError(error, problemContext(target, phase, timeoutSeconds));
  return { code: problem.code, message: redact(problem.message) };
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
  const e = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    cause?: unknown;
    condition?: unknown;
    description?: unknown;
  };
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

const KEY_NAME_HINT =
  /no shared access policy|(policy|authorization rule|key ?name|skn)\b.*\b(not found|could not be found|does not exist|unknown)|unknown (policy|key ?name)/i;
const CLAIM_HINT = /'?(listen|manage|send)'? claim/i;
const READER_LIMIT = /maximum number of (allowed )?receivers|receivers? per partition/i;
const READER_TAKEN_OVER = /\bepoch\b.*\breceiver|\breceiver\b.*\bepoch\b/i;
/** The client's own link went away with its connection (core-amqp's CBS): a lost connection, not a missing entity. */
const CLIENT_LINK_GONE = /\bCBS link does not exist\b/i;
const UNAUTHORIZED = /\b401\b|unauthori[sz]ed|invalidsignature|invalid signature|signature does not match|token .*(expired|invalid)/i;

/** Turns any error of the Event Hubs client into one specific, redacted message. */
export function classifyConnectionError(error: unknown, ctx: ProblemContext): ConnectionProblem {
  if (error instanceof ConnectionCheckError) return error.problem;
  const leaves = errorLeaves(error);
  const has = (test: (l: Leaf) => boolean) => leaves.find(test);
  const host = ctx.namespaceHost;
  const hostOnly = host.replace(/:\d+$/, '');
  const group = ctx.consumerGroup ?? '$Default';
  const policy = ctx.keyName ? `"${ctx.keyName}"` : 'named in the connection string';

  if (has((l) => /ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(l.code) || /getaddrinfo (ENOTFOUND|EAI_AGAIN)/.test(l.message))) {
    return {
      code: 'hostNotFound',
      message: `The host "${hostOnly}" could not be found (DNS lookup failed). Check the namespace name and the cloud (e.g. .servicebus.windows.net, .servicebus.usgovcloudapi.net).`,
    };
  }
  if (has((l) => l.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(l.message))) {
    return {
      code: 'connectionRefused',
      message: `The connection to ${host} was refused: nothing accepts connections on that port. Check the host and port (Event Hubs uses 5671; a local hub its own port).`,
    };
  }
  const tooLarge = has(
    (l) =>
      l.code === 'MessageTooLargeError' ||
      l.name === 'MessageTooLargeError' ||
      l.code === 'amqp:link:message-size-exceeded' ||
      /message (size )?(is )?(too large|exceeds?)|larger than .*(allowed|maximum)|message-size-exceeded/i.test(l.message),
  );
  if (tooLarge) {
    return {
      code: 'tooLarge',
      message: `An event is larger than "${ctx.hubName}" accepts (Event Hubs allows 1 MB per event on the Standard tier, 256 KB on Basic). Split the records into smaller messages.`,
    };
  }
  if (
    has(
      (l) =>
        l.code === 'ServerBusyError' ||
        l.name === 'ServerBusyError' ||
        l.code === 'com.microsoft:server-busy' ||
        /throttl|server ?busy/i.test(l.message),
    )
  ) {
    return {
      code: 'throttled',
      message: `Event Hubs is throttling "${ctx.hubName}" (ServerBusyError): the namespace's throughput units are used up. Send at a lower rate, or add throughput units (or turn on auto-inflate) for the namespace.`,
    };
  }
  if (
    has(
      (l) =>
        l.code === 'QuotaExceededError' ||
        l.name === 'QuotaExceededError' ||
        l.code === 'amqp:resource-limit-exceeded' ||
        l.code === 'com.microsoft:quota-exceeded' ||
        READER_LIMIT.test(l.message),
    )
  ) {
    return {
      code: 'readerLimit',
      message: `Event Hubs refused another reader: consumer group "${group}" already has 5 readers on this partition of "${ctx.hubName}", the most it allows (QuotaExceededError). The tail shares these readers with every other application that reads the hub with that consumer group, such as the production consumer. ${OWN_CONSUMER_GROUP_ADVICE}`,
    };
  }
  if (
    has(
      (l) =>
        l.code === 'ReceiverDisconnectedError' ||
        l.name === 'ReceiverDisconnectedError' ||
        l.code === 'amqp:link:stolen' ||
        READER_TAKEN_OVER.test(l.message),
    )
  ) {
    return {
      code: 'readerTakenOver',
      message: `Another application reads this partition of "${ctx.hubName}" exclusively: its reader has an owner level (epoch) on consumer group "${group}", so Event Hubs disconnects every other reader of that group (ReceiverDisconnectedError). The tail shares the consumer group with that application, such as the production consumer, and never takes a partition from it. ${OWN_CONSUMER_GROUP_ADVICE}`,
    };
  }
  const credential = has(
    (l) =>
      /CredentialUnavailable|AuthenticationRequired|AuthenticationError/.test(l.name) || /Entra ID credential|az login/i.test(l.message),
  );
  if (credential) {
    return { code: 'entraCredential', message: `Could not get a Microsoft Entra ID token: ${firstSentence(credential.message)}` };
  }
  const unauthorized = has(
    (l) =>
      l.name === 'UnauthorizedError' ||
      l.code === 'UnauthorizedError' ||
      l.code === 'amqp:unauthorized-access' ||
      UNAUTHORIZED.test(l.message),
  );
  if (unauthorized) {
    const text = leaves.map((l) => l.message).join(' ');
    if (ctx.authKind === 'tokenCredential') {
      const role = ctx.phase === 'send' ? 'Azure Event Hubs Data Sender' : 'Azure Event Hubs Data Receiver';
      return {
        code: 'entraDenied',
        message: `Access was denied (401) to ${ctx.hubName} on ${hostOnly}. Your account needs the "${role}" role on the namespace or hub.`,
      };
    }
    if (/token (has )?expired|expired token|\bexpired\b/i.test(text)) {
      return {
        code: 'expiredToken',
        message:
          "The shared access signature has expired (401). Create a new SAS token (or use the policy's key) and enter the connection string again.",
      };
    }
    if (KEY_NAME_HINT.test(text)) {
      return {
        code: 'unknownKeyName',
        message: `The shared access policy ${ctx.keyName ? `${policy} ` : ''}does not exist on ${hostOnly} (401). Check "SharedAccessKeyName" in the connection string.`,
      };
    }
    if (/'?send'? claim/i.test(text) || (ctx.phase === 'send' && CLAIM_HINT.test(text))) {
      return {
        code: 'missingRights',
        message: `The policy ${policy} lacks the "Send" right on ${ctx.hubName} (401). Use a policy with Send (or Manage) to send events; a Listen-only policy can only read.`,
      };
    }
    if (CLAIM_HINT.test(text)) {
      return {
        code: 'missingRights',
        message: `The policy ${policy} lacks the "Listen" right on ${ctx.hubName} (401). Use a policy with Listen (or Manage).`,
      };
    }
    return {
      code: 'wrongKey',
      message: `The key was rejected (401). Check the SharedAccessKey of policy ${policy}: copy the connection string again from the portal.`,
    };
  }
  const notFound = has(
    (l) =>
      l.code === 'MessagingEntityNotFoundError' ||
      l.code === 'amqp:not-found' ||
      (/could not be found|not found|does not exist/i.test(l.message) && !CLIENT_LINK_GONE.test(l.message)),
  );
  if (notFound) {
    const mentionsGroup = /consumer ?groups?/i.test(notFound.message);
    if (ctx.phase === 'consumerGroup' || mentionsGroup) {
      return {
        code: 'unknownConsumerGroup',
        message: `The consumer group "${ctx.consumerGroup ?? '$Default'}" does not exist on event hub "${ctx.hubName}". Create it in the portal or use $Default.`,
      };
    }
    return {
      code: 'unknownHub',
      message: `The event hub "${ctx.hubName}" does not exist in namespace ${hostOnly}. Check the hub name (per-table hubs are named insights-logs-advancedhunting-<table>).`,
    };
  }
  const argument = has(
    (l) =>
      /^(ArgumentOutOfRangeError|ArgumentError)$/.test(l.code) ||
      /^(ArgumentOutOfRangeError|ArgumentError)$/.test(l.name) ||
      /^com\.microsoft:argument-(out-of-range|error)$/.test(l.code),
  );
  if (argument) {
    return {
      code: 'badArgument',
      message: `Event Hubs rejected a start position or another argument for "${ctx.hubName}": ${firstSentence(argument.message || argument.code)}`,
    };
  }
  if (
    has(
      (l) =>
        /AbortError|OperationTimeoutError|TimeoutError/.test(l.name) ||
        /ETIMEDOUT|OperationTimeoutError|com\.microsoft:timeout/.test(l.code) ||
        /timed? ?out/i.test(l.message),
    )
  ) {
    const within = ctx.timeoutSeconds ? ` within ${ctx.timeoutSeconds} s` : '';
    return {
      code: 'timeout',
      message: `No answer from ${host}${within}. Check the network, a proxy or firewall (AMQP uses port 5671), and the host name.`,
    };
  }
  const first = leaves.find((l) => l.message !== '') ?? leaves[0];
  const detail = first ? firstSentence(first.message || first.name || first.code) : 'unknown error';
  return { code: 'other', message: `Could not connect to ${ctx.hubName} on ${hostOnly}: ${detail}` };
}

function firstSentence(text: string): string {
  const clean = redact(text).replace(/\s+/g, ' ').trim();
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}
