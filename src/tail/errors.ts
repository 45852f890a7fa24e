import { redactError } from '../core/connection/redact';

/** Error codes after which retrying cannot help: the session fails at once with a clear message. */
const FATAL_CODES: ReadonlyMap<string, string> = new Map([
  ['UnauthorizedError', 'The hub refused the credentials: check the shared access key name and key (or the Entra ID role assignment, "Azure Event Hubs Data Receiver").'],
  ['MessagingEntityNotFoundError', 'The event hub or the consumer group does not exist.'],
  ['CredentialUnavailableError', 'No Microsoft Entra ID credential is available: sign in to VS Code with a Microsoft account or run "az login".'],
  ['AuthenticationRequiredError', 'Microsoft Entra ID needs you to sign in again.'],
  ['ArgumentOutOfRangeError', 'The hub rejected a start position or an argument.'],
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
}

function inner(error: unknown): unknown[] {
  const e = error as ErrorLike | null;
  return e && typeof e === 'object' && Array.isArray(e.errors) ? e.errors : [];
}

function codeOf(error: unknown): string | undefined {
  const e = error as ErrorLike | null;
  if (!e || typeof e !== 'object') return undefined;
  if (typeof e.code === 'string' && e.code !== '') return e.code;
  if (typeof e.name === 'string' && FATAL_CODES.has(e.name)) return e.name;
  return undefined;
}

/** The fatal code of an error (or of any error inside an AggregateError), if it has one. */
export function fatalCode(error: unknown): string | undefined {
  const code = codeOf(error);
  if (code !== undefined && FATAL_CODES.has(code)) return code;
  for (const e of inner(error)) {
    const c = fatalCode(e);
    if (c !== undefined) return c;
  }
  return undefined;
}

/**
 * One clear, redacted line for an Event Hubs error. The SDK's AggregateError has an empty message:
 * its first inner error is described instead.
 */
export function describeError(error: unknown): string {
  const fatal = fatalCode(error);
  const detail = plainMessage(error);
  if (fatal !== undefined) return `${FATAL_CODES.get(fatal)} (${fatal}${detail && detail !== fatal ? `: ${detail}` : ''})`;
  return detail || 'unknown error';
}

function plainMessage(error: unknown): string {
  const errors = inner(error);
  const e = error as ErrorLike | null;
  const own = e && typeof e === 'object' && typeof e.message === 'string' ? e.message : '';
  if (own === '' && errors.length > 0) {
    const first = plainMessage(errors[0]);
    return errors.length > 1 ? `${first} (and ${errors.length - 1} more)` : first;
  }
  const text = redactError(error);
  const code = codeOf(error);
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const short = oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
  return code && !short.includes(code) ? `${code}: ${short}` : short;
}
