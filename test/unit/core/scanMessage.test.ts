import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { decodeMessage } from '../../../src/core/decode/decodeMessage';
import { scanInto, ScannedRecords } from '../../../src/core/decode/scanMessage';
import { BAD_MESSAGE_KINDS, DefenderTrafficGenerator, HOSTILE_STRINGS, Prng, UNKNOWN_TABLE } from '../../../src/traffic/index';

const root = path.resolve(__dirname, '..', '..', '..');
const bytes = (text: string | Buffer) => (typeof text === 'string' ? Buffer.from(text, 'utf8') : text);

interface ScannedRecord {
  readonly table: string;
  readonly known: boolean;
  readonly start: number;
  readonly end: number;
}
interface ScanResult {
  readonly records: ScannedRecord[];
  readonly bytes: number;
}

/** scanInto with a fresh result, one object per record. */
function scanMessage(body: Uint8Array): ScanResult | undefined {
  const out = new ScannedRecords();
  if (!scanInto(body, out)) return undefined;
  const records = Array.from({ length: out.count }, (_, r) => ({
    table: out.table[r],
    known: out.known[r],
    start: out.start[r],
    end: out.end[r],
  }));
  return { records, bytes: body.byteLength };
}

const scannedRecordText = (body: Uint8Array, r: ScannedRecord) =>
  Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8', r.start, r.end);

/**
 * The scanner's promise: when it answers, the answer is exactly decodeMessage's (tables, bytes, and each
 * record's text parses to the record decodeMessage built); when JSON.parse would fail, it does not answer.
 */
function assertAgrees(body: Buffer, where: string): ScanResult | undefined {
  const scanned = scanMessage(body);
  let parses = true;
  try {
    JSON.parse(body.toString('utf8'));
  } catch {
    parses = false;
  }
  if (!parses) {
    assert.equal(scanned, undefined, `${where}: answered for a body JSON.parse rejects`);
    return undefined;
  }
  if (scanned === undefined) return undefined;
  const decoded = decodeMessage(body);
  assert.deepEqual(decoded.malformed, [], `${where}: answered for a body decodeMessage finds malformed`);
  assert.equal(scanned.bytes, decoded.bytes, `${where}: bytes`);
  assert.equal(scanned.records.length, decoded.records.length, `${where}: record count`);
  scanned.records.forEach((r, i) => {
    const d = decoded.records[i];
    assert.equal(r.table, d.table, `${where}: table of record ${i}`);
    assert.equal(r.known, d.known, `${where}: known of record ${i}`);
    assert.deepEqual(JSON.parse(scannedRecordText(body, r)), d.record, `${where}: text of record ${i}`);
  });
  return scanned;
}

describe('core/decode/scanMessage', () => {
  it('loads here (WebAssembly with SIMD), so the tail takes the fast path', () => {
    assert.equal(scanInto(bytes('{"records":[]}'), new ScannedRecords()), true);
  });

  it('answers for generated traffic of every table, 1 to 20 records a message, exactly as decodeMessage', () => {
    const gen = new DefenderTrafficGenerator({ seed: 'scan', recordsPerMessage: 20 });
    let records = 0;
    for (const table of gen.tables) {
      for (const count of [1, 7, 20]) {
        const body = bytes(gen.message(table, count).body);
        const scanned = assertAgrees(body, `${table.name} ×${count}`);
        assert.ok(scanned, `${table.name} ×${count}: took the slow path`);
        assert.ok(scanned.records.every((r) => r.table === table.name && r.known));
        records += scanned.records.length;
      }
    }
    assert.equal(records, gen.tables.length * 28);
  });

  it('answers for hostile, oversized and unknown-table messages; leaves every malformed kind to decodeMessage', () => {
    const gen = new DefenderTrafficGenerator({ seed: 'scan-bad' });
    for (const kind of BAD_MESSAGE_KINDS) {
      const message = gen.badMessage(kind);
      const body = bytes(message.body);
      const scanned = assertAgrees(body, kind);
      const malformed = decodeMessage(body).malformed.length > 0;
      assert.equal(scanned === undefined, malformed, `${kind}: fast path ${scanned ? 'taken' : 'not taken'}, malformed ${malformed}`);
      if (kind === 'unknown-table')
        assert.deepEqual(
          scanned?.records.map((r) => [r.table, r.known]),
          [[UNKNOWN_TABLE, false]],
        );
    }
  });

  it('keeps non-ASCII text intact', () => {
    const body = bytes(
      JSON.stringify({
        records: [
          { category: 'AdvancedHunting-EmailEvents', properties: { Subject: HOSTILE_STRINGS.join(' | ') } },
          { category: 'AdvancedHunting-EmailEvents', properties: { Subject: 'plain' } },
        ],
      }),
    );
    const scanned = assertAgrees(body, 'hostile strings');
    assert.equal(scanned?.records.length, 2);
  });

  describe('reads the record envelope as JSON.parse does', () => {
    const cases: Array<[string, string, Array<[string, boolean]> | 'slow']> = [
      [
        'whitespace everywhere',
        ' \t\r\n{ "records" : [ { "category" : "AdvancedHunting-DeviceEvents" , "properties" : { } } , {} ] } \n',
        [
          ['DeviceEvents', true],
          ['', false],
        ],
      ],
      ['an escaped category value', '{"records":[{"category":"AdvancedHunting-\\u0044eviceEvents"}]}', [['DeviceEvents', true]]],
      [
        'the last of two categories',
        '{"records":[{"category":"AdvancedHunting-EmailEvents","category":"AdvancedHunting-AlertInfo"}]}',
        [['AlertInfo', true]],
      ],
      [
        'a category that is not a string',
        '{"records":[{"category":12},{"category":null},{"category":{"a":1}},{"category":["x"]},{"category":true},{"category":""}]}',
        [
          ['', false],
          ['', false],
          ['', false],
          ['', false],
          ['', false],
          ['', false],
        ],
      ],
      [
        'a string category after a non-string one',
        '{"records":[{"category":1,"category":"AdvancedHunting-AlertInfo"}]}',
        [['AlertInfo', true]],
      ],
      [
        '"category" and "records" nested inside a record',
        '{"records":[{"properties":{"category":"AdvancedHunting-AlertInfo","records":[1]},"category":"X"}]}',
        [['X', false]],
      ],
      ['a category without the prefix', '{"records":[{"category":"Custom"}]}', [['Custom', false]]],
      [
        'other top-level keys around "records"',
        '{"a":[1,{"b":null}],"records":[{"category":"AdvancedHunting-UrlClickEvents"}],"z":"records"}',
        [['UrlClickEvents', true]],
      ],
      ['an empty records array', '{"records":[]}', []],
      [
        'every number form',
        '{"records":[{"n":[0,-0,1.5,-2e10,3E+2,4e-2,123456789012345678901234567890],"category":"AdvancedHunting-DeviceInfo"}]}',
        [['DeviceInfo', true]],
      ],
      [
        'containers among the members of a nested object',
        '{"records":[{"category":"AdvancedHunting-DeviceInfo","properties":{"a":1,"b":{"c":[1,{"d":"e"}],"f":true},"g":null,"h":"i","j":[]}}]}',
        [['DeviceInfo', true]],
      ],
      [
        'escapes in values',
        '{"records":[{"s":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00","category":"AdvancedHunting-DeviceInfo"}]}',
        [['DeviceInfo', true]],
      ],
      [
        'a record nested 64 levels deep',
        `{"records":[{"category":"AdvancedHunting-DeviceInfo","p":${'['.repeat(63)}${']'.repeat(63)}}]}`,
        [['DeviceInfo', true]],
      ],
      ['a record nested 65 levels deep', `{"records":[{"p":${'['.repeat(64)}${']'.repeat(64)}}]}`, 'slow'],
      ['an escaped key in a record (it could spell "category")', '{"records":[{"c\\u0061tegory":"AdvancedHunting-AlertInfo"}]}', 'slow'],
      ['an escaped top-level key (it could spell "records")', '{"r\\u0065cords":[{}]}', 'slow'],
      ['"records" twice (JSON.parse keeps the last)', '{"records":[{}],"records":[]}', 'slow'],
      ['"records" that is not an array', '{"records":{"category":"x"}}', 'slow'],
      ['an element of "records" that is not an object', '{"records":[{},1]}', 'slow'],
      ['no "records" (a bare record)', '{"category":"AdvancedHunting-AlertInfo","properties":{}}', 'slow'],
      ['an array of records', '[{"category":"AdvancedHunting-AlertInfo"}]', 'slow'],
      ['a byte order mark', '\ufeff{"records":[]}', 'slow'],
      ['more records than one per 64 bytes (tiny ones)', `{"records":[${Array(200).fill('{"category":"X"}').join(',')}]}`, 'slow'],
      [
        'as many records as fit one per 64 bytes',
        `{"records":[${Array(40)
          .fill(`{"category":"AdvancedHunting-AlertInfo","p":"${'x'.repeat(30)}"}`)
          .join(',')}]}`,
        Array(40).fill(['AlertInfo', true]),
      ],
    ];
    for (const [name, text, expected] of cases) {
      it(name, () => {
        const scanned = assertAgrees(bytes(text), name);
        if (expected === 'slow') assert.equal(scanned, undefined, 'expected the slow path');
        else
          assert.deepEqual(
            scanned?.records.map((r) => [r.table, r.known]),
            expected,
          );
      });
    }
  });

  it('tells apart two categories whose hashes collide (the hash only finds a candidate; the bytes decide)', () => {
    // FNV-1a (32-bit), as wasm/messageScan.ts computes it; a birthday search finds a colliding pair.
    const fnv = (text: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
      return h;
    };
    const byHash = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const category = `AdvancedHunting-Collide${i.toString(36)}`;
      const other = byHash.get(fnv(category));
      if (other !== undefined) pair = [other, category];
      else byHash.set(fnv(category), category);
    }
    const body = bytes(JSON.stringify({ records: [{ category: pair[0] }, { category: pair[1] }, { category: pair[0] }] }));
    const scanned = assertAgrees(body, 'colliding categories');
    assert.deepEqual(
      scanned?.records.map((r) => r.table),
      [pair[0], pair[1], pair[0]].map((c) => c.slice('AdvancedHunting-'.length)),
    );
  });

  it('refuses invalid JSON that a lenient scanner would pass', () => {
    const invalid = [
      '{"records":[{"a":01}]}',
      '{"records":[{"a":1.}]}',
      '{"records":[{"a":.5}]}',
      '{"records":[{"a":-}]}',
      '{"records":[{"a":1e}]}',
      '{"records":[{"a":tru}]}',
      '{"records":[{"a":nul}]}',
      '{"records":[{"a":"\\x"}]}',
      '{"records":[{"a":"\\u12G4"}]}',
      '{"records":[{"a":"tab\there"}]}',
      '{"records":[{"a":1,}]}',
      '{"records":[{},]}',
      '{"records":[{}]},',
      '{"records":[{}]} x',
      '{"records":[{"a" 1}]}',
      '{"records":[{a:1}]}',
      "{'records':[]}",
      '{"records":[{}]',
      '{"records":[{]}',
      '{"records":[{"a":[1}]}',
      '{"records":[{"a":"\u0000"}]}',
      '{"records":[{"a":NaN}]}',
      '{"records":[{"a":+1}]}',
      '{"records":[{"a":"x"}]}\u0000',
      // the same kinds of mistakes among the members of a nested object (read by the scanner's tight loop)
      '{"records":[{"p":{"a":1,"b":01}}]}',
      '{"records":[{"p":{"a":"x","b":tru}}]}',
      '{"records":[{"p":{"a":1,}}]}',
      '{"records":[{"p":{"a":1 "b":2}}]}',
      '{"records":[{"p":{"a":1,"b"}}]}',
      '{"records":[{"p":{"a":1,"b":"\t"}}]}',
      '{"records":[{"p":{"a":1,"b":2]}]}',
      '{"records":[{"p":{"a":1,"b":-.5}}]}',
    ];
    for (const text of invalid) assert.equal(scanMessage(bytes(text)), undefined, text);
  });

  it('refuses every truncation of a message', () => {
    const body = bytes(new DefenderTrafficGenerator({ seed: 'cut', recordsPerMessage: 3 }).message('EmailEvents', 3).body);
    for (let end = 0; end < body.length; end++) assert.equal(scanMessage(body.subarray(0, end)), undefined, `cut at ${end}`);
    assert.ok(scanMessage(body));
  });

  it('agrees with JSON.parse and decodeMessage on 5,000 seeded mutations of real messages', function () {
    this.timeout(60_000);
    const gen = new DefenderTrafficGenerator({ seed: 'mutate', recordsPerMessage: 4 });
    const rng = new Prng('mutate');
    const interesting = [...'{}[]":,\\ \t\n0123456789-+.eEtrufalsn'].map((c) => c.charCodeAt(0)).concat([0, 0x1f, 0x7f, 0x80, 0xc3, 0xff]);
    let fast = 0;
    let slow = 0;
    for (let i = 0; i < 5000; i++) {
      const original = bytes(gen.message().body);
      const body = Buffer.from(original);
      const edits = rng.int(1, 3);
      let mutated: Buffer = body;
      for (let e = 0; e < edits; e++) {
        const at = rng.int(0, mutated.length - 1);
        const byte = rng.pick(interesting);
        const op = rng.int(0, 2);
        if (op === 0) mutated[at] = byte;
        else if (op === 1) mutated = Buffer.concat([mutated.subarray(0, at), Buffer.from([byte]), mutated.subarray(at)]);
        else mutated = Buffer.concat([mutated.subarray(0, at), mutated.subarray(at + 1)]);
      }
      if (assertAgrees(mutated, `mutation ${i}`)) fast++;
      else slow++;
    }
    assert.ok(fast > 500 && slow > 500, `both paths exercised (fast ${fast}, slow ${slow})`);
  });

  it('reads a Uint8Array view at an offset, a 1 MB body, and small bodies after it', () => {
    const gen = new DefenderTrafficGenerator({ seed: 'view' });
    const text = gen.message('AlertInfo', 2).body as string;
    const backing = new Uint8Array(Buffer.byteLength(text) + 10);
    Buffer.from(backing.buffer).write(text, 5);
    const view = backing.subarray(5, 5 + Buffer.byteLength(text));
    const scanned = scanMessage(view);
    assert.deepEqual(
      scanned?.records.map((r) => r.table),
      ['AlertInfo', 'AlertInfo'],
    );
    assert.deepEqual(JSON.parse(scannedRecordText(view, scanned!.records[1])), JSON.parse(text).records[1]);

    const big = bytes(gen.badMessage('oversized').body);
    assert.ok(big.length > 900_000);
    assert.equal(assertAgrees(big, 'oversized')?.records.length, 1);
    assert.equal(assertAgrees(bytes(text), 'after the big one')?.records.length, 2);
  });

  it('src/core/decode/messageScan.wasm.generated.ts is what wasm/messageScan.ts compiles to (npm run build:wasm)', function () {
    this.timeout(120_000);
    const check = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  });
});
