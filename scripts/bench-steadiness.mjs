#!/usr/bin/env node
// How steady the tail benchmark's headline ratio is from run to run: runs `npm run bench -- --only tail
// --out <dir>` K times, one after the other, and prints each run's headline ratio (the median of paired
// ratios, results.tail.ratio) and their spread around their median as ±%.
//
//   node scripts/bench-steadiness.mjs                          5 runs into temporary directories
//   node scripts/bench-steadiness.mjs --runs 5 --out-prefix /tmp/bench
//                                                              5 runs into /tmp/bench1 … /tmp/bench5
//   node scripts/bench-steadiness.mjs --from /tmp/bench1,/tmp/bench2,...
//                                                              no run: the runs already in those directories
//   ... --md bench/steadiness.md                               also writes the report as markdown there
//   ... --id hostLoop --field p99Ms                            another benchmark's number instead
//
// Run it on a quiet machine: another process busy on the same cores moves every number. Exit code 1 when
// the spread exceeds --limit (default 5, i.e. ±5%).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const id = option('id', 'tail');
const field = option('field', 'ratio');
const runs = Number(option('runs', '5'));
const limit = Number(option('limit', '5'));
const prefix = option('out-prefix', undefined);
const from = option('from', undefined);
const mdFile = option('md', undefined);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function read(dir) {
  const report = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'));
  const result = report.results?.[id];
  if (!result || result.error) throw new Error(`${dir}: no ${id} result (${result?.error ?? 'missing'})`);
  return { dir, date: report.date, node: report.node, smoke: report.smoke, result };
}

const dirs = from
  ? from.split(',').filter(Boolean)
  : Array.from({ length: runs }, (_, i) => {
      if (!prefix) return mkdtempSync(path.join(os.tmpdir(), `dse-steadiness-${i + 1}-`));
      const dir = `${prefix}${i + 1}`;
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
      return dir;
    });

const done = [];
for (const [i, dir] of dirs.entries()) {
  if (!from) {
    console.log(`[steadiness] run ${i + 1} of ${dirs.length}: npm run bench -- --only ${id} --out ${dir}`);
    const t0 = Date.now();
    const run = spawnSync('npm', ['run', 'bench', '--', '--only', id, '--out', dir], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) {
      console.error(`[steadiness] run ${i + 1} failed (exit ${run.status})`);
      process.exit(2);
    }
    console.log(`[steadiness] run ${i + 1}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  done.push(read(dir));
}

const values = done.map((d) => d.result[field]);
const mid = median(values);
const deviations = values.map((v) => ((v - mid) / mid) * 100);
const worst = Math.max(...deviations.map(Math.abs));
const fmt = (x, digits = 3) => (typeof x === 'number' ? x.toFixed(digits) : String(x ?? ''));
const pm = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}%`;
const isTail = id === 'tail';
const lines = [
  `# Steadiness of the ${id} benchmark's \`${field}\``,
  '',
  `${done.length} runs of \`npm run bench -- --only ${id} --out <dir>\`, one after the other` +
    ` (\`node scripts/bench-steadiness.mjs --runs ${done.length}\`), Node ${done[0].node}, ${os.cpus().length} cores.` +
    (isTail ? ' Each run: the median of its paired ratios (tail round / bare round next to it).' : ''),
  '',
  isTail
    ? '| Run | Date | ratio (paired median) | paired ratios min – max | middle 80% (paired median) | ratio of medians | tail events/s | bare events/s |'
    : `| Run | Date | ${field} |`,
  isTail ? '| --- | --- | --- | --- | --- | --- | --- | --- |' : '| --- | --- | --- |',
  ...done.map((d, i) => {
    const r = d.result;
    if (!isTail) return `| ${i + 1} | ${d.date} | ${fmt(r[field])} |`;
    const s = r.spread?.ratio;
    return `| ${i + 1} | ${d.date} | ${fmt(r.ratio)} (${pm(deviations[i])}) | ${s ? `${fmt(s.min)} – ${fmt(s.max)}` : ''} | ${fmt(
      r.middlePairedRatio,
    )} | ${fmt(r.ratioOfMedians)} | ${Math.round(r.value).toLocaleString('en-US')} | ${Math.round(r.baseline).toLocaleString('en-US')} |`;
  }),
  '',
  `Median ${fmt(mid)}; runs between ${fmt(Math.min(...values))} and ${fmt(Math.max(...values))}: ` +
    `the farthest is ${pm(deviations[deviations.map(Math.abs).indexOf(worst)])} from the median, ` +
    `so the spread is ±${worst.toFixed(1)}% (limit ±${limit}%: ${worst <= limit ? 'within' : 'EXCEEDED'}).`,
  ...(isTail && done.every((d) => typeof d.result.middlePairedRatio === 'number')
    ? ['', secondary('middlePairedRatio', 'The middle-80% ratio')]
    : []),
  '',
];
const text = lines.join('\n');

/** One line on another field's run-to-run spread. */
function secondary(key, label) {
  const xs = done.map((d) => d.result[key]);
  const m = median(xs);
  const far = Math.max(...xs.map((x) => Math.abs((x - m) / m) * 100));
  return `${label} (\`${key}\`, for comparison): median ${fmt(m)}, runs between ${fmt(Math.min(...xs))} and ${fmt(Math.max(...xs))}, ±${far.toFixed(1)}%.`;
}
console.log(`\n${text}`);
if (mdFile) {
  writeFileSync(path.resolve(mdFile), text);
  console.log(`[steadiness] wrote ${mdFile}`);
}
process.exit(worst <= limit ? 0 : 1);
