// The getschema import: every form the Defender portal, Graph and a results grid give, one or many
// tables, and malformed input named by line (and column).
import assert from 'node:assert/strict';
import { GetschemaError, TableNameNeededError } from '../../../src/tenantSchema/errors';
import { tableFromFileName } from '../../../src/tenantSchema/fileNameTable';
import { parseGetschema } from '../../../src/tenantSchema/getschema';
import { SCHEMA_LIMITS } from '../../../src/tenantSchema/limits';
import { decodeImportedText } from '../../../src/tenantSchema/textBytes';

const DEVICE_INFO = [
  ['Timestamp', 'datetime'],
  ['DeviceId', 'string'],
  ['OSBuild', 'long'],
  ['IsAzureADJoined', 'bool'],
  ['LoggedOnUsers', 'dynamic'],
  ['ExposureScore', 'real'],
  ['Port', 'int'],
  ['TenantGuid', 'guid'],
] as const;
const EXPECTED = DEVICE_INFO.map(([name, type]) => ({ name, type }));
const DATA_TYPES: Record<string, string> = {
  datetime: 'System.DateTime',
  string: 'System.String',
  long: 'System.Int64',
  bool: 'System.SByte',
  dynamic: 'System.Object',
  real: 'System.Double',
  int: 'System.Int32',
  guid: 'System.Guid',
};

function errorOf(fn: () => unknown): GetschemaError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GetschemaError) return error;
    throw error;
  }
  assert.fail('expected a GetschemaError');
}

describe('tenantSchema/getschema: reading getschema output', () => {
  it('reads the portal CSV export (BOM, header, CRLF, quoted values)', () => {
    const csv = `\uFEFFColumnName,ColumnType\r\n${DEVICE_INFO.map(([n, t], i) => (i % 2 ? `"${n}","${t}"` : `${n},${t}`)).join('\r\n')}\r\n`;
    const result = parseGetschema(csv, { table: 'DeviceInfo' });
    assert.equal(result.format, 'csv');
    assert.equal(result.namedByData, false);
    assert.deepEqual(result.tables, [{ name: 'DeviceInfo', columns: EXPECTED }]);
  });

  it('reads the full getschema output (ColumnName, ColumnOrdinal, DataType, ColumnType) in ordinal order', () => {
    const rows = DEVICE_INFO.map(([n, t], i) => `${n},${i},${DATA_TYPES[t]},${t}`).reverse();
    const result = parseGetschema(`ColumnName,ColumnOrdinal,DataType,ColumnType\n${rows.join('\n')}`, { table: 'DeviceInfo' });
    assert.deepEqual(result.tables[0].columns, EXPECTED);
  });

  it('maps DataType values when there is no ColumnType', () => {
    const csv = `ColumnName,DataType\n${DEVICE_INFO.map(([n, t]) => `${n},${DATA_TYPES[t]}`).join('\n')}`;
    assert.deepEqual(parseGetschema(csv, { table: 'DeviceInfo' }).tables[0].columns, EXPECTED);
  });

  it('accepts boolean, double, int64 and friends as spelled by other tools', () => {
    const csv = 'ColumnName,ColumnType\nA,boolean\nB,double\nC,Int64\nD,Int32\nE,System.Boolean\nF,object\nG,uniqueid\nH,date';
    assert.deepEqual(
      parseGetschema(csv, { table: 'T' }).tables[0].columns.map((c) => c.type),
      ['bool', 'real', 'long', 'int', 'bool', 'dynamic', 'guid', 'datetime'],
    );
  });

  it('keeps timespan and decimal columns as the nearest type the catalog models, with a note', () => {
    const result = parseGetschema('ColumnName,ColumnType\nDuration,timespan\nAmount,decimal', { table: 'T' });
    assert.deepEqual(
      result.tables[0].columns.map((c) => c.type),
      ['string', 'real'],
    );
    assert.equal(result.notes.length, 2);
    assert.match(result.notes[0], /T\.Duration is a timespan: checked as string/);
  });

  it('reads quoted CSV values holding commas, quotes and line breaks, and keeps line numbers right after them', () => {
    const csv = 'ColumnName,ColumnType,Comment\nA,string,"a, b"\nB,long,"multi\nline ""quoted"""\nC,strng,x\n';
    const error = errorOf(() => parseGetschema(csv, { table: 'T' }));
    assert.equal(error.line, 5);
    assert.equal(error.column, 3);
    assert.match(error.message, /^line 5, column 3: "strng" is not a Kusto type/);
  });

  it('reads text copied from the results grid: tabs, with or without a header', () => {
    const withHeader = `ColumnName\tColumnType\n${DEVICE_INFO.map(([n, t]) => `${n}\t${t}`).join('\n')}\n`;
    const without = DEVICE_INFO.map(([n, t]) => `${n}\t${t}`).join('\n');
    for (const text of [withHeader, without]) {
      const result = parseGetschema(text, { table: 'DeviceInfo' });
      assert.equal(result.format, 'text');
      assert.deepEqual(result.tables[0].columns, EXPECTED);
    }
  });

  it('reads space-aligned text, and the full getschema without a header', () => {
    const aligned = DEVICE_INFO.map(([n, t]) => `${n.padEnd(20)}${t}`).join('\n');
    assert.deepEqual(parseGetschema(aligned, { table: 'DeviceInfo' }).tables[0].columns, EXPECTED);
    const full = DEVICE_INFO.map(([n, t], i) => `${n}\t${i}\t${DATA_TYPES[t]}\t${t}`).join('\n');
    assert.deepEqual(parseGetschema(full, { table: 'DeviceInfo' }).tables[0].columns, EXPECTED);
  });

  it('reads JSON: an array of row objects (keys in any case)', () => {
    const json = JSON.stringify(DEVICE_INFO.map(([n, t]) => ({ columnName: n, ColumnType: t })));
    const result = parseGetschema(json, { table: 'DeviceInfo' });
    assert.equal(result.format, 'json');
    assert.deepEqual(result.tables[0].columns, EXPECTED);
  });

  it('reads a Graph runHuntingQuery response of the getschema query', () => {
    const response = {
      schema: [
        { name: 'ColumnName', type: 'String' },
        { name: 'ColumnOrdinal', type: 'Int32' },
        { name: 'DataType', type: 'String' },
        { name: 'ColumnType', type: 'String' },
      ],
      results: DEVICE_INFO.map(([n, t], i) => ({ ColumnName: n, ColumnOrdinal: i, DataType: DATA_TYPES[t], ColumnType: t })),
    };
    assert.deepEqual(parseGetschema(JSON.stringify(response, null, 2), { table: 'DeviceInfo' }).tables[0].columns, EXPECTED);
  });

  it("reads the schema of any other Graph query's response as the table's columns", () => {
    const response = {
      Schema: [
        { Name: 'Timestamp', Type: 'DateTime' },
        { Name: 'DeviceId', Type: 'String' },
        { Name: 'OSBuild', Type: 'Int64' },
      ],
      Results: [{ Timestamp: '2024-01-01T00:00:00Z', DeviceId: 'x', OSBuild: 1 }],
    };
    assert.deepEqual(parseGetschema(JSON.stringify(response), { table: 'DeviceInfo' }).tables[0].columns, EXPECTED.slice(0, 3));
  });

  it('groups rows by a table column (union withsource=TableName), in the order tables first appear', () => {
    const csv =
      'TableName,ColumnName,ColumnType\nDeviceInfo,Timestamp,datetime\nAlertInfo,Timestamp,datetime\nDeviceInfo,DeviceId,string\nAlertInfo,AlertId,string\n';
    const result = parseGetschema(csv, { table: 'Ignored' });
    assert.equal(result.namedByData, true);
    assert.deepEqual(result.tables, [
      {
        name: 'DeviceInfo',
        columns: [
          { name: 'Timestamp', type: 'datetime' },
          { name: 'DeviceId', type: 'string' },
        ],
      },
      {
        name: 'AlertInfo',
        columns: [
          { name: 'Timestamp', type: 'datetime' },
          { name: 'AlertId', type: 'string' },
        ],
      },
    ]);
    // Other spellings of the table column, in JSON and without a header (table first or last).
    const json = JSON.stringify([{ Table: 'A', ColumnName: 'x', ColumnType: 'long' }]);
    assert.deepEqual(parseGetschema(json).tables, [{ name: 'A', columns: [{ name: 'x', type: 'long' }] }]);
    assert.deepEqual(
      parseGetschema('A\tx\tlong\nB\ty\tstring').tables.map((t) => t.name),
      ['A', 'B'],
    );
    assert.deepEqual(parseGetschema('x,0,System.Int64,long,A').tables, [{ name: 'A', columns: [{ name: 'x', type: 'long' }] }]);
  });

  it('needs the table from the caller when the rows name none', () => {
    assert.throws(() => parseGetschema('ColumnName,ColumnType\nA,string'), TableNameNeededError);
    assert.throws(() => parseGetschema('ColumnName,ColumnType\nA,string', { table: 'Bad Name' }), /table name "Bad Name" is not a name/);
  });

  it('reads a tenant schema stored by the extension (another workspace) as named tables', () => {
    const stored = JSON.stringify({
      version: 1,
      updatedAt: '2026-01-01T00:00:00.000Z',
      source: 'x',
      tables: { DeviceInfo: { columns: [{ name: 'A', type: 'string' }] } },
    });
    assert.deepEqual(parseGetschema(stored).tables, [{ name: 'DeviceInfo', columns: [{ name: 'A', type: 'string' }] }]);
  });

  describe('malformed input: a clear error naming the line (and column)', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['empty', '  \n\n', /nothing to import/],
      ['header only', 'ColumnName,ColumnType\n', /^line 1: there are no rows after the header/],
      ['an unknown type', 'ColumnName,ColumnType\nA,string\nB,varchar\n', /^line 3, column 3: "varchar" is not a Kusto type/],
      ['a bad column name', 'ColumnName,ColumnType\nA,string\n"B C",string\n', /^line 3, column 1: the column name "B C" is not a name/],
      [
        'a duplicate column',
        'ColumnName,ColumnType\nA,string\nB,long\nA,long\n',
        /^line 4, column 1: column "A" of T appears twice \(first on line 2\)/,
      ],
      ['an unclosed quote', 'ColumnName,ColumnType\nA,"string\nB,long\n', /^line 2, column 3: a quoted value is not closed/],
      ['text after a quote', 'ColumnName,ColumnType\nA,"string"x\n', /^line 2, column 11: unexpected text after a quoted value/],
      ['a short row', 'ColumnName,ColumnType\nA,string\nB\n', /^line 3: 1 value where 2 were expected/],
      ['one value per line', 'A\nB\n', /^line 1: one value \("A"\)/],
      ['unreadable columns', 'a b c d e f\n', /^line 1: 6 values that do not read as getschema output/],
      ['no type header', 'ColumnName,Other\nA,b\n', /^line 1: the header has a ColumnName but no ColumnType or DataType/],
      [
        'a bad ordinal',
        'ColumnName,ColumnOrdinal,ColumnType\nA,first,string\n',
        /^line 2, column 3: ColumnOrdinal "first" is not a whole number/,
      ],
      [
        'invalid JSON',
        '[\n  {"ColumnName": "A", "ColumnType": "string"},\n  {"ColumnName": "B" "ColumnType": "long"}\n]',
        /^line 3, column 22: not valid JSON \(CommaExpected\)/,
      ],
      [
        'a JSON row without a type',
        '[\n  {"ColumnName": "A", "ColumnType": "string"},\n  {"ColumnName": "B"}\n]',
        /^line 3, column 3: this row has no "ColumnType" or "DataType"/,
      ],
      ['a JSON type that is no type', '[{"ColumnName": "A",\n "ColumnType": "text"}]', /^line 2, column 16: "text" is not a Kusto type/],
      ['a JSON number as a name', '[{"ColumnName": {"x": 1}, "ColumnType": "string"}]', /^line 1, column 17: expected a text value here/],
      [
        'JSON that is not getschema',
        '{"hello": "world"}',
        /^line 1, column 1: expected an array of getschema rows or a hunting query response/,
      ],
      [
        'a reserved table name',
        'TableName,ColumnName,ColumnType\n__proto__,A,string\n',
        /^line 2, column 1: the table name "__proto__" is a reserved name/,
      ],
      ['a row without its table', 'TableName,ColumnName,ColumnType\nA,x,string\n,y,string\n', /^line 3: this row names no table/],
    ];
    for (const [what, text, expected] of cases) {
      it(what, () => {
        const error = errorOf(() => parseGetschema(text, { table: 'T' }));
        assert.match(error.message, expected);
      });
    }

    it('deeply nested JSON is refused before it is parsed', () => {
      const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      assert.match(errorOf(() => parseGetschema(text)).message, /^line 1, column 17: nested more than 16 levels/);
    });
  });

  describe('bounded input', () => {
    it('refuses more than the input limit at once, without reading it', () => {
      const huge = 'A,string\n'.repeat(Math.ceil(SCHEMA_LIMITS.maxInputChars / 9) + 1);
      const started = performance.now();
      assert.match(errorOf(() => parseGetschema(huge, { table: 'T' })).message, /larger than 4 MB/);
      assert.ok(performance.now() - started < 50);
    });

    it('refuses more rows than the limit, naming where', () => {
      const rows = Array.from({ length: SCHEMA_LIMITS.maxRows + 5 }, (_, i) => `C${i},string`).join('\n');
      for (const text of [rows, rows.replace(/,/g, '\t')]) {
        const error = errorOf(() => parseGetschema(text, { table: 'T' }));
        assert.match(error.message, /more than 20,000 rows/);
        assert.equal(error.line, SCHEMA_LIMITS.maxRows + 2);
      }
    });

    it('reads the largest accepted input in linear time', () => {
      // 500 tables of 40 columns (20,000 rows), each row as long as real ones: well under a second.
      const lines = ['TableName,ColumnName,ColumnOrdinal,DataType,ColumnType'];
      for (let t = 0; t < 500; t++) for (let c = 0; c < 40; c++) lines.push(`Table${t},Column${c},${c},System.String,string`);
      const text = lines.join('\n');
      const started = performance.now();
      const result = parseGetschema(text);
      const elapsed = performance.now() - started;
      assert.equal(result.tables.length, 500);
      assert.ok(elapsed < 2000, `${elapsed} ms`);
      // Ten times the columns in one table is refused by the column limit, not slowly.
      const wide = ['ColumnName,ColumnType', ...Array.from({ length: SCHEMA_LIMITS.maxColumns + 1 }, (_, i) => `C${i},long`)].join('\n');
      assert.match(errorOf(() => parseGetschema(wide, { table: 'T' })).message, /T has more than 2000 columns/);
    });
  });
});

describe('tenantSchema: file names and bytes', () => {
  it('guesses the table from a file name (longest match, any case)', () => {
    const tables = ['DeviceInfo', 'DeviceNetworkInfo', 'AlertInfo', 'DeviceEvents'];
    assert.equal(tableFromFileName('/tmp/DeviceInfo.csv', tables), 'DeviceInfo');
    assert.equal(tableFromFileName('getschema-devicenetworkinfo.json', tables), 'DeviceNetworkInfo');
    assert.equal(tableFromFileName('C:\\exports\\schema.csv', tables), undefined);
  });

  it('decodes UTF-8 (with or without BOM) and UTF-16 with a BOM; refuses other bytes', () => {
    const text = 'ColumnName,ColumnType\nÄ,string';
    assert.equal(decodeImportedText(new TextEncoder().encode(text)), text);
    assert.equal(decodeImportedText(new TextEncoder().encode(`\uFEFF${text}`)), text);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.equal(decodeImportedText(le), text);
    const be = Buffer.from(Buffer.from(text, 'utf16le')).swap16();
    assert.equal(decodeImportedText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), text);
    assert.throws(() => decodeImportedText(new Uint8Array([0x41, 0xc3, 0x28])), /not UTF-8 or UTF-16/);
  });
});
