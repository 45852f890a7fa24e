// Secrets at the pure level: add, use (connect, fail), export and remove hubs through the configuration
// model and the real client; the key must never show up in settings, log lines, error messages,
// exported files, and removing a hub must remove its secret. The built bundle and the VSIX are
// scanned where they exist: test/e2e/journeys/packagedSecrets.test.ts, after the e2e setup packages them.
import assert from 'node:assert/strict';
import type { AzureLogLevel } from '@azure/logger';
import { formatConnectionInfo } from '../../../src/config/connectionInfo';
import { secretKeyFor } from '../../../src/config/ids';
import { HubConfigStore } from '../../../src/config/store';
import { buildTarget } from '../../../src/hubs/targets';
import type { HubConfigEntry } from '../../../src/config/types';
import { parseConnectionString } from '../../../src/core/connection/connectionString';
import { redactError } from '../../../src/core/connection/redact';
import { checkConnection } from '../../../src/hubs/connectionCheck';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import { summaryText } from '../../../src/cli/tailCommand';
import { recordNdjsonLine } from '../../../src/tail/ndjson';
import { createTailSession } from '../../../src/tail/session';
import type { TailEntry } from '../../../src/tail/types';
import { DefenderTrafficGenerator } from '../../../src/traffic/index';
import { formatExport } from '../../../src/liveTail/exportFormat';
import { MemorySecrets, MemorySettings } from '../config/memoryPorts';
import { tried } from '../../support/reliabilityLog';
import { closedPort, waitFor, whenEnded } from './support';

const AREA = 'Secrets';
const HUB = 'reliability-secrets';
const KEY = 'c2VjcmV0LWtleS10aGF0LW11c3QtbmV2ZXItbGVhay0wMTIzNDU2Nzg5QUJDREVG';
/** A shared access key written out in a connection string (not a placeholder and not redacted). */
const LITERAL_KEY = /SharedAccessKey\s*=\s*(?!\*\*\*)[A-Za-z0-9+/]{20,}={0,2}/;

/** Where the key could leak, with what each place held. */
class Surfaces {
  readonly places = new Map<string, string[]>();
  add(place: string, ...texts: string[]): void {
    const list = this.places.get(place) ?? [];
    list.push(...texts);
    this.places.set(place, list);
  }
  leaks(secret: string): string[] {
    return [...this.places].filter(([, texts]) => texts.some((t) => t.includes(secret) || LITERAL_KEY.test(t))).map(([place]) => place);
  }
}

describe('reliability: secrets never leak', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;
  let previousLevel: AzureLogLevel | undefined;
  let logger: typeof import('@azure/logger');
  const sdkLog: string[] = [];
  const originalWrite = process.stderr.write;

  before(async () => {
    hub = await startLocalHub({ key: KEY, hubs: [{ name: HUB, partitionCount: 2 }] });
    const gen = new DefenderTrafficGenerator({ seed: 'secrets' });
    hub.append(
      HUB,
      Array.from({ length: 5 }, () => ({ body: gen.message().body })),
    );
    // The client is loaded with import() (its ESM build): its logger is the ESM instance too.
    logger = await import('@azure/logger');
  });
  after(async () => {
    await hub.stop();
  });

  /** Turns on the Azure SDK's verbose log (it writes to stderr) and captures it instead of printing it. */
  function captureSdkLog(): () => void {
    previousLevel = logger.getLogLevel();
    process.stderr.write = ((chunk: string | Uint8Array) => {
      sdkLog.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stderr.write;
    logger.setLogLevel('verbose');
    return () => {
      logger.setLogLevel(previousLevel);
      process.stderr.write = originalWrite;
    };
  }

  it('add, connect, fail, export and remove hubs: the key appears in none of settings, logs, errors or exports; the secret is gone after removal', async () => {
    const settings = new MemorySettings([]);
    const secrets = new MemorySecrets();
    const store = new HubConfigStore(settings, secrets);
    const surfaces = new Surfaces();
    const log = (line: string): void => surfaces.add('log lines', redactError(line));
    const host = `127.0.0.1:${hub.port}`;
    const base = {
      namespaceHost: host,
      mode: 'single',
      consumerGroup: '$Default',
      auth: 'connectionString',
      sharedAccessKeyName: hub.keyName,
      useDevelopmentEmulator: true,
    } as const;
    const good: HubConfigEntry = { ...base, id: 'good', label: 'Good hub', hubs: [HUB] };
    const unknown: HubConfigEntry = { ...base, id: 'unknown', label: 'Unknown hub', hubs: ['no-such-hub'] };
    const port = await closedPort();
    const refused: HubConfigEntry = { ...base, id: 'refused', label: 'Closed port', namespaceHost: `127.0.0.1:${port}`, hubs: [HUB] };
    const noPolicy: HubConfigEntry = { ...base, id: 'no-policy', label: 'No policy name', hubs: [HUB], sharedAccessKeyName: undefined };
    let operations = 0;

    // Add.
    for (const entry of [good, unknown, refused, noPolicy]) {
      await store.add(entry, { sharedAccessKey: KEY });
      operations++;
      log(`Added hub ${entry.id}`);
    }
    surfaces.add('settings (defenderStream.hubs)', JSON.stringify(settings.value));
    surfaces.add('copied connection info', ...[good, unknown, refused, noPolicy].map((e) => formatConnectionInfo(e)));

    // Use: a working connection, a tail, exports.
    const target = buildTarget(good, HUB, await store.getSecret('good'));
    surfaces.add('hub target label and ids', target.label, target.configId, target.namespaceHost);
    const restoreLog = captureSdkLog();
    let ok: Awaited<ReturnType<typeof checkConnection>>;
    try {
      ok = await checkConnection(target);
    } finally {
      restoreLog();
    }
    assert.ok(ok.ok, ok.ok ? '' : ok.problem.message);
    operations++;
    log(`Connected to ${target.label}: ${ok.ok ? ok.hub.partitionIds.length : 0} partitions`);
    const session = createTailSession(target, { start: { kind: 'earliest' } });
    const entries: TailEntry[] = [];
    session.onEntries((b) => entries.push(...b));
    await waitFor('records', () => entries.length > 0);
    await session.stop();
    operations++;
    const records = entries.flatMap((e) => (e.type === 'record' ? [e] : []));
    surfaces.add(
      'exported files (NDJSON, Event Hubs body, CLI --json lines)',
      formatExport(
        'ndjson',
        records.map((r) => r.record),
      ),
      formatExport(
        'eventHubsBody',
        records.map((r) => r.record),
      ),
      ...records.map(recordNdjsonLine),
    );
    surfaces.add('tail stats and summary', JSON.stringify(session.stats()), summaryText(session.stats()), JSON.stringify(session.state));

    // Fail: unknown hub, closed port, missing policy name, a malformed connection string, raw SDK errors.
    const errors: string[] = [];
    for (const entry of [unknown, refused]) {
      const t = buildTarget(entry, entry.hubs[0], await store.getSecret(entry.id));
      const restore = captureSdkLog();
      let check: Awaited<ReturnType<typeof checkConnection>>;
      try {
        check = await checkConnection(t);
      } finally {
        restore();
      }
      assert.equal(check.ok, false);
      if (!check.ok) errors.push(check.problem.message);
      const tail = createTailSession(t, { failAfterMs: 2000 });
      const end = await whenEnded(tail);
      await tail.stop();
      if (end.kind === 'failed') errors.push(end.error);
      operations += 2;
    }
    try {
      buildTarget(noPolicy, HUB, await store.getSecret('no-policy'));
    } catch (error) {
      errors.push(redactError(error));
    }
    operations++;
    for (const bad of [
      `Endpoint=sb://x/;SharedAccessKeyName=p;${KEY}`,
      `Endpoint=nope;SharedAccessKeyName=p;SharedAccessKey=${KEY}`,
      `${KEY}`,
    ]) {
      try {
        parseConnectionString(bad);
      } catch (error) {
        errors.push((error as Error).message);
      }
      operations++;
    }
    errors.push(
      redactError(new Error(`connect failed for ${target.auth.kind === 'connectionString' ? target.auth.connectionString : ''}`)),
    );
    surfaces.add('error messages', ...errors);
    for (const e of errors) log(e);
    surfaces.add('Azure SDK verbose log', ...sdkLog);

    // Remove.
    for (const entry of [good, unknown, refused, noPolicy]) {
      assert.equal(await store.remove(entry.id), true);
      operations++;
      log(`Removed hub ${entry.id}`);
    }
    surfaces.add('settings after removal', JSON.stringify(settings.value));
    const leftInSecretStore = [...secrets.map.entries()].filter(([, v]) => v.includes(KEY)).map(([k]) => k);

    const leaks = surfaces.leaks(KEY);
    for (const [place, texts] of surfaces.places) {
      tried({
        area: AREA,
        fault: `Key looked for in: ${place}`,
        times: texts.length,
        outcome: leaks.includes(place) ? 'KEY FOUND' : 'not found',
      });
    }
    tried({
      area: AREA,
      fault:
        'Hubs added, used (connect, tail, export), failed (unknown hub, closed port, no policy name, malformed connection strings) and removed',
      times: operations,
      outcome: `secret store after removal: ${secrets.map.size} entries${leftInSecretStore.length ? `, key still under ${leftInSecretStore.join(', ')}` : ''}`,
    });

    assert.deepEqual(leaks, [], 'the key leaked');
    assert.ok(sdkLog.length > 0, 'the SDK log was captured');
    assert.equal(errors.length, 9);
    assert.deepEqual(leftInSecretStore, []);
    for (const id of ['good', 'unknown', 'refused', 'no-policy']) assert.equal(await secrets.get(secretKeyFor(id)), undefined);
    assert.deepEqual(settings.value, []);
  });
});
