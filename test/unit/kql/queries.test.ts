import assert from 'node:assert/strict';
import { STREAMABLE_TABLE_NAMES, TABLE_NAMES } from '../../../src/core/catalog/schemaCatalog';
import { capacityTemplate, DEFAULT_LOOKBACK, DEFAULT_RECORD_BYTES } from '../../../src/kql/capacityQuery';
import { getschemaChoiceTemplate, getschemaQuery, getschemaTemplate } from '../../../src/kql/getschemaQuery';
import { measuredCapacityTemplate } from '../../../src/kql/measuredQuery';
import { expandSnippet, renderSnippet, renderText, type QueryTemplate } from '../../../src/kql/snippet';
import { describe as explain, load as loadParser, semanticErrors, syntaxErrors } from './kustoParser';

const REFERENCE = `let bytes_ = 500;
union withsource=MDTables*
| where Timestamp > startofday(ago(6h))
| summarize count() by bin(Timestamp, 1m), MDTables
| extend EPS = count_ /60
| summarize avg(EPS), estimatedMBPerSec = (avg(EPS) * bytes_ ) / (1024*1024) by MDTables
| sort by toint(estimatedMBPerSec) desc`;

/** Zero syntax errors and zero semantic errors against the catalog's tables, for the text and for the snippet at its defaults. */
function assertValid(template: QueryTemplate): string {
  const text = renderText(template);
  const expanded = expandSnippet(renderSnippet(template)).text;
  assert.equal(expanded, text, 'the snippet at its defaults is the plain query');
  // A blank line separates queries (Kusto tools run the one under the cursor): check each one.
  for (const query of text.split(/\n\s*\n/)) {
    const syntax = syntaxErrors(query);
    assert.equal(syntax.length, 0, explain(syntax, query));
    const semantic = semanticErrors(query);
    assert.equal(semantic.length, 0, explain(semantic, query));
  }
  return text;
}

describe('kql: the parser itself finds errors (so the checks below can fail)', () => {
  before(function () {
    this.timeout(180_000);
    loadParser();
  });

  it('reports a syntax error and an unknown column', () => {
    assert.ok(syntaxErrors('DeviceProcessEvents | where').length > 0);
    assert.equal(syntaxErrors('DeviceProcessEvents | project FileNam').length, 0);
    assert.ok(semanticErrors('DeviceProcessEvents | project FileNam').length > 0);
    assert.ok(semanticErrors('NoSuchTable | getschema').length > 0);
    assert.ok(semanticErrors(REFERENCE.replace('Timestamp >', 'Timestam >')).length > 0);
  });
});

describe('kql: getschema queries', () => {
  it('is exactly the documented query for DeviceProcessEvents', () => {
    assert.equal(
      renderText(getschemaTemplate(['DeviceProcessEvents'])),
      'DeviceProcessEvents | getschema | project ColumnName, ColumnType',
    );
    assert.equal(
      renderSnippet(getschemaTemplate(['DeviceProcessEvents'])),
      'DeviceProcessEvents | getschema | project ColumnName, ColumnType',
    );
  });

  for (const table of TABLE_NAMES) {
    it(`parses and analyses without errors for ${table}`, () => {
      assertValid(getschemaTemplate([table]));
    });
  }

  it('joins several tables with a blank line, each valid', () => {
    const text = assertValid(getschemaTemplate(TABLE_NAMES));
    assert.equal(text.split('\n\n').length, TABLE_NAMES.length);
  });

  it('snippet with a choice of every catalog table (streamed first) expands to the first one', () => {
    const snippet = renderSnippet(getschemaChoiceTemplate());
    assert.ok(snippet.startsWith(`\${1|${TABLE_NAMES.join(',')}|}`));
    assert.equal(expandSnippet(snippet).text, getschemaQuery(TABLE_NAMES[0]));
    assertValid(getschemaChoiceTemplate());
  });

  it('refuses a name that is not a plain table name', () => {
    assert.throws(() => getschemaQuery('T | take 1'), /not a table name/);
    assert.throws(() => getschemaTemplate([]), /at least one/);
  });
});

describe('kql: capacity estimation query', () => {
  it('at its defaults is exactly the reference query', () => {
    assert.equal(assertValid(capacityTemplate()), REFERENCE);
  });

  it('has the record size and the look-back window as placeholders 1 and 2', () => {
    const snippet = renderSnippet(capacityTemplate());
    assert.ok(snippet.startsWith('let bytes_ = ${1:500};\n'));
    assert.ok(snippet.includes('startofday(ago(${2:6h}))'));
    assert.deepEqual(expandSnippet(snippet).tabStops, [1, 2]);
    assert.equal(DEFAULT_RECORD_BYTES, 500);
    assert.equal(DEFAULT_LOOKBACK, '6h');
  });

  it('restricted to chosen tables names them in the union', () => {
    const text = assertValid(capacityTemplate({ tables: ['DeviceProcessEvents', 'DeviceNetworkEvents'] }));
    assert.ok(text.includes('union withsource=MDTables DeviceProcessEvents, DeviceNetworkEvents\n'));
  });

  for (const table of STREAMABLE_TABLE_NAMES) {
    it(`restricted to ${table} parses and analyses without errors`, () => {
      assertValid(capacityTemplate({ tables: [table] }));
    });
  }

  it('restricted to the 30 tables that reach Event Hubs, or to all 66, and with other defaults, is valid', () => {
    assertValid(capacityTemplate({ tables: STREAMABLE_TABLE_NAMES }));
    assertValid(capacityTemplate({ tables: TABLE_NAMES }));
    const text = assertValid(capacityTemplate({ bytes: 1234, lookback: '1d' }));
    assert.ok(text.startsWith('let bytes_ = 1234;'));
    assert.ok(text.includes('ago(1d)'));
  });

  it('refuses values that are not a size or a timespan', () => {
    assert.throws(() => capacityTemplate({ bytes: 0 }));
    assert.throws(() => capacityTemplate({ bytes: 1.5 }));
    assert.throws(() => capacityTemplate({ lookback: '6h)) | take 1 //' }));
    assert.throws(() => capacityTemplate({ tables: ['X; drop'] }));
  });
});

describe('kql: capacity query with measured record sizes', () => {
  const measured = [
    { table: 'DeviceProcessEvents', avgRecordBytes: 1834.2 },
    { table: 'DeviceNetworkEvents', avgRecordBytes: 912 },
    { table: 'IdentityInfo', avgRecordBytes: 700 },
  ];

  it('holds a datatable of table and bytes (rounded up) looked up by table name', () => {
    const text = assertValid(measuredCapacityTemplate({ measured }));
    assert.ok(
      text.includes(
        'datatable(MDTables:string, bytes_:long) [\n    "DeviceProcessEvents", 1835,\n    "DeviceNetworkEvents", 912,\n    "IdentityInfo", 700\n];',
      ),
    );
    assert.ok(text.includes('| lookup kind=leftouter measuredBytes_ on MDTables'));
    assert.ok(text.includes('coalesce(bytes_, defaultBytes_)'));
    const snippet = renderSnippet(measuredCapacityTemplate({ measured }));
    assert.ok(snippet.startsWith('let defaultBytes_ = ${1:500};'));
    assert.ok(snippet.includes('ago(${2:6h})'));
  });

  it('is valid for every table that reaches Event Hubs, restricted or not, and with nothing measured', () => {
    // Capacity is for streamed tables (the picker offers only those); inventory tables have no Timestamp.
    for (const table of STREAMABLE_TABLE_NAMES)
      assertValid(measuredCapacityTemplate({ measured: [{ table, avgRecordBytes: 640 }], tables: [table] }));
    assertValid(measuredCapacityTemplate({ measured: TABLE_NAMES.map((table, i) => ({ table, avgRecordBytes: 300 + i })) }));
    assertValid(measuredCapacityTemplate({ measured: [] }));
    assertValid(
      measuredCapacityTemplate({
        measured: TABLE_NAMES.map((table, i) => ({ table, avgRecordBytes: 100 + i })),
        tables: TABLE_NAMES,
        defaultBytes: 750,
        lookback: '12h',
      }),
    );
  });

  it('leaves out names from the stream that could break the query', () => {
    const text = assertValid(
      measuredCapacityTemplate({
        measured: [
          { table: 'Evil", 1];\nprint "x', avgRecordBytes: 10 },
          { table: 'A${1}', avgRecordBytes: 5 },
          { table: 'EmailEvents', avgRecordBytes: 0 },
        ],
      }),
    );
    assert.ok(text.includes('datatable(MDTables:string, bytes_:long) [];'));
  });
});
