// Hostile and malformed message bodies through the real client into the tail session and the CLI tail:
// nothing crashes, every bad message is counted with its reason, good messages after them still arrive,
// and the terminal never receives a raw escape or bidi control character.
import assert from 'node:assert/strict';
import { runTail } from '../../../src/cli/tailCommand';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import { createTailSession } from '../../../src/tail/session';
import type { TailEntry } from '../../../src/tail/types';
import {
  BAD_MESSAGE_KINDS,
  DefenderTrafficGenerator,
  HOSTILE_STRINGS,
  Prng,
  veryLongString,
  type BadMessageKind,
} from '../../../src/traffic/index';
import { tried } from '../../support/reliabilityLog';
import { TERMINAL_UNSAFE, targetFor, waitFor } from './support';

const AREA = 'Hostile and malformed data';
const HUB = 'reliability-hostile';
const GOOD_AFTER = 20;

interface Input {
  readonly name: string;
  readonly body: string | Buffer;
  /** Records the tail should count from it. */
  readonly records: number;
  /** Malformed reasons it should be counted under. */
  readonly reasons: readonly string[];
}

const gen = new DefenderTrafficGenerator({ seed: 'reliability-hostile', now: () => Date.parse('2025-06-01T12:00:00Z') });
const rng = new Prng('reliability-hostile-bytes');

function record(table = 'DeviceProcessEvents'): Record<string, unknown> {
  return gen.record(table) as unknown as Record<string, unknown>;
}

/** A record whose every envelope field and every property holds `value` (the category stays valid). */
function everyField(value: string): Record<string, unknown> {
  const r = record();
  const properties: Record<string, unknown> = {};
  for (const k of Object.keys(r.properties as object)) properties[k] = value;
  return { ...Object.fromEntries(Object.keys(r).map((k) => [k, value])), category: r.category, properties };
}

function nested(depth: number, inner = '0'): string {
  return '['.repeat(depth) + inner + ']'.repeat(depth);
}

const BAD_KIND_EXPECTATIONS: Record<BadMessageKind, readonly string[]> = {
  'not-json': ['not-json'],
  empty: ['empty'],
  truncated: ['not-json'],
  'no-records': ['no-records'],
  'records-not-array': ['records-not-array'],
  'record-not-object': ['record-not-object'],
  'wrong-types': [],
  oversized: [],
  hostile: [],
  'unknown-table': [],
};

function inputs(): Input[] {
  const full = JSON.stringify({ records: gen.records(3) });
  const list: Input[] = [
    { name: 'Body that is not JSON (text)', body: 'this is not JSON {', records: 0, reasons: ['not-json'] },
    {
      name: 'Truncated JSON (a real message cut in half)',
      body: full.slice(0, Math.floor(full.length / 2)),
      records: 0,
      reasons: ['not-json'],
    },
    {
      name: 'Binary body (4 KB of random bytes, NUL and 0xFF included)',
      body: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i % 97 === 0 ? 0 : i % 89 === 0 ? 0xff : rng.int(0, 255)))),
      records: 0,
      reasons: ['not-json'],
    },
    { name: 'Empty body', body: '', records: 0, reasons: ['empty'] },
    { name: 'JSON that is not an object (a number, a string, null)', body: '42', records: 0, reasons: ['not-object'] },
    { name: 'JSON null', body: 'null', records: 0, reasons: ['not-object'] },
    {
      name: '1 MB message: one record with a 1,000,000-character command line',
      body: JSON.stringify({
        records: [{ ...record(), properties: { ...(record().properties as object), ProcessCommandLine: veryLongString(1_000_000) } }],
      }),
      records: 1,
      reasons: [],
    },
    {
      name: '1 MB of binary garbage',
      body: Buffer.from(Array.from({ length: 1_000_000 }, (_, i) => (i * 131 + 7) & 0xff)),
      records: 0,
      reasons: ['not-json'],
    },
    {
      name: '10,000 levels of nesting inside a record property',
      body: `{"records":[{"category":"AdvancedHunting-DeviceEvents","properties":{"Deep":${nested(10_000)}}}]}`,
      records: 0,
      reasons: ['too-deep'],
    },
    { name: '10,000 levels of nested arrays as the whole body', body: nested(10_000), records: 0, reasons: ['record-not-object'] },
    {
      name: '10,000 levels of nested objects as the whole body',
      body: '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      records: 0,
      reasons: ['no-records'],
    },
    {
      name: 'Unknown category AdvancedHunting-NotARealTable',
      body: JSON.stringify({ records: [{ ...record(), category: 'AdvancedHunting-NotARealTable' }] }),
      records: 1,
      reasons: [],
    },
    {
      name: 'Unknown category without the AdvancedHunting- prefix',
      body: JSON.stringify({ records: [{ ...record(), category: 'SomethingElse' }] }),
      records: 1,
      reasons: [],
    },
    { name: 'Category that is a number', body: JSON.stringify({ records: [{ ...record(), category: 42 }] }), records: 1, reasons: [] },
    { name: 'Missing fields: an empty record {}', body: JSON.stringify({ records: [{}] }), records: 1, reasons: [] },
    {
      name: 'Missing fields: record without properties',
      body: JSON.stringify({ records: [{ time: '2025-06-01T12:00:00Z', category: 'AdvancedHunting-DeviceEvents' }] }),
      records: 1,
      reasons: [],
    },
    {
      name: 'Missing fields: record without category',
      body: JSON.stringify({ records: [{ properties: { DeviceName: 'x' } }] }),
      records: 1,
      reasons: [],
    },
    { name: '"records" is not an array', body: JSON.stringify({ records: 'nope' }), records: 0, reasons: ['records-not-array'] },
  ];
  for (const value of HOSTILE_STRINGS) {
    list.push({
      name: `Every field holds ${JSON.stringify(value).slice(0, 48)}`,
      body: JSON.stringify({ records: [everyField(value)] }),
      records: 1,
      reasons: [],
    });
  }
  list.push({
    name: 'Every field holds a 100,000-character string',
    body: JSON.stringify({ records: [everyField(veryLongString(100_000))] }),
    records: 1,
    reasons: [],
  });
  list.push({
    name: 'Category holds markup, ANSI escapes and an RTL override',
    body: JSON.stringify({ records: [{ ...record(), category: `AdvancedHunting-<script>alert(1)</script>\u001b[31m\u202Etxt` }] }),
    records: 1,
    reasons: [],
  });
  for (const kind of BAD_MESSAGE_KINDS) {
    const bad = gen.badMessage(kind);
    const isRecordless = ['not-json', 'empty', 'truncated', 'no-records', 'records-not-array'].includes(kind);
    list.push({
      name: `Traffic generator bad message: ${kind}`,
      body: bad.body,
      records: isRecordless ? 0 : bad.records,
      reasons: BAD_KIND_EXPECTATIONS[kind],
    });
  }
  return list;
}

function goodBody(i: number): string {
  return JSON.stringify({
    records: [{ ...record('EmailEvents'), properties: { ...(record('EmailEvents').properties as object), Subject: `good-after-${i}` } }],
  });
}

describe('reliability: hostile and malformed data through the real client', function () {
  this.timeout(120_000);
  let hub: LocalHubServer;
  const list = inputs();
  const expectedRecords = list.reduce((n, i) => n + i.records, 0) + GOOD_AFTER;
  const expectedReasons: Record<string, number> = {};
  for (const i of list) for (const r of i.reasons) expectedReasons[r] = (expectedReasons[r] ?? 0) + 1;
  const expectedMalformed = Object.values(expectedReasons).reduce((a, b) => a + b, 0);

  before(async () => {
    hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: 2 }] });
    // One partition keeps the order: every hostile input first, then the good messages.
    hub.append(
      HUB,
      list.map((i) => ({ body: i.body })),
      '0',
    );
    hub.append(
      HUB,
      Array.from({ length: GOOD_AFTER }, (_, i) => ({ body: goodBody(i) })),
      '0',
    );
  });
  after(async () => hub.stop());

  it('the tail session counts every bad message with its reason, keeps going and receives the good messages after them', async () => {
    const crashes: unknown[] = [];
    const onCrash = (error: unknown): void => {
      crashes.push(error);
    };
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    const session = createTailSession(targetFor(hub, HUB), { start: { kind: 'earliest' } });
    const entries: TailEntry[] = [];
    session.onEntries((batch) => entries.push(...batch));
    try {
      await waitFor('every message', () => session.stats().receivedEvents >= list.length + GOOD_AFTER, 90_000);
      await waitFor('every entry emitted', () => entries.length >= expectedRecords + expectedMalformed, 10_000);
    } finally {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    }
    const stats = session.stats();
    const state = session.state.kind;
    await session.stop();
    const good = entries.filter(
      (e) =>
        e.type === 'record' &&
        String((e.record.properties as Record<string, unknown> | undefined)?.Subject ?? '').startsWith('good-after-'),
    );
    for (const input of list) {
      const outcome =
        input.reasons.length > 0 ? `counted as malformed: ${input.reasons.join(', ')}` : `decoded as ${input.records} record(s), shown`;
      tried({ area: AREA, fault: `${input.name} (tail session, real client)`, times: 1, outcome });
    }
    tried({
      area: AREA,
      fault: `Good messages after all ${list.length} hostile inputs (tail session)`,
      times: GOOD_AFTER,
      outcome: `${good.length} of ${GOOD_AFTER} arrived; ${crashes.length} crashes; session ${state}; malformed by reason ${JSON.stringify(stats.malformedByReason)}`,
    });

    assert.deepEqual(crashes, []);
    assert.equal(state, 'live');
    assert.equal(stats.receivedEvents, list.length + GOOD_AFTER);
    assert.deepEqual(stats.malformedByReason, expectedReasons);
    assert.equal(stats.malformed, expectedMalformed);
    assert.equal(stats.receivedRecords, expectedRecords);
    assert.equal(good.length, GOOD_AFTER, 'every good message after the hostile ones arrived');
    for (const e of entries) {
      if (e.type !== 'malformed') continue;
      assert.ok(e.message.length > 0 && e.message.length < 400, `a short reason message: ${e.message.slice(0, 80)}`);
      // 200 characters of the body, each escaped to at most 6 (\uXXXX), plus an ellipsis.
      assert.ok(e.preview.length <= 200 * 6 + 2, `a bounded preview (${e.preview.length} characters)`);
      assert.doesNotMatch(e.preview, TERMINAL_UNSAFE, 'the preview has no raw control characters');
    }
  });

  for (const json of [false, true]) {
    it(`the CLI tail${json ? ' --json' : ''} prints every good record and every malformed reason, with no raw ESC or bidi control`, async () => {
      let stdout = '';
      let stderr = '';
      const controller = new AbortController();
      const guard = setTimeout(() => controller.abort(), 90_000);
      const io = {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: (t: string) => (stderr += t) },
        signal: controller.signal,
      };
      let code: number;
      try {
        code = await runTail(
          [
            '--connection-string',
            hub.connectionStringFor(HUB),
            '--from',
            'earliest',
            '--limit',
            String(expectedRecords),
            ...(json ? ['--json'] : []),
          ],
          io,
          {},
        );
      } finally {
        clearTimeout(guard);
      }
      const lines = stdout.split('\n').filter((l) => l !== '');
      const malformedLines = stderr.split('\n').filter((l) => l.startsWith('malformed message'));
      const rawEsc = (stdout + stderr).includes('\u001b');
      const rawBidi = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(stdout + stderr);
      tried({
        area: AREA,
        fault: `All ${list.length} hostile inputs, then ${GOOD_AFTER} good messages, through the CLI tail${json ? ' --json' : ' (text)'}`,
        times: list.length + GOOD_AFTER,
        outcome: `exit ${code}; ${lines.length} record lines of ${expectedRecords}; ${malformedLines.length} malformed lines of ${expectedMalformed}; raw ESC in output: ${rawEsc ? 'YES' : 'no'}; raw bidi controls: ${rawBidi ? 'YES' : 'no'}`,
      });
      assert.equal(code, 0);
      assert.equal(lines.length, expectedRecords);
      assert.equal(malformedLines.length, expectedMalformed);
      assert.ok(!controller.signal.aborted, 'finished by --limit, not by the guard');
      assert.ok(!rawEsc, 'no raw ESC reaches the terminal');
      assert.ok(!rawBidi, 'no raw bidi control reaches the terminal');
      assert.doesNotMatch(stdout, TERMINAL_UNSAFE);
      assert.doesNotMatch(stderr, TERMINAL_UNSAFE);
      if (json) {
        for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), 'every --json line is JSON');
        const subjects = lines
          .map((l) => (JSON.parse(l) as { record: { properties?: { Subject?: unknown } } }).record.properties?.Subject)
          .filter((s) => typeof s === 'string' && s.startsWith('good-after-'));
        assert.equal(subjects.length, GOOD_AFTER);
      } else {
        assert.equal(lines.filter((l) => /good-after-\d+/.test(l)).length, GOOD_AFTER);
      }
    });
  }
});
