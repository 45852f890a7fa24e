// The Markdown drift report: structure, counts, schema origin, and record data escaped (no HTML, links,
// images or broken tables); the folder run's limits and notes.
import assert from 'node:assert/strict';
import { CATALOG_LOOKUP, withTenantSchema } from '../../../src/core/catalog/schemaLookup';
import { driftReport } from '../../../src/drift/compareShapes';
import { renderDriftMarkdown } from '../../../src/drift/driftMarkdown';
import { SampleRun } from '../../../src/drift/sampleFiles';
import { ShapeLearner } from '../../../src/drift/shapeLearner';

function rec(table: string, properties: Record<string, unknown>): Record<string, unknown> {
  return { time: '2026-11-25T10:00:00Z', tenantId: 't', category: `AdvancedHunting-${table}`, properties };
}

const NOW = new Date('2026-12-01T00:00:00Z');

/** Everything outside code spans (what Markdown would interpret). */
function outsideCode(markdown: string): string {
  return markdown.replace(/`[^`\n]*`/g, '');
}

describe('drift: renderDriftMarkdown', () => {
  it('lists per table the columns the schema lacks, type conflicts and columns never seen, with counts and the schema', () => {
    const learner = new ShapeLearner();
    learner.learn(rec('DeviceProcessEvents', { DeviceName: 'a', NetworkAdapterName: 'eth0', ProcessId: 'x' }));
    learner.learn(rec('ContosoCustomEvents', { A: 1 }));
    learner.learn(rec('AlertInfo', { Title: 't' }));
    const md = renderDriftMarkdown(driftReport(learner, CATALOG_LOOKUP), { source: 'samples/a.ndjson', now: NOW });
    assert.match(md, /^# Schema drift\n/);
    assert.match(md, /Source: `samples\/a\.ndjson`\. Generated 2026-12-01T00:00:00\.000Z\./);
    assert.match(md, /Schema: the extension's catalog/);
    assert.match(md, /3 records in 3 tables\./);
    assert.match(md, /\| `DeviceProcessEvents` \| catalog \| 1 \| 1 \| \d+ \| 1 \|/);
    assert.match(md, /\| `ContosoCustomEvents` \| unknown table \| 1 \| – \| – \| – \|/);
    assert.match(
      md,
      /## `DeviceProcessEvents`\n\n1 record; record times from `2026-11-25T10:00:00Z` to `2026-11-25T10:00:00Z`\. Columns from the extension's catalog\./,
    );
    assert.match(
      md,
      /### Columns the schema lacks\n\n\| Column \| Records \| JSON types \| Sample \|\n\| --- \| ---: \| --- \| --- \|\n\| `NetworkAdapterName` \| 1 \| string 1 \| `"eth0"` \|/,
    );
    assert.match(
      md,
      /### Type conflicts\n\n\| Column \| Expected \| Seen \| Values \| Sample \|\n[^\n]+\n\| `ProcessId` \| `long` \| string \| 1 \| `"x"` \|/,
    );
    assert.match(md, /### Schema columns never seen\n\n\| Column \| Type \|/);
    assert.match(md, /## `ContosoCustomEvents`[\s\S]*### Columns seen\n\n[^\n]+\n[^\n]+\n\| `A` \| 1 \| number 1 \| `1` \|/);
    assert.match(md, /## `AlertInfo`/, 'AlertInfo has schema columns never seen');
  });

  it('names a tenant schema and where each table came from', () => {
    const learner = new ShapeLearner();
    learner.learn(rec('AlertInfo', { Title: 't' }));
    const lookup = withTenantSchema({
      version: 1,
      updatedAt: '2026-12-01T00:00:00Z',
      source: 'getschema export.csv',
      tables: { AlertInfo: { columns: [{ name: 'Title', type: 'string' }] } },
    });
    const md = renderDriftMarkdown(driftReport(learner, lookup), { source: 'x', now: NOW });
    assert.match(
      md,
      /Schema: the tenant schema from `getschema export\.csv` \(updated `2026-12-01T00:00:00Z`\), over the extension's catalog/,
    );
    assert.match(md, /\| `AlertInfo` \| tenant \| 1 \| 0 \| 0 \| 0 \|/);
    assert.match(md, /Every record matches the schema\./);
  });

  it('escapes record data: no raw HTML, links, images, emphasis or table breaks; backticks and pipes are neutralised', () => {
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '![img](http://evil.example/x.png)',
      'a|b|c',
      '`code` and ``more``',
      '**bold** _it_',
      'line\nbreak\r\n# heading',
      'http://evil.example/autolink www.evil.example',
    ];
    const learner = new ShapeLearner();
    const props: Record<string, unknown> = {};
    hostile.forEach((h, i) => (props[h] = h + i));
    learner.learn(rec('DeviceProcessEvents', props));
    learner.learn(rec('<b>Table|x</b>', { [hostile[0]]: hostile[1] }));
    const md = renderDriftMarkdown(driftReport(learner, CATALOG_LOOKUP), {
      source: '<script>alert(1)</script>',
      notes: [{ text: 'Skipped <b>file</b>', value: '[x](http://evil.example)' }],
      now: NOW,
    });
    const bare = outsideCode(md);
    assert.doesNotMatch(bare, /<img|<script|<b>|\]\(|!\[|javascript:|http:\/\/|www\./, bare);
    // Every table row has exactly as many cells as its header: no pipe broke out of a cell.
    for (const block of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const rows = block.split('\n');
      const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length;
      for (const row of rows) assert.equal(cells(row), cells(rows[0]), row);
    }
    // No code span is broken by a backtick from the data, and no line break from the data survived.
    for (const line of md.split('\n')) assert.equal((line.match(/`/g) ?? []).length % 2, 0, line);
    assert.doesNotMatch(md, /^# heading/m);
  });

  it('bounds long lists and says how many more there are', () => {
    const learner = new ShapeLearner();
    const props: Record<string, number> = {};
    for (let i = 0; i < 30; i++) props[`Extra${i}`] = i;
    learner.learn(rec('AlertInfo', props));
    const md = renderDriftMarkdown(driftReport(learner, CATALOG_LOOKUP), { source: 'x', maxRows: 10, now: NOW });
    assert.match(md, /… and 20 more\./);
    assert.equal((md.match(/\| `Extra\d+` \|/g) ?? []).length, 10);
  });

  it('says when nothing was read', () => {
    const md = renderDriftMarkdown(driftReport(new ShapeLearner(), CATALOG_LOOKUP), { source: 'empty', now: NOW });
    assert.match(md, /0 records in 0 tables\.\n\nNo records were read\./);
  });
});

describe('drift: SampleRun (a folder of samples, bounded)', () => {
  it('admits files within the size, count and total limits, and names the skipped ones in its notes', () => {
    const run = new SampleRun(new ShapeLearner(), { maxFiles: 2, maxFileBytes: 100, maxTotalBytes: 150, maxDepth: 2 });
    assert.equal(run.admit('big.json', 101), false);
    assert.equal(run.admit('a.json', 80), true);
    assert.equal(run.admit('b.json', 80), false, 'over the total');
    assert.equal(run.admit('c.json', 50), true);
    assert.equal(run.full, true);
    assert.equal(run.admit('d.json', 1), false, 'over the count');
    run.learn('a.json', JSON.stringify({ records: [rec('AlertInfo', { Title: 't' })] }));
    run.learn('c.ndjson', 'not json\n');
    run.failed('e.json');
    assert.deepEqual([run.records, run.malformed], [1, 1]);
    assert.deepEqual(run.notes(), [
      { text: '2 sample files read' },
      { text: 'Skipped, over 0 MB', value: 'big.json' },
      { text: 'Could not be read', value: 'e.json' },
      { text: '1 more files skipped: at most 2 are read' },
      { text: '1 more files skipped: at most 0 MB are read in all' },
      { text: '1 documents or lines held no record (not JSON, or no records)' },
    ]);
  });
});
