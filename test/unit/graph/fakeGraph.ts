// A local HTTP server that speaks Microsoft Graph's documented runHuntingQuery contract: POST
// /v1.0/security/runHuntingQuery, Authorization: Bearer, JSON body {"Query","Timespan"?}, answer
// {"schema":[{name,type}],"results":[...]}, Graph error bodies, 429 with Retry-After. Each test scripts
// the answers; the server records every request it saw.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN = 'eyJ0eXAiOiJKV1QifQ.test-token-secret.sig';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
  readonly contentType?: string;
  readonly body: unknown;
}

export type Reply = (req: http.IncomingMessage, res: http.ServerResponse, seen: SeenRequest) => void;

export const SAMPLE = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults',
  schema: [
    { name: 'Timestamp', type: 'DateTime' },
    { name: 'DeviceName', type: 'String' },
    { name: 'Count', type: 'Int64' },
    { name: 'AdditionalFields', type: 'Object' },
  ],
  results: [
    { Timestamp: '2026-12-01T08:00:00Z', DeviceName: 'pc-1, "lab"', Count: 3, AdditionalFields: { a: 1 } },
    { Timestamp: '2026-12-01T08:01:00Z', DeviceName: '=HYPERLINK("x")', Count: -2, AdditionalFields: null },
  ],
};

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

export const graphError = (status: number, code: string, message: string, headers: Record<string, string> = {}): Reply =>
  json(status, { error: { code, message } }, headers);

/** The documented contract: checks the request and answers SAMPLE, or 401 without the token. */
export const documented: Reply = (req, res, seen) => {
  if (req.method !== 'POST' || req.url !== '/v1.0/security/runHuntingQuery')
    return graphError(404, 'NotFound', 'no such path')(req, res, seen);
  if (seen.authorization !== `Bearer ${TOKEN}`)
    return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.')(req, res, seen);
  const body = seen.body as { Query?: unknown };
  if (typeof body?.Query !== 'string') return graphError(400, 'BadRequest', 'Query is required')(req, res, seen);
  return json(200, SAMPLE)(req, res, seen);
};

export interface FakeGraph {
  readonly url: string;
  readonly seen: SeenRequest[];
  /** Answers in order; the last one repeats. */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const seen: SeenRequest[] = [];
  let replies: Reply[] = [documented];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      const request: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
      };
      seen.push(request);
      const reply = replies.length > 1 ? replies.shift()! : replies[0];
      reply(req, res, request);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    script: (...r) => (replies = r),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
