import assert from 'node:assert/strict';
import { MAX_RECORD_DEPTH, decodeMessage, decodeParsed, type DecodeResult } from '../../../src/core/decode/decodeMessage';

const RECORD = {
  time: '2026-11-25T10:00:00.0000000Z',
  tenantId: '11111111-2222-3333-4444-555555555555',
  operationName: 'Publish',
  category: 'AdvancedHunting-DeviceProcessEvents',
  properties: { Timestamp: '2026-11-25T09:59:58Z', DeviceName: 'ws-001', FileName: 'powershell.exe', MachineGroup: null },
  Tenant: 'DefaultTenant',
};
const ALERT = { ...RECORD, category: 'AdvancedHunting-AlertInfo', properties: { AlertId: 'da1', Title: 'Suspicious' } };
const MESSAGE = { records: [RECORD, ALERT] };
const MESSAGE_TEXT = JSON.stringify(MESSAGE);

function only(result: DecodeResult, reason: string): DecodeResult['malformed'][number] {
  assert.equal(result.records.length, 0, 'no records expected');
  assert.equal(result.malformed.length, 1);
  assert.equal(result.malformed[0].reason, reason, result.malformed[0].message);
  assert.ok(result.malformed[0].message.length > 0);
  return result.malformed[0];
}

function sumBytes(result: DecodeResult): number {
  return result.records.reduce((n, r) => n + r.bytes, 0) + result.malformed.reduce((n, m) => n + m.bytes, 0);
}

function nested(depth: number, open = '{"a":', leaf = '1', close = '}'): string {
  return open.repeat(depth) + leaf + close.repeat(depth);
}

describe('core/decode/decodeMessage', () => {
  describe('body forms', () => {
    it('decodes a Buffer in the streaming form {"records": [...]}', () => {
      const result = decodeMessage(Buffer.from(MESSAGE_TEXT));
      assert.deepEqual(result.malformed, []);
      assert.deepEqual(
        result.records.map((r) => [r.table, r.known]),
        [
          ['DeviceProcessEvents', true],
          ['AlertInfo', true],
        ],
      );
      assert.deepEqual(result.records[0].record, RECORD);
      assert.equal(result.bytes, Buffer.byteLength(MESSAGE_TEXT));
    });

    it('decodes a plain Uint8Array, including a view into a larger buffer', () => {
      const bytes = new TextEncoder().encode(MESSAGE_TEXT);
      assert.equal(decodeMessage(bytes).records.length, 2);
      const padded = new Uint8Array(bytes.length + 10);
      padded.set(bytes, 5);
      const view = padded.subarray(5, 5 + bytes.length);
      const result = decodeMessage(view);
      assert.equal(result.records.length, 2);
      assert.equal(result.bytes, bytes.length);
    });

    it('decodes a string and counts its UTF-8 bytes', () => {
      const text = JSON.stringify({ records: [{ ...RECORD, properties: { FileName: 'résumé – 文件.exe' } }] });
      const result = decodeMessage(text);
      assert.equal(result.records.length, 1);
      assert.equal(result.bytes, Buffer.byteLength(text, 'utf8'));
      assert.ok(result.bytes > text.length);
    });

    it('decodes the object the SDK already parsed, sized as its JSON', () => {
      const result = decodeMessage(MESSAGE);
      assert.equal(result.records.length, 2);
      assert.equal(result.bytes, Buffer.byteLength(MESSAGE_TEXT));
      assert.equal(result.records[1].record, ALERT, 'the record object is passed through, not copied');
    });

    it('skips a UTF-8 byte order mark', () => {
      assert.equal(decodeMessage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MESSAGE_TEXT)])).records.length, 2);
      assert.equal(decodeMessage(`\ufeff${MESSAGE_TEXT}`).records.length, 2);
    });

    it('accepts a bare record (the storage form, one record per line)', () => {
      for (const body of [JSON.stringify(RECORD), RECORD, Buffer.from(JSON.stringify(RECORD))]) {
        const result = decodeMessage(body);
        assert.deepEqual(result.malformed, []);
        assert.equal(result.records.length, 1);
        assert.equal(result.records[0].table, 'DeviceProcessEvents');
        assert.equal(result.records[0].bytes, result.bytes);
      }
    });

    it('accepts a bare record that only has properties', () => {
      const result = decodeMessage({ properties: { Timestamp: 'x' } });
      assert.equal(result.records.length, 1);
      assert.equal(result.records[0].table, '');
      assert.equal(result.records[0].known, false);
    });

    it('accepts an array of records', () => {
      const result = decodeMessage(JSON.stringify([RECORD, ALERT, RECORD]));
      assert.deepEqual(result.malformed, []);
      assert.deepEqual(
        result.records.map((r) => r.table),
        ['DeviceProcessEvents', 'AlertInfo', 'DeviceProcessEvents'],
      );
    });

    it('accepts an empty records array and an empty array as no records', () => {
      for (const body of ['{"records":[]}', '[]', { records: [] }]) {
        const result = decodeMessage(body);
        assert.deepEqual(result.records, []);
        assert.deepEqual(result.malformed, []);
      }
    });

    it('prefers "records" over looking like a record', () => {
      const result = decodeMessage({ category: 'AdvancedHunting-AlertInfo', records: [RECORD] });
      assert.deepEqual(
        result.records.map((r) => r.table),
        ['DeviceProcessEvents'],
      );
    });
  });

  describe('tables', () => {
    it('marks an unknown AdvancedHunting- table as not known, with its name', () => {
      const result = decodeMessage({ records: [{ ...RECORD, category: 'AdvancedHunting-ContosoCustomEvents' }] });
      assert.deepEqual([result.records[0].table, result.records[0].known], ['ContosoCustomEvents', false]);
    });

    it('knows every catalog table, also those beyond the 21 streamed ones', () => {
      for (const table of ['IdentityInfo', 'CloudAuditEvents', 'DeviceTvmSoftwareInventory']) {
        const result = decodeMessage({ records: [{ ...RECORD, category: `AdvancedHunting-${table}` }] });
        assert.deepEqual([result.records[0].table, result.records[0].known], [table, true]);
      }
    });

    it('keeps a category without the prefix as the table, not known', () => {
      const result = decodeMessage({ records: [{ ...RECORD, category: 'DeviceProcessEvents' }] });
      assert.deepEqual([result.records[0].table, result.records[0].known], ['DeviceProcessEvents', false]);
    });

    it('gives "" for a missing, empty or non-string category', () => {
      const { category: _omit, ...noCategory } = RECORD;
      void _omit;
      for (const record of [noCategory, { ...RECORD, category: '' }, { ...RECORD, category: 42 }, { ...RECORD, category: null }]) {
        const result = decodeMessage({ records: [record] });
        assert.equal(result.records.length, 1);
        assert.deepEqual([result.records[0].table, result.records[0].known], ['', false]);
      }
    });

    it('is case-sensitive about the category, as Defender writes it', () => {
      const result = decodeMessage({ records: [{ ...RECORD, category: 'AdvancedHunting-deviceprocessevents' }] });
      assert.deepEqual([result.records[0].table, result.records[0].known], ['deviceprocessevents', false]);
    });
  });

  describe('malformed messages (never an exception)', () => {
    it('an empty body', () => {
      assert.equal(only(decodeMessage(Buffer.alloc(0)), 'empty').bytes, 0);
      assert.equal(only(decodeMessage(new Uint8Array(0)), 'empty').preview, '');
      only(decodeMessage(''), 'empty');
      only(decodeMessage(undefined), 'empty');
    });

    it('text that is not JSON', () => {
      const m = only(decodeMessage('hello, world'), 'not-json');
      assert.match(m.message, /not valid JSON/);
      assert.equal(m.preview, 'hello, world');
      assert.equal(m.bytes, 12);
      only(decodeMessage('   '), 'not-json');
      only(decodeMessage(Buffer.from('<xml/>')), 'not-json');
    });

    it('truncated JSON', () => {
      const cut = MESSAGE_TEXT.slice(0, 60);
      const m = only(decodeMessage(Buffer.from(cut)), 'not-json');
      assert.equal(m.preview, cut);
      assert.equal(m.bytes, 60);
    });

    it('binary bytes, previewed as hex', () => {
      const bytes = Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x7b, 0x02]);
      const m = only(decodeMessage(bytes), 'not-json');
      assert.equal(m.preview, 'binary (6 bytes): 00 01 ff fe 7b 02');
    });

    it('keeps the parser error short and printable', () => {
      const m = only(decodeMessage(`x\u202e${'y'.repeat(500)}`), 'not-json');
      assert.ok(!m.message.includes('\u202e'));
      assert.ok(m.message.length < 220, m.message);
    });

    it('JSON that is a number, a string, a boolean or null', () => {
      assert.match(only(decodeMessage('42'), 'not-object').message, /JSON number/);
      assert.match(only(decodeMessage('"text"'), 'not-object').message, /JSON string/);
      assert.match(only(decodeMessage('true'), 'not-object').message, /JSON boolean/);
      assert.match(only(decodeMessage('null'), 'not-object').message, /JSON null/);
      assert.match(only(decodeMessage(null), 'not-object').message, /JSON null/);
      only(decodeMessage(7), 'not-object');
    });

    it('an object without records that is not a record', () => {
      const m = only(decodeMessage('{"value":[1,2]}'), 'no-records');
      assert.equal(m.preview, '{"value":[1,2]}');
      only(decodeMessage({}), 'no-records');
      only(decodeMessage({ properties: null, category: 5 }), 'no-records');
    });

    it('"records" that is not an array', () => {
      assert.match(only(decodeMessage('{"records":{"category":"x"}}'), 'records-not-array').message, /"records" is an object/);
      assert.match(only(decodeMessage('{"records":"[]"}'), 'records-not-array').message, /a string/);
      assert.match(only(decodeMessage('{"records":null}'), 'records-not-array').message, /null/);
      assert.match(only(decodeMessage({ records: undefined }), 'records-not-array').message, /undefined/);
      assert.match(only(decodeMessage({ records: 3 }), 'records-not-array').message, /a number/);
    });

    it('keeps the good records when some elements are not objects', () => {
      const text = JSON.stringify({ records: [RECORD, 1, null, ALERT, 'x', [RECORD]] });
      const result = decodeMessage(text);
      assert.deepEqual(
        result.records.map((r) => r.table),
        ['DeviceProcessEvents', 'AlertInfo'],
      );
      assert.equal(result.malformed.length, 1);
      const [m] = result.malformed;
      assert.equal(m.reason, 'record-not-object');
      assert.match(m.message, /"records" has 4 elements that are not an object \(index 1, 2, 4, 5; the first is a number\)/);
      assert.equal(m.bytes, (result.bytes / 6) * 4);
    });

    it('names a single bad element and shortens a long index list', () => {
      assert.match(
        decodeMessage([RECORD, false]).malformed[0].message,
        /The message has an element that is not an object \(index 1; the first is a boolean\)/,
      );
      const many = decodeMessage({ records: [1, 2, 3, 4, 5, 6, 7] });
      assert.match(many.malformed[0].message, /index 0, 1, 2, 3, 4, …;/);
      assert.equal(many.records.length, 0);
    });

    it('does not throw on nesting 10,000 levels deep, in any form', () => {
      const deepObject = nested(10_000);
      const deepArray = nested(10_000, '[', '1', ']');
      only(decodeMessage(deepObject), 'no-records');
      only(decodeMessage(Buffer.from(deepArray)), 'record-not-object');
      const deepRecord = `{"records":[{"category":"AdvancedHunting-AlertInfo","properties":${nested(10_000)}}]}`;
      const m = only(decodeMessage(deepRecord), 'too-deep');
      assert.match(m.message, /nested more than 64 levels/);
      only(decodeMessage(`{"category":"AdvancedHunting-AlertInfo","properties":${nested(10_000)}}`), 'too-deep');
      only(decodeMessage(JSON.parse(deepRecord)), 'too-deep'); // already parsed by the SDK
    });

    it('does not throw on 200,000 levels inside a record', () => {
      const text = `[{"category":"AdvancedHunting-AlertInfo","properties":${nested(200_000, '[', '', ']')}}]`;
      only(decodeMessage(text), 'too-deep');
    });

    it('keeps a record exactly at the depth limit and refuses one level more', () => {
      // The record is level 1 and properties level 2: MAX_RECORD_DEPTH - 2 more levels fill the budget.
      const atLimit = { category: 'AdvancedHunting-AlertInfo', properties: JSON.parse(nested(MAX_RECORD_DEPTH - 2, '{"a":', '{}')) };
      const overLimit = { category: 'AdvancedHunting-AlertInfo', properties: JSON.parse(nested(MAX_RECORD_DEPTH - 1, '{"a":', '{}')) };
      const result = decodeMessage({ records: [atLimit, overLimit, RECORD] });
      assert.deepEqual(
        result.records.map((r) => r.record),
        [atLimit, RECORD],
      );
      assert.equal(result.malformed.length, 1);
      assert.equal(result.malformed[0].reason, 'too-deep');
      assert.match(result.malformed[0].message, /index 1/);
    });

    it('reports non-objects and too-deep records separately in one message', () => {
      const deep = { category: 'x', properties: JSON.parse(nested(100)) };
      const result = decodeMessage({ records: [1, deep, RECORD] });
      assert.deepEqual(
        result.malformed.map((m) => m.reason),
        ['record-not-object', 'too-deep'],
      );
      assert.equal(result.records.length, 1);
    });

    it('does not throw on a parsed value that is not JSON (circular, BigInt)', () => {
      const circular: Record<string, unknown> = { category: 'AdvancedHunting-AlertInfo' };
      circular.self = circular;
      only(decodeMessage(circular), 'not-json');
      only(decodeMessage({ records: [{ n: 1n }] }), 'not-json');
    });
  });

  describe('bytes accounting', () => {
    it('shares the body size evenly over the elements and adds up to the whole', () => {
      for (const body of [MESSAGE_TEXT, JSON.stringify({ records: [RECORD, 'bad', ALERT] }), JSON.stringify([RECORD]), '{"records":[]}']) {
        const result = decodeMessage(body);
        assert.equal(result.bytes, Buffer.byteLength(body));
        if (result.records.length + result.malformed.length > 0) assert.ok(Math.abs(sumBytes(result) - result.bytes) < 1e-6, body);
      }
      const three = decodeMessage(JSON.stringify({ records: [RECORD, RECORD, RECORD] }));
      for (const r of three.records) assert.equal(r.bytes, three.bytes / 3);
    });

    it('counts the whole body for a malformed message', () => {
      const result = decodeMessage('{"records": 1}');
      assert.equal(result.malformed[0].bytes, 14);
      assert.equal(result.bytes, 14);
    });
  });

  describe('decodeParsed', () => {
    it('uses the given size and calls the preview only for malformed input', () => {
      let previews = 0;
      const preview = (): string => {
        previews++;
        return 'p';
      };
      const good = decodeParsed(MESSAGE, 1000, preview);
      assert.equal(good.bytes, 1000);
      assert.equal(good.records[0].bytes, 500);
      assert.equal(previews, 0);
      const bad = decodeParsed({ records: 'x' }, 10, preview);
      assert.equal(bad.malformed[0].preview, 'p');
      assert.equal(previews, 1);
    });
  });
});
