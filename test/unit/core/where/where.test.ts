import assert from 'node:assert/strict';
import type { DefenderRecord } from '../../../../src/core/decode/types';
import { hasTerm } from '../../../../src/core/filter/where/terms';
import { compileWhereFilter, MAX_WHERE_LENGTH, whereFilterOrThrow } from '../../../../src/core/filter/where/where';

const RECORD: DefenderRecord = {
  time: '2026-12-01T09:05:00.1234567Z',
  tenantId: 'b6f3c1d2-0000-4000-8000-000000000001',
  category: 'AdvancedHunting-DeviceNetworkEvents',
  properties: {
    Timestamp: '2026-12-01T09:04:59.9876543Z',
    DeviceName: 'ws-001.contoso.com',
    ActionType: 'ConnectionFailed',
    RemoteIP: '10.0.0.5',
    RemotePort: 443,
    LocalPort: '51234',
    InitiatingProcessCommandLine: 'powershell.exe -NoProfile -EncodedCommand SQBFAFgA',
    IsLocalAdmin: 1,
    Protocol: 'Tcp',
    Empty: '',
    Nothing: null,
    AdditionalFields: '{"Foo":"bar","Nested":{"Count":3},"List":["a","b"]}',
    Tags: ['alpha', 'beta'],
  },
};

function matches(where: string, record: DefenderRecord = RECORD): boolean {
  return whereFilterOrThrow(where).matches(record);
}

function problem(where: string): { start: number; end: number; message: string } {
  const result = compileWhereFilter(where);
  assert.equal(result.ok, false, `expected ${where} to be refused`);
  return (result as { problem: { start: number; end: number; message: string } }).problem;
}

describe('core/filter/where', () => {
  describe('has: Kusto terms', () => {
    // Examples from the Kusto documentation ("String operators", "What is a term?").
    it('matches whole terms, case-insensitively', () => {
      assert.equal(hasTerm('north america', 'america'), true);
      assert.equal(hasTerm('north america', 'amer'), false);
      const kusto = 'Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun'.toLowerCase();
      for (const term of ['kusto', 'kustoexplorerqueryrun', 'ad67d136', 'c1db', '4f9f', '88ef', 'd94f3b6b0b5a'])
        assert.equal(hasTerm(kusto, term), true, term);
      assert.equal(hasTerm(kusto, 'explorer'), false);
      assert.equal(hasTerm(kusto, 'c1d'), false);
    });
    it('matches a needle with other characters as a sequence of terms', () => {
      const kusto = 'kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;kustoexplorerqueryrun';
      assert.equal(hasTerm(kusto, 'ad67d136-c1db'), true);
      assert.equal(hasTerm(kusto, 'd136-c1db'), false);
      assert.equal(hasTerm(kusto, 'kusto:'), true);
      assert.equal(hasTerm(kusto, '-c1db-'), true);
    });
    it('follows the documented examples as expressions', () => {
      const row = (v: string): DefenderRecord => ({ properties: { S: v } });
      const cases: Array<[string, string, boolean]> = [
        ['North America', 'S has "america"', true],
        ['North America', 'S !has "amer"', true],
        ['North America', 'S has "amer"', false],
        ['North America', 'S has_cs "America"', true],
        ['North America', 'S has_cs "america"', false],
        ['FabriKam', 'S contains "BRik"', true],
        ['Fabrikam', 'S !contains "xyz"', true],
        ['FabriKam', 'S contains_cs "Kam"', true],
        ['Fabrikam', 'S startswith "fab"', true],
        ['Fabrikam', 'S endswith "Kam"', true],
        ['Fabrikam', 'S !startswith "kam"', true],
        ['Fabrikam', 'S !endswith "brik"', true],
        ['aBc', 'S == "aBc"', true],
        ['abc', 'S != "ABC"', true],
        ['abc', 'S =~ "ABC"', true],
        ['aBc', 'S !~ "xyz"', true],
        ['abc', 'S in ("123", "345", "abc")', true],
        ['bca', 'S !in ("123", "345", "abc")', true],
        ['Abc', 'S in~ ("123", "345", "abc")', true],
        ['Abc', 'S in ("123", "345", "abc")', false],
        ['bCa', 'S !in~ ("123", "345", "ABC")', true],
        ['STARTS with a capital', 'S has "starts"', true],
        ['STARTS with a capital', 'S has "start"', false],
        ['STARTS with a capital', 'S startswith "starts"', true],
      ];
      for (const [value, where, want] of cases) assert.equal(matches(where, row(value)), want, `"${value}" ${where}`);
    });
  });

  describe('evaluation', () => {
    it('compares strings case-sensitively with == and not with =~', () => {
      assert.equal(matches('ActionType == "ConnectionFailed"'), true);
      assert.equal(matches('ActionType == "connectionfailed"'), false);
      assert.equal(matches("ActionType =~ 'connectionfailed'"), true);
      assert.equal(matches('properties.ActionType == "ConnectionFailed"'), true);
    });
    it('compares numbers numerically, also when the column holds a numeric string', () => {
      assert.equal(matches('RemotePort == 443'), true);
      assert.equal(matches('RemotePort == 443.0'), true);
      assert.equal(matches('RemotePort > 400 and RemotePort <= 443'), true);
      assert.equal(matches('RemotePort < 443'), false);
      assert.equal(matches('LocalPort > 50000'), true);
      assert.equal(matches('RemotePort == "443"'), true);
      assert.equal(matches('RemotePort between (400 .. 500)'), true);
      assert.equal(matches('RemotePort !between (400 .. 500)'), false);
      assert.equal(matches('RemotePort in (80, 443)'), true);
      assert.equal(matches('RemotePort != -1'), true);
      assert.equal(matches('Missing != 5'), false, 'nothing is not unequal to a number');
      assert.equal(matches('Missing > 5 or Missing <= 5'), false);
    });
    it('compares datetimes as instants, with the envelope time', () => {
      assert.equal(matches('Timestamp > datetime(2026-12-01T09:00:00Z)'), true);
      assert.equal(matches('Timestamp between (datetime(2026-12-01 09:00) .. datetime(2026-12-01T09:15:00Z))'), true);
      assert.equal(matches('Timestamp < datetime(2026-12-01)'), false);
      assert.equal(matches('time >= datetime("2026-12-01T10:05:00+01:00")'), true);
      assert.equal(matches('time > datetime(2026-12-01T09:05:00.2Z)'), false);
      assert.equal(matches('category == "AdvancedHunting-DeviceNetworkEvents"'), true);
      assert.equal(matches('tenantId startswith "b6f3"'), true);
    });
    it('combines with and, or, not() and parentheses (and binds tighter than or)', () => {
      assert.equal(matches('ActionType == "X" or RemotePort == 443 and Protocol == "Tcp"'), true);
      assert.equal(matches('(ActionType == "X" or RemotePort == 443) and Protocol == "Udp"'), false);
      assert.equal(matches('not(Protocol == "Udp")'), true);
      assert.equal(matches('not(Protocol == "Tcp") or not (RemotePort == 443)'), false);
    });
    it('tests emptiness and booleans', () => {
      assert.equal(matches('isempty(Empty) and isempty(Nothing) and isempty(Missing)'), true);
      assert.equal(matches('isnotempty(DeviceName) and isnotempty(RemotePort)'), true);
      assert.equal(matches('isnotempty(Empty)'), false);
      assert.equal(matches('IsLocalAdmin == true'), true);
      assert.equal(matches('IsLocalAdmin'), true);
      assert.equal(matches('IsLocalAdmin and RemotePort == 443'), true);
      assert.equal(matches('Protocol'), false);
    });
    it('reads into dynamic columns, also when they arrive as JSON text', () => {
      assert.equal(matches('AdditionalFields.Foo == "bar"'), true);
      assert.equal(matches('AdditionalFields.Nested.Count >= 3'), true);
      assert.equal(matches('AdditionalFields["Foo"] =~ "BAR"'), true);
      assert.equal(matches('AdditionalFields.List[1] == "b"'), true);
      assert.equal(matches('Tags[0] == "alpha"'), true);
      assert.equal(matches('AdditionalFields.Missing.Deeper == "x"'), false);
      assert.equal(matches('AdditionalFields has "bar"'), true, 'the column itself as text');
      assert.equal(matches('Tags has "beta"'), true);
      assert.equal(matches('DeviceName.Foo == "x"'), false, 'a plain string has no keys');
    });
    it('reads strings with escapes, verbatim strings and records without properties', () => {
      assert.equal(
        matches(String.raw`InitiatingProcessCommandLine has "-encodedcommand" and InitiatingProcessCommandLine contains "\u0053QBF"`),
        true,
      );
      assert.equal(matches(String.raw`S == "a\"b\\c"`, { properties: { S: 'a"b\\c' } }), true);
      assert.equal(matches(String.raw`S == @"C:\temp"`, { properties: { S: 'C:\\temp' } }), true);
      assert.equal(matches('ActionType == "x"', { category: 'x' }), false);
      assert.equal(matches('isempty(ActionType)', { properties: 'not an object' }), true);
    });
    it('names the texts a matching record must contain (for a check before parsing)', () => {
      const f = whereFilterOrThrow(
        'ActionType == "ConnectionFailed" and (A == "x" or B == "y") and not(C has "zzz") and D contains "a+b" and E has "Tcp"',
      );
      assert.deepEqual(f.required, ['connectionfailed', 'tcp']);
    });
  });

  describe('errors', () => {
    it('says what is missing, where', () => {
      assert.deepEqual(problem('ActionType =='), { start: 13, end: 13, message: "expected a value after '=='" });
      const p = problem('ActionType == "x" and');
      assert.equal(p.message, 'expected a column name');
      assert.match(problem('ActionType = "x"').message, /unexpected character '='/);
      assert.deepEqual(problem('ActionType == Foo'), {
        start: 14,
        end: 17,
        message:
          "expected a value after '==' (a quoted string, a number, true/false or datetime(...); comparing two columns is not supported), found 'Foo'",
      });
      assert.match(problem('(A == 1').message, /expected '\)' to close '\('/);
      assert.match(problem('A == 1)').message, /unexpected '\)'/);
      assert.match(problem('A == "x').message, /unterminated string/);
      assert.match(problem('A has 5').message, /'has' needs a quoted string/);
      assert.match(problem('A < "x"').message, /'<' compares numbers or datetimes/);
      assert.match(problem('A between (1 .. datetime(2026-01-01))').message, /both/);
      assert.match(problem('A in ()').message, /expected a value/);
      assert.match(problem('A == datetime(yesterday)').message, /not a datetime/);
      assert.match(problem('A B').message, /expected an operator after 'A'/);
      assert.match(problem('').message, /empty/);
      assert.match(problem('   ').message, /empty/);
      assert.match(problem(String.raw`A == "\q"`).message, /unknown escape/);
    });
    it('bounds the length and the nesting', () => {
      const long = 'A == "' + 'x'.repeat(MAX_WHERE_LENGTH) + '"';
      assert.match(problem(long).message, /too long/);
      assert.match(problem('('.repeat(40) + 'A == 1' + ')'.repeat(40)).message, /nested too deeply/);
      assert.match(problem('not('.repeat(40) + 'A == 1' + ')'.repeat(40)).message, /nested too deeply/);
      assert.equal(matches('('.repeat(20) + 'RemotePort == 443' + ')'.repeat(20)), true);
      // a long flat chain is fine (no recursion per `and`)
      const chain = Array.from({ length: 200 }, (_, i) => `P${i} != "x"`).join(' and ');
      assert.equal(compileWhereFilter(chain).ok, true);
    });
  });
});
