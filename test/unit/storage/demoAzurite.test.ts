import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/runCli';
import { DEV_ACCOUNT_KEY, DEV_ACCOUNT_NAME, parseStorageConnection } from '../../../src/storage/account';
import { createBlobStore } from '../../../src/storage/sdkBlobStore';
import { StorageTailSession } from '../../../src/storage/storageTailSession';
import type { TailEntry } from '../../../src/tail/types';
import { ensureAzurite, isListening, type DemoAzurite } from '../../../scripts/demoAzurite.mjs';
import { capture } from '../cli/captureIo';
import { waitFor } from './support';

const ROOT = path.resolve(__dirname, '../../..');

/** A loopback port nobody listens on (the OS picks it, then it is freed for Azurite). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('npm run demo: the demo traffic in a local Azurite (scripts/demoAzurite.mjs)', function () {
  this.timeout(90_000);
  const started: DemoAzurite[] = [];
  after(async () => {
    await Promise.all(started.map((a) => a.stop()));
  });

  it('starts the dev dependency when none runs, fills it through local-hub as the demo does, reuses one that runs', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const azurite = await ensureAzurite({ root: ROOT, port, log: (l) => lines.push(l) });
    assert.ok(azurite, lines.join('\n'));
    started.push(azurite);
    assert.equal(azurite.started, true);
    assert.equal(azurite.endpoint, `http://127.0.0.1:${port}/devstoreaccount1`);
    assert.match(lines.join('\n'), /Started Azurite \(the dev dependency\)/);

    // The demo's local hub with the demo's Storage options: its records reach Azurite, and a Storage tail reads them.
    const controller = new AbortController();
    const io = Object.assign(capture(), { signal: controller.signal });
    const hub = runCli(['local-hub', '--rate', '200', '--port', '0', '--azurite-endpoint', azurite.endpoint], io);
    const account = parseStorageConnection(
      `AccountName=${DEV_ACCOUNT_NAME};AccountKey=${DEV_ACCOUNT_KEY};BlobEndpoint=${azurite.endpoint}`,
    );
    const session = new StorageTailSession({
      account,
      store: () => createBlobStore(account),
      start: { kind: 'earliest' },
      pollIntervalMs: 100,
      discoverIntervalMs: 200,
    });
    const entries: TailEntry[] = [];
    session.onEntries((batch) => entries.push(...batch));
    try {
      await waitFor('the banner', () => io.out.includes('Press Ctrl+C'));
      assert.match(io.out, new RegExp(`Storage: the same traffic goes to Azurite at http://127\\.0\\.0\\.1:${port}/devstoreaccount1`));
      await waitFor('demo records read back from Azurite', () => entries.filter((e) => e.type === 'record').length >= 20, 30_000);
    } finally {
      controller.abort();
      await session.stop();
    }
    assert.equal(await hub, 0);
    assert.equal(session.stats().malformed, 0);

    const again: string[] = [];
    const running = await ensureAzurite({ root: ROOT, port, log: (l) => again.push(l) });
    assert.equal(running?.started, false);
    assert.match(again.join('\n'), /already listens on 127\.0\.0\.1:\d+: the demo traffic also goes there/);
    await running?.stop(); // leaves the running one alone
    assert.equal(await isListening('127.0.0.1', port), true);

    await azurite.stop();
    assert.equal(await isListening('127.0.0.1', port), false);
  });

  it('without Azurite and without the dev dependency, says how to get one and goes on', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-azurite-'));
    try {
      const lines: string[] = [];
      const azurite = await ensureAzurite({ root: empty, port: await freePort(), log: (l) => lines.push(l) });
      assert.equal(azurite, undefined);
      assert.match(lines.join('\n'), /the demo goes on without Storage\. To get one: npm install .*npx azurite-blob/);
      assert.ok(existsSync(empty));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
