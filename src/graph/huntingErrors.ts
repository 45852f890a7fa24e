/**
 * The one classifier of Microsoft Graph Advanced Hunting failures: one wording per failure wherever it
 * shows (CLI, VS Code). Messages never hold the token; the service's own text is bounded and stripped
 * of control characters.
 */
export const HUNTING_PERMISSION = 'ThreatHunting.Read.All';

export type HuntingErrorKind =
  | 'query'
  | 'unauthorized'
  | 'forbidden'
  | 'throttled'
  | 'service'
  | 'network'
  | 'timeout'
  | 'dropped'
  | 'tooLarge'
  | 'badResponse'
  | 'token'
  | 'cancelled';

export class HuntingError extends Error {
  constructor(
    readonly kind: HuntingErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HuntingError';
  }
}

/** The service's message from a Graph error body `{"error":{"code","message"}}`, bounded and printable. */
export function serviceMessage(body: string): string | undefined {
  let message: unknown;
  let code: unknown;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    message = parsed?.error?.message;
    code = parsed?.error?.code;
  } catch {
    return undefined;
  }
  const text = typeof message === 'string' && message.trim() ? message : typeof code === 'string' ? code : undefined;
  if (!text) return undefined;
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]+/g, ' ').trim();
  return clean.length > 1000 ? `${clean.slice(0, 1000)}…` : clean;
}

function withService(base: string, detail: string | undefined): string {
  return detail ? `${base} The service said: ${detail}` : base;
}

/** The error for a Graph answer other than 200 (429 only once retries are used up). */
export function httpError(status: number, body: string, host: string, attempts: number): HuntingError {
  const detail = serviceMessage(body);
  switch (status) {
    case 400:
      return new HuntingError(
        'query',
        withService('Advanced Hunting rejected the query (400).', detail) + (detail ? '' : ' Check the KQL.'),
        status,
      );
    case 401:
      return new HuntingError(
        'unauthorized',
        withService(
          `Microsoft Graph (${host}) did not accept the sign-in (401). Sign in again with an account of the tenant; the token must be for Microsoft Graph and carry the permission ${HUNTING_PERMISSION}.`,
          detail,
        ),
        status,
      );
    case 403:
      return new HuntingError(
        'forbidden',
        withService(
          `Microsoft Graph refused the query (403): the signed-in account or application lacks the permission ${HUNTING_PERMISSION} (delegated or application, with admin consent in the tenant), or the account has no Defender XDR role that allows Advanced Hunting.`,
          detail,
        ),
        status,
      );
    case 429:
      return new HuntingError(
        'throttled',
        withService(
          `Advanced Hunting is throttling requests (429) and still was after ${attempts} attempt${attempts === 1 ? '' : 's'}. Wait a minute and run the query again, or make it lighter.`,
          detail,
        ),
        status,
      );
    default:
      return new HuntingError('service', withService(`Microsoft Graph answered ${status}.`, detail), status);
  }
}

export function networkError(host: string, cause: unknown): HuntingError {
  const code = (cause as { cause?: { code?: unknown }; code?: unknown })?.cause?.code ?? (cause as { code?: unknown })?.code;
  const reason = typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? ` (${code})` : '';
  return new HuntingError(
    'network',
    `Could not reach Microsoft Graph at ${host}${reason}. Check the network, proxy and the Graph endpoint.`,
  );
}

export const droppedError = (host: string): HuntingError =>
  new HuntingError('dropped', `The connection to Microsoft Graph (${host}) closed before the whole answer arrived. Run the query again.`);

export const timeoutError = (host: string, ms: number): HuntingError =>
  new HuntingError(
    'timeout',
    `Microsoft Graph (${host}) did not answer within ${Math.round(ms / 1000)} s. Narrow the query or its time range and run it again.`,
  );

export const tooLargeError = (limitBytes: number): HuntingError =>
  new HuntingError(
    'tooLarge',
    `The answer from Advanced Hunting is larger than ${Math.round(limitBytes / (1024 * 1024))} MB and was not read. Narrow the query: fewer columns (project), fewer rows (take, summarize) or a shorter time range.`,
  );

export const badResponseError = (why: string): HuntingError =>
  new HuntingError('badResponse', `Microsoft Graph sent an answer that is not an Advanced Hunting result (${why}).`);

export const cancelledError = (): HuntingError => new HuntingError('cancelled', 'The Advanced Hunting query was cancelled.');
