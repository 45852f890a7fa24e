import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

/**
 * `npm run bench -- --smoke` in a few tens of seconds, so the suite cannot rot. It checks that every
 * benchmark runs and reports the fields other tools read (bench/results.json's shape), never a
 * speed: speed targets are the full `npm run bench`'s business, not a test's.
 */
describe('bench: smoke run of the whole suite', function () {
  this.timeout(600_000);
  let out = '';
  let report: { date: string; node: string; results: Record<string, Record<string, unknown>> };

  before(() => {
    out = mkdtempSync(path.join(os.tmpdir(), 'dse-bench-'));
    const run = spawnSync(process.execPath, ['bench/run.mjs', '--smoke', '--out', out], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    report = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  const positive = (value: unknown, what: string) =>
    assert.ok(typeof value === 'number' && Number.isFinite(value) && value > 0, `${what} is ${String(value)}`);

  it('writes the documented shape with a date and the Node version', () => {
    assert.ok(!Number.isNaN(Date.parse(report.date)));
    assert.equal(report.node, process.version);
    for (const [id, result] of Object.entries(report.results)) assert.equal(result.error, undefined, `${id}: ${String(result.error)}`);
  });

  it('decode and tail report records/s and events/s against their baselines', () => {
    for (const id of ['decode', 'tail']) {
      positive(report.results[id]?.value, `${id}.value`);
      positive(report.results[id]?.baseline, `${id}.baseline`);
    }
    // The tail's other design (the work off this thread) and what each side asks of the machine's cores.
    for (const field of ['ratio', 'workerRatio', 'cpuBoundRatio', 'machineCeiling'])
      positive(report.results.tail?.[field], `tail.${field}`);
    for (const id of ['tail', 'tailSplit']) {
      const busy = report.results[id]?.coresBusy as Record<string, unknown> | undefined;
      const thread = report.results[id]?.receivingThreadUs as Record<string, unknown> | undefined;
      for (const side of ['value', 'baseline']) {
        positive(busy?.[side], `${id}.coresBusy.${side}`);
        // Linux counts a thread's CPU in 10 ms ticks: a smoke round can read 0.
        const us = thread?.[side];
        assert.ok(typeof us === 'number' && Number.isFinite(us) && us >= 0, `${id}.receivingThreadUs.${side} is ${String(us)}`);
      }
    }
    // The tail split across two threads: its own rounds against the bare consumer's.
    for (const field of ['value', 'baseline', 'ratio']) positive(report.results.tailSplit?.[field], `tailSplit.${field}`);
  });

  it('render reports DOM rows, p95 frame time and the longest task', () => {
    for (const field of ['domRows', 'p95FrameMs']) positive(report.results.render?.[field], `render.${field}`);
    // 0 when no task reached the 50 ms that the browser reports as "long".
    const longest = report.results.render?.longestTaskMs;
    assert.ok(typeof longest === 'number' && longest >= 0, `render.longestTaskMs is ${String(longest)}`);
  });

  it("storageTail reports both designs' records/s against the floor and this thread's event-loop delay", () => {
    const r = report.results.storageTail as Record<string, unknown> | undefined;
    for (const field of ['value', 'baseline', 'ratio']) positive(r?.[field], `storageTail.${field}`);
    positive((r?.hostLoop as Record<string, unknown> | undefined)?.p99Ms, 'storageTail.hostLoop.p99Ms');
    const worker = r?.worker as Record<string, unknown> | undefined;
    for (const field of ['value', 'ratio']) positive(worker?.[field], `storageTail.worker.${field}`);
    positive((worker?.hostLoop as Record<string, unknown> | undefined)?.p99Ms, 'storageTail.worker.hostLoop.p99Ms');
  });

  it('validate reports seconds against JSON.parse; memory its heap growth; startup the activation time', () => {
    positive(report.results.validate?.value, 'validate.value');
    positive(report.results.validate?.baseline, 'validate.baseline');
    assert.equal(typeof report.results.memory?.heapGrowthMB, 'number');
    positive(report.results.startup?.activationMs, 'startup.activationMs');
  });
});
