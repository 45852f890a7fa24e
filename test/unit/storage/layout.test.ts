import assert from 'node:assert/strict';
import {
  containerOfTable,
  hourBlobPath,
  hourLabel,
  isExportContainer,
  newestFirst,
  parseHourBlobPath,
  tableOfContainer,
} from '../../../src/storage/layout';

describe('storage layout', () => {
  it('maps tables to containers and back through the catalog', () => {
    assert.equal(containerOfTable('DeviceProcessEvents'), 'insights-logs-advancedhunting-deviceprocessevents');
    assert.deepEqual(tableOfContainer('insights-logs-advancedhunting-deviceprocessevents'), { table: 'DeviceProcessEvents', known: true });
    assert.deepEqual(tableOfContainer('insights-logs-advancedhunting-futuretable'), { table: 'futuretable', known: false });
    assert.equal(tableOfContainer('insights-logs-advancedhunting-'), undefined);
    assert.equal(tableOfContainer('$logs'), undefined);
    assert.equal(isExportContainer('insights-logs-advancedhunting-emailevents'), true);
  });

  it('formats and parses hour blob paths (UTC, zero-padded, m=00)', () => {
    const t = Date.UTC(2026, 0, 5, 7, 42, 13);
    const p = hourBlobPath('a1b2', t);
    assert.equal(p, 'tenantId=a1b2/y=2026/m=01/d=05/h=07/m=00/PT1H.json');
    assert.deepEqual(parseHourBlobPath(p), { tenantId: 'a1b2', hour: Date.UTC(2026, 0, 5, 7) });
    assert.equal(hourLabel(Date.UTC(2026, 0, 5, 7)), '2026-01-05T07Z');
  });

  it('refuses other names and impossible dates', () => {
    for (const name of [
      'tenantId=a/y=2026/m=02/d=30/h=01/m=00/PT1H.json',
      'tenantId=a/y=2026/m=01/d=05/h=24/m=00/PT1H.json',
      'tenantId=a/y=2026/m=01/d=05/h=07/m=05/PT1H.json',
      'tenantId=a/y=2026/m=01/d=05/h=07/m=00/PT1H.json.tmp',
      'y=2026/m=01/d=05/h=07/m=00/PT1H.json',
      'tenantId=/y=2026/m=01/d=05/h=07/m=00/PT1H.json',
    ])
      assert.equal(parseHourBlobPath(name), undefined, name);
  });

  it('sorts hours newest first', () => {
    const hours = [1, 3, 2].map((h) => ({ tenantId: 't', hour: Date.UTC(2026, 0, 1, h) }));
    assert.deepEqual(
      newestFirst(hours).map((h) => new Date(h.hour).getUTCHours()),
      [3, 2, 1],
    );
  });
});
