import assert from 'node:assert/strict';
import { STREAMABLE_TABLES, TABLES } from '../../../src/core/catalog/schemaCatalog';
import { DefenderTrafficGenerator } from '../../../src/traffic';
import type { BadMessageKind } from '../../../src/traffic';
import { validate } from '../../../src/validation/validate';

function problems(text: string): string[] {
  return validate(text)
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.code} ${f.range.start.line}:${f.range.start.character} ${f.message}`);
}

describe('validation: the local hub generator produces valid traffic', () => {
  it('every record of the 30 streamed or seen tables, over several seeds, has zero errors and zero warnings', () => {
    for (const seed of [1, 2, 'fixtures', 42]) {
      const gen = new DefenderTrafficGenerator({ seed, now: () => Date.UTC(2026, 10, 25, 12) });
      assert.equal(gen.tables.length, STREAMABLE_TABLES.length);
      for (const table of gen.tables) {
        const records = gen.records(25, table);
        const text = records.map((r) => JSON.stringify(r)).join('\n');
        assert.deepEqual(problems(text), [], `${table.name}, seed ${String(seed)}`);
      }
    }
  });

  it('records of the Advanced-Hunting-only tables, on request, have no error or warning either (only DSE018)', () => {
    const gen = new DefenderTrafficGenerator({ seed: 'hunting-only', now: () => Date.UTC(2026, 10, 25, 12) });
    for (const table of TABLES.filter((t) => t.streamStatus === 'huntingOnly')) {
      const text = gen
        .records(5, table)
        .map((r) => JSON.stringify(r))
        .join('\n');
      assert.deepEqual(problems(text), [], table.name);
      assert.ok(
        validate(text).every((f) => f.code === 'DSE018'),
        table.name,
      );
    }
  });

  it('the one deliberate drift (NetworkAdapterName on DeviceProcessEvents) is an info that explains it', () => {
    const gen = new DefenderTrafficGenerator({ seed: 'drift' });
    const findings = validate(JSON.stringify({ records: gen.records(3, 'DeviceProcessEvents') }));
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity]),
      Array(3).fill(['DSE021', 'info']),
    );
    assert.match(
      findings[0].message,
      /"NetworkAdapterName" is not a documented column of DeviceProcessEvents, but real DeviceProcessEvents records carry it/,
    );
  });

  it('generated messages (the Event Hubs bodies) validate with zero errors and zero warnings', () => {
    const gen = new DefenderTrafficGenerator({ seed: 7 });
    for (let i = 0; i < 300; i++) {
      const message = gen.message();
      assert.deepEqual(problems(message.body as string), [], `message ${i} (${message.table})`);
    }
  });

  it("the generator's injected bad messages are caught", () => {
    const gen = new DefenderTrafficGenerator({ seed: 3 });
    const expected: Partial<Record<BadMessageKind, string>> = {
      truncated: 'DSE001',
      'no-records': 'DSE010',
      'records-not-array': 'DSE004',
      'record-not-object': 'DSE005',
      'wrong-types': 'DSE011',
      'unknown-table': 'DSE016',
    };
    for (const [kind, code] of Object.entries(expected)) {
      const body = gen.badMessage(kind as BadMessageKind).body;
      const codes = validate(typeof body === 'string' ? body : body.toString('utf8')).map((f) => f.code);
      assert.ok(codes.includes(code), `${kind}: ${codes.join(', ')}`);
    }
  });
});
