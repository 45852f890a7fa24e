import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clampSetting, DEFAULT_INCLUDE, NUMBER_SETTINGS, readSettings, USER_ONLY_SETTINGS } from '../../../src/config/settings';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
const declared = manifest.contributes.configuration.properties as Record<
  string,
  { default?: unknown; minimum?: number; maximum?: number; scope?: string; enum?: string[] }
>;

function source(merged: Record<string, unknown>, user: Record<string, unknown> = {}) {
  return { get: (key: string) => merged[key], user: (key: string) => user[key] };
}

describe('config: every setting read in one place', () => {
  it('has the default and range package.json declares, for every numeric setting', () => {
    for (const s of Object.values(NUMBER_SETTINGS)) {
      const d = declared[`defenderStream.${s.key}`];
      assert.ok(d, `${s.key} is declared`);
      assert.equal(d.default, s.default, `${s.key} default`);
      assert.equal(d.minimum, 'zeroIsOff' in s && s.zeroIsOff ? 0 : s.minimum, `${s.key} minimum`);
      assert.equal(d.maximum, s.maximum, `${s.key} maximum`);
    }
    const numeric = Object.entries(declared)
      .filter(([, d]) => typeof d.default === 'number')
      .map(([k]) => k.replace('defenderStream.', ''));
    assert.deepEqual(
      numeric.sort(),
      Object.values(NUMBER_SETTINGS)
        .map((s) => s.key)
        .sort(),
      'every numeric setting is read here',
    );
    assert.deepEqual([...(declared['defenderStream.validation.include'].default as string[])], [...DEFAULT_INCLUDE]);
    assert.deepEqual(declared['defenderStream.tail.startPosition'].enum, ['latest', 'earliest', 'last15Minutes', 'lastHour', 'ask']);
  });

  it('clamps, rounds and falls back to the default for anything that is not a finite number', () => {
    assert.equal(clampSetting(NUMBER_SETTINGS.bufferSize, 5), 100);
    assert.equal(clampSetting(NUMBER_SETTINGS.bufferSize, 1e12), 1_000_000);
    assert.equal(clampSetting(NUMBER_SETTINGS.bufferSize, 1234.6), 1235);
    for (const bad of ['500', null, undefined, Number.NaN, Infinity, {}, [1]])
      assert.equal(clampSetting(NUMBER_SETTINGS.maxBatchSize, bad), 300, String(bad));
    assert.equal(clampSetting(NUMBER_SETTINGS.demoRate, 1e9), 20_000);
    assert.equal(clampSetting(NUMBER_SETTINGS.demoRate, -3), 0);
    assert.equal(clampSetting(NUMBER_SETTINGS.refreshInterval, 0), 0);
    assert.equal(clampSetting(NUMBER_SETTINGS.refreshInterval, 1), 5);
    assert.equal(clampSetting(NUMBER_SETTINGS.refreshInterval, -10), 0);
  });

  it('reads the user-only settings from user settings alone', () => {
    assert.deepEqual(USER_ONLY_SETTINGS, ['hubs', 'refreshInterval', 'graph.endpoint', 'graph.tenant', 'storageAccounts']);
    for (const key of USER_ONLY_SETTINGS) assert.equal(declared[`defenderStream.${key}`].scope, 'application', key);
    const s = readSettings(source({ refreshInterval: 5 }, {}));
    assert.equal(s.refreshIntervalSeconds, 0, 'a workspace value is ignored');
    assert.equal(readSettings(source({ refreshInterval: 5 }, { refreshInterval: 30 })).refreshIntervalSeconds, 30);
    // Where a Graph token goes is the user's choice only.
    const workspaceGraph = readSettings(source({ 'graph.endpoint': 'https://attacker.example', 'graph.tenant': 'contoso.com' }, {}));
    assert.deepEqual(workspaceGraph.graph, { endpoint: undefined, tenant: undefined });
    const userGraph = readSettings(
      source({}, { 'graph.endpoint': ' https://graph.microsoft.us ', 'graph.tenant': 'contoso.onmicrosoft.com' }),
    );
    assert.deepEqual(userGraph.graph, { endpoint: 'https://graph.microsoft.us', tenant: 'contoso.onmicrosoft.com' });
    // Kept as typed, so that using it can say what is wrong with it (checkGraphTenant).
    assert.equal(readSettings(source({}, { 'graph.tenant': ' x y ' })).graph.tenant, 'x y');
  });

  it('gives typed values with defaults for a hand-edited settings.json', () => {
    const s = readSettings(
      source({
        'tail.startPosition': 'yesterday',
        'tail.bufferMegabytes': 16,
        'tail.reconnectTimeout': 8,
        'validation.include': ['a/*.json', 3, ''],
        'validation.enabled': 'no',
      }),
    );
    assert.equal(s.tail.startPosition, 'latest');
    assert.equal(s.tail.bufferBytes, 16 * 1024 * 1024);
    assert.equal(s.tail.reconnectTimeoutMs, 8000);
    assert.deepEqual(s.validation, { enabled: true, include: ['a/*.json'] });
    assert.equal(s.editorTail.maxLines, 5000);
    assert.equal(s.demo.rate, 50);
  });
});
