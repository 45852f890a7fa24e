import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

describe('build: heavy modules stay out of the activation bundle', function () {
  this.timeout(120_000);
  let extension = '';

  before(() => {
    const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    extension = readFileSync(path.join(root, 'dist', 'extension.js'), 'utf8');
  });

  it('does not bundle the Event Hubs SDK, rhea, MSAL or the demo hub into dist/extension.js', () => {
    for (const marker of ['rhea-promise', 'create_container', '@azure/msal', 'class LocalHubServer', 'EventHubConsumerClient = class']) {
      assert.ok(!extension.includes(marker), `dist/extension.js contains "${marker}"`);
    }
  });

  /* eslint-disable @typescript-eslint/no-require-imports -- the extension host loads these bundles with require() */
  it('loads them from dist/lazy on first use, through require()', () => {
    for (const name of ['event-hubs', 'identity', 'demo']) {
      assert.ok(extension.includes(`require("./lazy/${name}.js")`), `no lazy require of ${name}`);
    }
    const eventHubs = require(path.join(root, 'dist', 'lazy', 'event-hubs.js')) as Record<string, unknown>;
    assert.equal(typeof eventHubs.EventHubConsumerClient, 'function');
    const demo = require(path.join(root, 'dist', 'lazy', 'demo.js')) as Record<string, unknown>;
    assert.equal(typeof demo.DemoHubService, 'function');
  });

  it('gives the CLI the Storage SDK from dist/lazy (an ES module inside that reads import.meta.url works there)', () => {
    const cli = readFileSync(path.join(root, 'dist', 'cli.js'), 'utf8');
    assert.match(cli, /(require|import)\("\.\/lazy\/storage-blob\.js"\)/, 'no lazy load of storage-blob in dist/cli.js');
    assert.ok(!cli.includes('BlobServiceClient = class'), 'dist/cli.js bundles the Storage SDK');
    const storage = require(path.join(root, 'dist', 'lazy', 'storage-blob.js')) as Record<string, unknown>;
    assert.equal(typeof storage.BlobServiceClient, 'function');
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
});
