// Authentication failures through the real client: each must give its own clear message, fast, and be
// tried a handful of times at most (counted at the wire by a proxy, and by a counting credential).
import assert from 'node:assert/strict';
import { checkConnection } from '../../../src/hubs/connectionCheck';
import type { HubAuth, HubTarget } from '../../../src/hubs/hubTarget';
import { createSasToken, startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import { createTailSession } from '../../../src/tail/session';
import { tried } from '../../support/reliabilityLog';
import { failingCredential, sleep, startCountingProxy, whenEnded, type CountingProxy } from './support';

const AREA = 'Authentication';
const HUB = 'reliability-auth';
const KEY = 'cmVsaWFiaWxpdHktYXV0aC10ZXN0LWtleS0wMTIzNDU2Nzg5YWJjZGVm';
const WRONG_KEY = 'd3Jvbmcta2V5LXJlbGlhYmlsaXR5LXRlc3QtMDEyMzQ1Njc4OWFiY2Q=';
/** The session's own bound for retrying (short, so the Entra ID case ends quickly). */
const FAIL_AFTER_MS = 4000;

interface Case {
  readonly name: string;
  readonly code: string;
  readonly message: RegExp;
  auth(proxyPort: number): HubAuth;
}

function cs(port: number, parts: string): string {
  return `Endpoint=sb://127.0.0.1:${port}/;${parts};EntityPath=${HUB};UseDevelopmentEmulator=true`;
}

const credentials = new Map<string, ReturnType<typeof failingCredential>>();

const CASES: readonly Case[] = [
  {
    name: 'Wrong shared access key',
    code: 'wrongKey',
    message: /key was rejected/i,
    auth: (port) => ({
      kind: 'connectionString',
      connectionString: cs(port, `SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${WRONG_KEY}`),
    }),
  },
  {
    name: 'Wrong shared access key name (policy)',
    code: 'unknownKeyName',
    message: /"NoSuchPolicy" does not exist/,
    auth: (port) => ({ kind: 'connectionString', connectionString: cs(port, `SharedAccessKeyName=NoSuchPolicy;SharedAccessKey=${KEY}`) }),
  },
  {
    name: 'Expired SAS token (SharedAccessSignature= with se in the past)',
    code: 'expiredToken',
    message: /expired/i,
    auth: (port) => {
      const token = createSasToken(`sb://127.0.0.1:${port}/${HUB}`, 'RootManageSharedAccessKey', KEY, -3600);
      return { kind: 'connectionString', connectionString: cs(port, `SharedAccessSignature=${token}`) };
    },
  },
  {
    name: 'Microsoft Entra ID credential failure (getToken rejects)',
    code: 'entraCredential',
    message: /Microsoft Entra ID/,
    auth: () => {
      const credential = failingCredential();
      credentials.set('entra', credential);
      return { kind: 'tokenCredential', credential };
    },
  },
];

describe('reliability: authentication failures', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;
  let proxy: CountingProxy;
  const checkMessages = new Map<string, string>();
  const tailMessages = new Map<string, string>();

  before(async () => {
    hub = await startLocalHub({ key: KEY, hubs: [{ name: HUB, partitionCount: 2 }] });
    proxy = await startCountingProxy(hub.port);
  });
  after(async () => {
    await proxy.close();
    await hub.stop();
  });

  function target(auth: HubAuth): HubTarget {
    return {
      configId: 'reliability',
      label: `local / ${HUB}`,
      namespaceHost: `127.0.0.1:${proxy.port}`,
      hubName: HUB,
      consumerGroup: '$Default',
      auth,
    };
  }

  for (const c of CASES) {
    it(`${c.name}: its own message from the check and the tail, no tight retry loop, no secret`, async () => {
      const auth = c.auth(proxy.port);
      const credential = auth.kind === 'tokenCredential' ? credentials.get('entra') : undefined;
      const before = { puts: proxy.putTokens, conns: proxy.connections, tokens: credential?.calls ?? 0 };

      const t0 = Date.now();
      const check = await checkConnection(target(auth));
      const checkMs = Date.now() - t0;
      const checkPuts = proxy.putTokens - before.puts;
      const checkTokens = (credential?.calls ?? 0) - before.tokens;
      assert.equal(check.ok, false);
      const problem = check.ok ? undefined : check.problem;
      const checkText = problem ? `${problem.code}: ${problem.message}` : 'ok';
      checkMessages.set(c.name, problem?.message ?? '');

      const t1 = Date.now();
      const mid = { puts: proxy.putTokens, conns: proxy.connections, tokens: credential?.calls ?? 0 };
      const session = createTailSession(target(auth), { failAfterMs: FAIL_AFTER_MS });
      const end = await whenEnded(session);
      const tailMs = Date.now() - t1;
      const tailError = end.kind === 'failed' ? end.error : `(${end.kind})`;
      tailMessages.set(c.name, tailError);
      // After giving up, nothing more reaches the hub or the credential.
      const settled = { puts: proxy.putTokens, conns: proxy.connections, tokens: credential?.calls ?? 0 };
      await sleep(1500);
      await session.stop();
      const tailPuts = settled.puts - mid.puts;
      const tailConns = settled.conns - mid.conns;
      const tailTokens = settled.tokens - mid.tokens;
      const attempts = credential
        ? `${checkTokens} + ${tailTokens} getToken calls`
        : `${checkPuts} + ${tailPuts} put-token requests on ${proxy.connections - before.conns} connections`;
      tried({
        area: AREA,
        fault: `${c.name} (connection check)`,
        times: 1,
        outcome: `${problem ? problem.code : 'ok'} in ${Math.round(checkMs / 100) / 10} s: "${problem?.message ?? ''}"`,
      });
      tried({
        area: AREA,
        fault: `${c.name} (tail session, retry bound ${FAIL_AFTER_MS / 1000} s)`,
        times: 1,
        outcome: `${end.kind} after ${Math.round(tailMs / 100) / 10} s: "${tailError.slice(0, 400)}"; attempts (check + tail): ${attempts}`,
      });

      for (const text of [checkText, tailError]) {
        assert.ok(!text.includes(KEY) && !text.includes(WRONG_KEY), 'no key in the message');
        assert.ok(!/sig=[^*]/.test(text), 'no signature in the message');
      }
      assert.ok(problem, 'the check fails');
      assert.match(problem.message, c.message);
      assert.equal(problem.code, c.code, `a distinct code: ${checkText}`);
      assert.equal(end.kind, 'failed');
      assert.equal(proxy.putTokens - settled.puts, 0, 'no put-token after the session failed');
      assert.equal(proxy.connections - settled.conns, 0, 'no connection after the session failed');
      assert.equal((credential?.calls ?? 0) - settled.tokens, 0, 'no getToken after the session failed');
      // A tight loop would be hundreds of attempts; the client's own few retries and the session's
      // one-per-second reconnects stay far below these bounds.
      assert.ok(checkPuts <= 8 && tailPuts <= 8 * (FAIL_AFTER_MS / 1000 + 1), `put-token requests: check ${checkPuts}, tail ${tailPuts}`);
      assert.ok(tailConns <= 4 * (FAIL_AFTER_MS / 1000 + 1), `connections: ${tailConns}`);
      assert.ok(
        checkTokens <= 8 && tailTokens <= 8 * (FAIL_AFTER_MS / 1000 + 1),
        `getToken calls: check ${checkTokens}, tail ${tailTokens}`,
      );
      assert.equal(hub.openReceiverCount(), 0);
    });
  }

  it('the four failures read differently (check messages and tail messages)', function () {
    if (checkMessages.size < CASES.length) this.skip();
    assert.equal(new Set(checkMessages.values()).size, CASES.length, [...checkMessages.values()].join('\n'));
    assert.equal(new Set(tailMessages.values()).size, CASES.length, [...tailMessages.values()].join('\n'));
  });
});
