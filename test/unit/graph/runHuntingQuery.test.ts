// The Graph client against a local server that speaks runHuntingQuery's documented contract.
import assert from 'node:assert/strict';
import { resolveGraphEndpoint } from '../../../src/graph/graphEndpoint';
import { HuntingError } from '../../../src/graph/huntingErrors';
import { parseRetryAfter } from '../../../src/graph/retryAfter';
import { runHuntingQuery, type HuntingWait, type RunHuntingQueryOptions } from '../../../src/graph/runHuntingQuery';
import { documented, graphError, json, SAMPLE, startFakeGraph, TOKEN, type FakeGraph } from './fakeGraph';

describe('runHuntingQuery (local server with the documented contract)', () => {
  let graph: FakeGraph;
  beforeEach(async () => (graph = await startFakeGraph()));
  afterEach(() => graph.close());

  const run = (extra: Partial<RunHuntingQueryOptions> = {}) =>
    runHuntingQuery({ endpoint: graph.url, getToken: () => Promise.resolve(TOKEN), query: 'DeviceInfo | take 2', ...extra });

  async function failure(promise: Promise<unknown>): Promise<HuntingError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof HuntingError, String(error));
      assert.ok(!error.message.includes(TOKEN), 'the token never shows in a message');
      return error;
    }
    assert.fail('expected a failure');
  }

  it('POSTs the query with the bearer token and returns schema and results', async () => {
    const result = await run({ timespan: 'P1D' });
    assert.deepEqual(result, { schema: SAMPLE.schema, results: SAMPLE.results });
    assert.equal(graph.seen.length, 1);
    const [req] = graph.seen;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/v1.0/security/runHuntingQuery');
    assert.equal(req.authorization, `Bearer ${TOKEN}`);
    assert.match(req.contentType ?? '', /^application\/json/);
    assert.deepEqual(req.body, { Query: 'DeviceInfo | take 2', Timespan: 'P1D' });
  });

  it('leaves Timespan out when none is given', async () => {
    await run();
    assert.deepEqual(graph.seen[0].body, { Query: 'DeviceInfo | take 2' });
  });

  it('400 shows the service message about the query', async () => {
    graph.script(graphError(400, 'BadRequest', "Query could not be parsed at 'tak' on line [1,13]\u001b[31m"));
    const error = await failure(run());
    assert.equal(error.kind, 'query');
    assert.match(error.message, /rejected the query \(400\).*Query could not be parsed at 'tak' on line \[1,13\]/);
    assert.doesNotMatch(error.message, /\u001b/);
  });

  it('401 and 403 name the permission ThreatHunting.Read.All', async () => {
    graph.script(documented);
    const unauthorized = await failure(run({ getToken: () => Promise.resolve('wrong-token') }));
    assert.equal(unauthorized.kind, 'unauthorized');
    assert.match(unauthorized.message, /401.*ThreatHunting\.Read\.All/);
    graph.script(graphError(403, 'Forbidden', 'Insufficient privileges to complete the operation.'));
    const forbidden = await failure(run());
    assert.equal(forbidden.kind, 'forbidden');
    assert.match(forbidden.message, /403.*ThreatHunting\.Read\.All.*Insufficient privileges/);
  });

  it('429 waits Retry-After with a countdown, then retries', async () => {
    graph.script(graphError(429, 'TooManyRequests', 'slow down', { 'Retry-After': '2' }), json(200, SAMPLE));
    const waits: HuntingWait[] = [];
    const result = await run({ onWait: (w) => waits.push(w) });
    assert.equal(result.results.length, 2);
    assert.equal(graph.seen.length, 2);
    assert.deepEqual(
      waits.map((w) => w.secondsLeft),
      [2, 1, 0],
    );
    assert.deepEqual({ retry: waits[0].retry, maxRetries: waits[0].maxRetries }, { retry: 1, maxRetries: 3 });
  });

  it('429 gives up after a bounded number of retries', async () => {
    graph.script(graphError(429, 'TooManyRequests', 'slow down', { 'Retry-After': '0' }));
    const error = await failure(run({ maxRetries: 2 }));
    assert.equal(error.kind, 'throttled');
    assert.equal(graph.seen.length, 3);
    assert.match(error.message, /after 3 attempts/);
  });

  it('429 with a Retry-After longer than the cap ends at once', async () => {
    graph.script(graphError(429, 'TooManyRequests', 'slow down', { 'Retry-After': '3600' }));
    const error = await failure(run());
    assert.equal(error.kind, 'throttled');
    assert.equal(graph.seen.length, 1);
    assert.match(error.message, /3600 s/);
  });

  it('cancelling during a Retry-After wait stops at once', async () => {
    graph.script(graphError(429, 'TooManyRequests', 'slow down', { 'Retry-After': '30' }));
    const controller = new AbortController();
    const error = await failure(run({ signal: controller.signal, onWait: () => controller.abort() }));
    assert.equal(error.kind, 'cancelled');
  });

  it('a slow answer ends with a timeout; cancel ends a running request', async () => {
    graph.script(() => undefined); // never answers
    const slow = await failure(run({ timeoutMs: 300 }));
    assert.equal(slow.kind, 'timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const cancelled = await failure(run({ signal: controller.signal }));
    assert.equal(cancelled.kind, 'cancelled');
  });

  it('a connection dropped before or during the answer is a clear error', async () => {
    graph.script((req) => req.socket.destroy());
    const before = await failure(run());
    assert.ok(before.kind === 'dropped' || before.kind === 'network', before.kind);
    assert.match(before.message, /Microsoft Graph/);
    graph.script((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
      res.write('{"schema":[{"name":"A"');
      setTimeout(() => res.socket?.destroy(), 50);
    });
    const during = await failure(run());
    assert.equal(during.kind, 'dropped');
  });

  it('refuses an answer over the size bound, declared or streamed', async () => {
    graph.script(json(200, { ...SAMPLE, padding: 'x'.repeat(5000) }));
    assert.equal((await failure(run({ maxResponseBytes: 1000 }))).kind, 'tooLarge');
    let written = 0;
    graph.script((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }); // chunked: no Content-Length
      const chunk = 'x'.repeat(64 * 1024);
      const pump = (): void => {
        while (written < 50 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => undefined);
      pump();
    });
    const error = await failure(run({ maxResponseBytes: 256 * 1024 }));
    assert.equal(error.kind, 'tooLarge');
    assert.match(error.message, /larger than/);
    assert.ok(written < 50 * 1024 * 1024, 'stopped reading long before the server finished');
  });

  it('an answer that is not a hunting result is a clear error', async () => {
    graph.script(json(200, { value: [] }));
    assert.equal((await failure(run())).kind, 'badResponse');
    graph.script((_req, res) => res.end('<html>'));
    assert.equal((await failure(run())).kind, 'badResponse');
  });

  it('does not follow a redirect (the token would go elsewhere)', async () => {
    graph.script((_req, res) => {
      res.writeHead(307, { Location: 'http://127.0.0.2:9/steal' });
      res.end();
    });
    const error = await failure(run());
    assert.equal(error.kind, 'service');
    assert.equal(graph.seen.length, 1);
  });

  it('a token provider failure or a malformed token is worded without the token', async () => {
    const failed = await failure(run({ getToken: () => Promise.reject(new Error('Please run az login.')) }));
    assert.equal(failed.kind, 'token');
    assert.match(failed.message, /Please run az login/);
    const bad = await failure(run({ getToken: () => Promise.resolve(`${TOKEN}\r\nX-Evil: 1`) }));
    assert.equal(bad.kind, 'token');
    assert.equal(graph.seen.length, 0);
  });

  it('an empty query never leaves the machine', async () => {
    assert.equal((await failure(run({ query: '  \n ' }))).kind, 'query');
    assert.equal(graph.seen.length, 0);
  });
});

describe('resolveGraphEndpoint', () => {
  it('knows the global and US Government Graph hosts', () => {
    assert.deepEqual(resolveGraphEndpoint(undefined), {
      origin: 'https://graph.microsoft.com',
      cloud: 'global',
      scope: 'https://graph.microsoft.com/.default',
    });
    assert.equal(resolveGraphEndpoint('https://graph.microsoft.us/').cloud, 'usGovL4');
    assert.equal(resolveGraphEndpoint('https://DOD-GRAPH.microsoft.us').scope, 'https://dod-graph.microsoft.us/.default');
  });

  it('refuses China, other hosts, http and paths; allows loopback', () => {
    assert.throws(() => resolveGraphEndpoint('https://microsoftgraph.chinacloudapi.cn'), /not available in the Azure China cloud/);
    assert.throws(() => resolveGraphEndpoint('https://graph.evil.example'), /not a Microsoft Graph host/);
    assert.throws(() => resolveGraphEndpoint('http://graph.microsoft.com'), /over https/);
    assert.throws(() => resolveGraphEndpoint('https://graph.microsoft.com/v1.0'), /bare host/);
    assert.throws(() => resolveGraphEndpoint('https://user@graph.microsoft.com'), /bare host/);
    assert.throws(() => resolveGraphEndpoint('not a url'), /not a URL/);
    assert.equal(resolveGraphEndpoint('http://127.0.0.1:8080').origin, 'http://127.0.0.1:8080');
    assert.equal(resolveGraphEndpoint('http://[::1]:8080').origin, 'http://[::1]:8080');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, with a doubling fallback', () => {
    const now = Date.parse('2026-12-01T08:00:00Z');
    assert.equal(parseRetryAfter('7', 1, now), 7);
    assert.equal(parseRetryAfter('1.2', 1, now), 2);
    assert.equal(parseRetryAfter('Tue, 01 Dec 2026 08:00:30 GMT', 1, now), 30);
    assert.equal(parseRetryAfter('Tue, 01 Dec 2026 07:00:00 GMT', 1, now), 0);
    assert.equal(parseRetryAfter(null, 1, now), 5);
    assert.equal(parseRetryAfter('soon', 3, now), 20);
  });
});
