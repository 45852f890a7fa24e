import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to one request instead of forwarding it. */
export type Fault =
  /** Answers with this status and an Azure Storage error body, as the service does (`x-ms-error-code`, XML). */
  | { readonly kind: 'status'; readonly status: number; readonly errorCode: string; readonly retryAfterSeconds?: number }
  /** Closes the connection without an answer. */
  | { readonly kind: 'drop' }
  /** Forwards the request, sends the answer's headers and the first half of its body, then closes the connection. */
  | { readonly kind: 'cut' };

/** Azure's answers: 503 ServerBusy (Storage's throttling), 500 InternalError, 429 with Retry-After (the throttling of other Azure front ends). */
export const SERVER_BUSY: Fault = { kind: 'status', status: 503, errorCode: 'ServerBusy' };
export const INTERNAL_ERROR: Fault = { kind: 'status', status: 500, errorCode: 'InternalError' };
export const TOO_MANY_REQUESTS = (retryAfterSeconds: number): Fault => ({
  kind: 'status',
  status: 429,
  errorCode: 'TooManyRequests',
  retryAfterSeconds,
});
export const FORBIDDEN: Fault = { kind: 'status', status: 403, errorCode: 'AuthorizationFailure' };

const MESSAGES: Record<string, string> = {
  ServerBusy: 'Operations per second is over the account limit.',
  InternalError: 'The server encountered an internal error. Please retry the request.',
  TooManyRequests: 'Too many requests.',
  AuthorizationFailure: 'This request is not authorized to perform this operation.',
};

/** One request the proxy saw. */
export interface ProxiedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  /** The `x-ms-range` or `range` header of a ranged read. */
  readonly range?: string;
  /** `performance.now()` when it arrived. */
  readonly at: number;
  /** The fault it got, or undefined when it was forwarded whole. */
  readonly fault?: Fault['kind'];
  readonly status?: number;
}

/** Which requests a fault applies to. */
export type RequestMatch = (request: { readonly method: string; readonly url: string; readonly range?: string }) => boolean;

/** A ranged read of an hour blob (the tail's reads). */
export const BLOB_READ: RequestMatch = (r) => r.method === 'GET' && r.range !== undefined && /PT1H\.json/.test(r.url);
/** A listing of containers (the connection check). */
export const LIST_CONTAINERS: RequestMatch = (r) => r.method === 'GET' && /[?&]comp=list/.test(r.url) && !/restype=container/.test(r.url);

/**
 * A plain HTTP proxy in front of Azurite (node:http, loopback) that forwards every request, except the ones
 * a test picked, which get a fault: an Azure error answer (503 ServerBusy, 500, 429 with Retry-After, 403) or
 * a dropped connection (before the answer, or halfway through its body). Requests are logged, so a test can
 * tell what was asked and when.
 */
export class FaultProxy {
  readonly requests: ProxiedRequest[] = [];
  private readonly server: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true });
  private readonly rules: Array<{ match: RequestMatch; faults: Fault[] }> = [];
  private listening: Promise<number>;

  constructor(
    /** Azurite's port. */
    private readonly targetPort: number,
  ) {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.listening = new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  /** Starts listening; answers the proxy's port. */
  port(): Promise<number> {
    return this.listening;
  }

  /** The next requests that `match` get these faults, one each, in order; the rest are forwarded. */
  inject(match: RequestMatch, ...faults: Fault[]): void {
    this.rules.push({ match, faults: [...faults] });
  }

  /** Faults injected but not yet used. */
  get pendingFaults(): number {
    return this.rules.reduce((sum, r) => sum + r.faults.length, 0);
  }

  /** Requests that matched, since `from` (an index into `requests`). */
  matching(match: RequestMatch, from = 0): ProxiedRequest[] {
    return this.requests.slice(from).filter((r) => match(r));
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextFault(request: { method: string; url: string; range?: string }): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.faults.length > 0 && rule.match(request)) return rule.faults.shift();
    }
    return undefined;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const rangeHeader = req.headers['x-ms-range'] ?? req.headers.range;
    const range = typeof rangeHeader === 'string' ? rangeHeader : undefined;
    const fault = this.nextFault({ method, url, range });
    const log = { method, url, range, at: performance.now(), fault: fault?.kind };
    if (fault?.kind === 'drop') {
      this.requests.push(log);
      req.resume();
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      this.requests.push({ ...log, status: fault.status });
      req.resume();
      const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${fault.errorCode}</Code><Message>${MESSAGES[fault.errorCode] ?? fault.errorCode}
RequestId:00000000-0000-0000-0000-000000000000
Time:${new Date().toISOString()}</Message></Error>`;
      const headers: http.OutgoingHttpHeaders = {
        'content-type': 'application/xml',
        'content-length': Buffer.byteLength(body),
        'x-ms-error-code': fault.errorCode,
        'x-ms-request-id': '00000000-0000-0000-0000-000000000000',
      };
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      req.on('end', () => res.writeHead(fault.status, headers).end(body));
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: this.targetPort, method, path: url, headers: req.headers, agent: this.agent },
      (answer) => {
        this.requests.push({ ...log, status: answer.statusCode });
        if (fault?.kind === 'cut') {
          const length = Number(answer.headers['content-length'] ?? 0);
          const half = Math.floor(length / 2);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          const chunks: Buffer[] = [];
          let got = 0;
          answer.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            got += chunk.length;
          });
          answer.on('end', () => {
            const all = Buffer.concat(chunks, got);
            res.write(all.subarray(0, half), () => res.socket?.destroy());
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.socket?.destroy());
    req.pipe(upstream);
  }
}

/** Starts a proxy in front of Azurite's port; answers it with its port. */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy & { readonly listenPort: number }> {
  const proxy = new FaultProxy(targetPort);
  const listenPort = await proxy.port();
  return Object.assign(proxy, { listenPort });
}
