// An hour blob opened as a document: read in ranges (never more than asked), bounded by lines and bytes, a first
// line that says it was cut (blanked for validation, so positions stay), and a URI path without secrets.
import assert from 'node:assert/strict';
import type { BlobStore } from '../../../src/storage/blobStore';
import { blobDocumentPath, parseBlobDocumentPath, readBlobText, withoutCutNote } from '../../../src/storage/blobText';
import { validate } from '../../../src/validation/validate';
import { storageRecord } from './support';

/** One blob in memory; records every ranged read. */
function memoryStore(text: string): BlobStore & { reads: Array<[number, number]> } {
  const bytes = Buffer.from(text, 'utf8');
  const reads: Array<[number, number]> = [];
  return {
    reads,
    listContainers: async () => [],
    listLevel: async () => ({ folders: [], blobs: [] }),
    properties: async (_c, blob) => (blob === 'b' ? { name: blob, size: bytes.length, lastModified: 0, createdOn: 0 } : undefined),
    read: async (_c, _b, offset, count) => {
      reads.push([offset, count]);
      return bytes.subarray(offset, offset + count);
    },
  };
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify(storageRecord('DeviceProcessEvents', i)));

describe('storage: a blob as a bounded NDJSON document', () => {
  it('reads in ranges of chunkBytes and shows every line of a small blob (a last line without a line break too)', async () => {
    const text = lines(5).join('\n');
    const store = memoryStore(text);
    const progress: number[] = [];
    const result = await readBlobText(store, 'c', 'b', { maxLines: 100, chunkBytes: 100, onProgress: (n) => progress.push(n) });
    assert.equal(result.cut, false);
    assert.equal(result.text, text);
    assert.equal(result.lines, 5);
    assert.ok(store.reads.length > 1 && store.reads.every(([, count]) => count <= 100));
    assert.equal(progress.at(-1), Buffer.byteLength(text));
  });

  it('stops at maxLines with a first-line note, and reads no further than needed', async () => {
    const text = lines(1000).join('\n') + '\n';
    const store = memoryStore(text);
    const result = await readBlobText(store, 'c', 'b', { maxLines: 10, chunkBytes: 1024 });
    assert.equal(result.cut, true);
    const shown = result.text.split('\n');
    assert.equal(shown.length, 11);
    assert.match(
      shown[0],
      /^\/\/ Cut: the first 10 lines \(.+ KB of .+ KB\) of this blob are shown \(defenderStream\.storage\.openMaxLines is 10\)/,
    );
    assert.deepEqual(shown.slice(1), lines(10));
    assert.ok(result.bytesRead < Buffer.byteLength(text) / 10, 'read only the first ranges');
  });

  it('stops at maxBytes on a line boundary, with the note', async () => {
    const text = lines(50).join('\n') + '\n';
    const result = await readBlobText(memoryStore(text), 'c', 'b', { maxLines: 1000, maxBytes: 1000, chunkBytes: 300 });
    assert.equal(result.cut, true);
    assert.equal(result.bytesRead, 1000);
    const shown = result.text.split('\n');
    assert.match(shown[0], /the rest was not read/);
    for (const line of shown.slice(1)) JSON.parse(line);
  });

  it('stops when cancelled, marked cut; a blob that is not there rejects with a 404', async () => {
    const result = await readBlobText(memoryStore(lines(20).join('\n')), 'c', 'b', { maxLines: 100, cancelled: () => true });
    assert.equal(result.cut, true);
    assert.equal(result.lines, 0);
    await assert.rejects(
      readBlobText(memoryStore(''), 'c', 'missing', { maxLines: 1 }),
      (e: { statusCode?: number }) => e.statusCode === 404,
    );
  });

  it('is validated without its note: positions stay, and good records give no finding', async () => {
    const result = await readBlobText(memoryStore(lines(30).join('\n')), 'c', 'b', { maxLines: 5 });
    const blanked = withoutCutNote(result.text);
    assert.equal(blanked.length, result.text.length);
    assert.match(blanked, /^ +\n\{/);
    assert.deepEqual(
      validate(blanked, { fileName: 'PT1H.json.ndjson' }).filter((f) => f.severity === 'error'),
      [],
    );
    const bad = validate(withoutCutNote(result.text.replace('"time"', '"time" 1')), { fileName: 'x.ndjson' });
    assert.ok(
      bad.some((f) => f.range.start.line === 1),
      'a finding on the first record is on line 2',
    );
    assert.equal(withoutCutNote('{"a":1}'), '{"a":1}');
  });

  it('names a blob by account id, container and path only, and reads such a path back', () => {
    const ref = {
      accountId: 'devstoreaccount1-a1b2c3',
      container: 'insights-logs-advancedhunting-deviceprocessevents',
      blob: 'tenantId=1111/y=2026/m=12/d=01/h=10/m=00/PT1H.json',
    };
    const path = blobDocumentPath(ref);
    assert.equal(path, `/${ref.accountId}/${ref.container}/${ref.blob}`);
    assert.deepEqual(parseBlobDocumentPath(path), ref);
    assert.equal(parseBlobDocumentPath('/a/B/c'), undefined);
    assert.equal(parseBlobDocumentPath('/only'), undefined);
  });
});
