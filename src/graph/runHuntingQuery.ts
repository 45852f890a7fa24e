import { resolveGraphEndpoint } from './graphEndpoint';
import {
  badResponseError,
  cancelledError,
  droppedError,
  httpError,
  HuntingError,
  networkError,
  timeoutError,
  tooLargeError,
} from './huntingErrors';
import { parseRetryAfter } from './retryAfter';

export interface HuntingColumn {
  readonly name: string;
  readonly type: string;
}

export interface HuntingResult {
  readonly schema: HuntingColumn[];
  readonly results: Record<string, unknown>[];
}

/** A countdown while Advanced Hunting throttles: called once a second with the seconds left. */
export interface HuntingWait {
  readonly secondsLeft: number;
  /** The retry this wait leads to, 1-based, and how many there can be. */
  readonly retry: number;
  readonly maxRetries: number;
}

export interface RunHuntingQueryOptions {
  /** A Graph host (see resolveGraphEndpoint); the default is the global service. */
  readonly endpoint?: string;
  /** Returns a bearer token for Microsoft Graph; never logged, never put in a message. */
  readonly getToken: (signal?: AbortSignal) => Promise<string>;
  readonly query: string;
  /** ISO 8601 duration or interval (Graph's `Timespan`), e.g. `P1D`. */
  readonly timespan?: string;
  readonly signal?: AbortSignal;
  readonly onWait?: (wait: HuntingWait) => void;
  /** Retries after a 429 (default 3). */
  readonly maxRetries?: number;
  /** Longest `Retry-After` it waits for, in seconds (default 120); a longer one ends the query. */
  readonly maxRetryWaitSeconds?: number;
  /** Time for one request, answer included (default 10 minutes, Advanced Hunting's own limit). */
  readonly timeoutMs?: number;
  /** Largest answer read (default 64 MB); a larger one is refused without being read. */
  readonly maxResponseBytes?: number;
}

export const HUNTING_LIMITS = { maxRetries: 3, maxRetryWaitSeconds: 120, timeoutMs: 10 * 60_000, maxResponseBytes: 64 * 1024 * 1024 };

/** A token as an HTTP header value may carry it; a message about it never repeats it. */
const TOKEN = /^[\x21-\x7e]{1,16384}$/;

/**
 * Runs a KQL query through Microsoft Graph (`POST <endpoint>/v1.0/security/runHuntingQuery`) and
 * returns its schema and rows. Waits for `Retry-After` on 429 (a bounded number of times), and turns
 * every failure into a HuntingError worded for people.
 */
export async function runHuntingQuery(options: RunHuntingQueryOptions): Promise<HuntingResult> {
  const endpoint = resolveGraphEndpoint(options.endpoint);
  const host = new URL(endpoint.origin).host;
  const query = options.query.trim();
  if (!query) throw new HuntingError('query', 'The query is empty.');
  const maxRetries = options.maxRetries ?? HUNTING_LIMITS.maxRetries;
  const body = JSON.stringify(options.timespan ? { Query: query, Timespan: options.timespan } : { Query: query });
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(options.signal);
    const token = await tokenFrom(options);
    const answer = await post(`${endpoint.origin}/v1.0/security/runHuntingQuery`, token, body, host, options);
    if (answer.status === 200) return parseResult(answer.text);
    if (answer.status === 429 && attempt <= maxRetries) {
      const seconds = parseRetryAfter(answer.retryAfter, attempt);
      const cap = options.maxRetryWaitSeconds ?? HUNTING_LIMITS.maxRetryWaitSeconds;
      if (seconds > cap) {
        const error = httpError(429, answer.text, host, attempt);
        throw new HuntingError('throttled', `${error.message} (It asked to wait ${seconds} s.)`, 429);
      }
      await countdown(seconds, { retry: attempt, maxRetries }, options);
      continue;
    }
    throw httpError(answer.status, answer.text, host, attempt);
  }
}

async function tokenFrom(options: RunHuntingQueryOptions): Promise<string> {
  let token: string;
  try {
    token = await options.getToken(options.signal);
  } catch (error) {
    if (options.signal?.aborted) throw cancelledError();
    const message = error instanceof Error ? error.message.split('\n')[0].slice(0, 500) : 'no reason given';
    throw new HuntingError('token', `Could not get a Microsoft Graph token: ${message}`);
  }
  if (typeof token !== 'string' || !TOKEN.test(token))
    throw new HuntingError('token', 'The Microsoft Graph token is empty or holds characters a token cannot have (spaces, line breaks).');
  return token;
}

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly retryAfter: string | null;
}

async function post(url: string, token: string, body: string, host: string, options: RunHuntingQueryOptions): Promise<Answer> {
  const timeoutMs = options.timeoutMs ?? HUNTING_LIMITS.timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const failure = (error: unknown, dropped: boolean): HuntingError => {
    if (options.signal?.aborted) return cancelledError();
    if (timeout.aborted) return timeoutError(host, timeoutMs);
    if (error instanceof HuntingError) return error;
    return dropped || isDropped(error) ? droppedError(host) : networkError(host, error);
  };
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body,
      signal,
      // A redirect would take the token elsewhere: never follow one.
      redirect: 'manual',
    });
  } catch (error) {
    throw failure(error, false);
  }
  try {
    const text = await readBounded(response, options.maxResponseBytes ?? HUNTING_LIMITS.maxResponseBytes);
    return { status: response.status, text, retryAfter: response.headers.get('retry-after') };
  } catch (error) {
    throw failure(error, true);
  }
}

function isDropped(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  return (
    cause?.code === 'UND_ERR_SOCKET' ||
    cause?.code === 'ECONNRESET' ||
    /other side closed|socket hang up/i.test(String(cause?.message ?? ''))
  );
}

/** The body as text, refused (and the connection dropped) as soon as it passes `limit` bytes. */
async function readBounded(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLargeError(limit);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

function parseResult(text: string): HuntingResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badResponseError('not JSON');
  }
  const { schema, results } = (parsed ?? {}) as { schema?: unknown; results?: unknown };
  if (!Array.isArray(schema) || !Array.isArray(results)) throw badResponseError('no "schema" and "results" arrays');
  const columns = schema.map((c: unknown) => {
    const { name, type } = (c ?? {}) as { name?: unknown; type?: unknown };
    if (typeof name !== 'string') throw badResponseError('a column without a name');
    return { name, type: typeof type === 'string' ? type : 'unknown' };
  });
  const rows = results.map((r: unknown) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw badResponseError('a row that is not an object');
    return r as Record<string, unknown>;
  });
  return { schema: columns, results: rows };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

async function countdown(seconds: number, retry: Omit<HuntingWait, 'secondsLeft'>, options: RunHuntingQueryOptions): Promise<void> {
  for (let left = seconds; left > 0; left--) {
    options.onWait?.({ ...retry, secondsLeft: left });
    await sleep(1000, options.signal);
  }
  options.onWait?.({ ...retry, secondsLeft: 0 });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
