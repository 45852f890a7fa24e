#!/usr/bin/env node
// Benchmarks of Defender Stream Explorer.
//
//   npm run bench                    every benchmark, full size
//   npm run bench -- --smoke         a few-second run (modules' smokeOptions; others skipped)
//   npm run bench -- --only a,b      only these benchmark ids (other ids' previous results are kept)
//   npm run bench -- --out DIR       write results.json and results.md to DIR instead of bench/
//                                    (the smoke run in the unit tests uses this, so it never overwrites
//                                    the committed results)
//
// Writes bench/results.json ({"date": ISO, "node": version, "results": {<id>: result}}) and
// bench/results.md (a markdown table). Each benchmark runs in its own Node process (fresh JIT and heap)
// with TypeScript loaded through tsx.
//
// ---- Adding a benchmark -------------------------------------------------------------------------
// Create bench/benchmarks/<id>.ts (the file name is the id in results.json). The module exports:
//
//   export async function run(options): Promise<Result>
//       Does its own warm-up (at least one unmeasured round), then several measured rounds, and
//       returns a JSON-serialisable object. (A module without `run` may instead export exactly one
//       function whose name starts with "run", e.g. `runDecode`; that one is called.)
//   export const smokeOptions = { ... }            (optional)
//       Options passed to run() by `--smoke` so it takes a few seconds. Without it, --smoke skips the
//       module. The full run passes {}.
//
// A Result should carry, where they make sense (bench/lib/stats.ts has median() and spread()):
//   value     the headline number (median of the rounds)        unit      e.g. "events/s", "s", "MB"
//   spread    the per-round values (or {min, max})              baseline  the comparison's median
//   ratio     value / baseline                                  target    the goal, e.g. "≥ 0.9× baseline"
//   summary   one line for the markdown table (optional; otherwise built from the fields above)
// Keep helper code in bench/lib/; a benchmark that needs a server runs it in a child process.
// -------------------------------------------------------------------------------------------------
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',').filter(Boolean)) : undefined;
const MARKER = 'BENCH_RESULT ';
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 ? path.resolve(args[outAt + 1] ?? '.') : path.join(root, 'bench');

if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  console.log('[bench] installing npm dependencies from the lockfile (npm ci)...');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

const dir = path.join(root, 'bench', 'benchmarks');
const ids = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .filter((id) => !only || only.has(id))
  .sort();
if (only) for (const id of only) if (!ids.includes(id)) console.log(`[bench] no benchmark "${id}" (have: ${readdirSync(dir).join(', ')})`);

function runOne(id) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'bench', 'lib', 'runOne.mjs'), path.join(dir, `${id}.ts`), smoke ? '--smoke' : '--full'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let result;
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith(MARKER)) result = JSON.parse(line.slice(MARKER.length));
        else process.stdout.write(`  [${id}] ${line}\n`);
      }
    });
    const stop = () => child.kill('SIGINT');
    process.once('SIGINT', stop);
    child.on('exit', (code) => {
      process.off('SIGINT', stop);
      resolve(result ?? { error: `exited with code ${code} without a result` });
    });
  });
}

function fmt(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(n ?? '');
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return Number(n.toPrecision(3)).toString();
}

function summaryOf(r) {
  if (!r || typeof r !== 'object') return String(r);
  if (r.error) return `error: ${String(r.error).split('\n')[0]}`;
  if (r.skipped) return `skipped: ${r.skipped}`;
  if (typeof r.summary === 'string') return r.summary;
  const parts = [];
  if (r.value !== undefined) parts.push(`${fmt(r.value)} ${r.unit ?? ''}`.trim());
  if (r.baseline !== undefined) parts.push(`baseline ${fmt(r.baseline)}`);
  if (r.ratio !== undefined) parts.push(`ratio ${fmt(r.ratio)}`);
  return parts.join(', ');
}

function spreadOf(r) {
  const s = r?.spread;
  if (!s) return '';
  const list = Array.isArray(s) ? s : Array.isArray(s.value) ? s.value : undefined;
  if (list && list.length > 0) return `${fmt(Math.min(...list))} – ${fmt(Math.max(...list))} (${list.length} rounds)`;
  if (typeof s.min === 'number') return `${fmt(s.min)} – ${fmt(s.max)}`;
  return '';
}

const results = {};
const started = Date.now();
for (const id of ids) {
  console.log(`[bench] ${id}${smoke ? ' (smoke)' : ''}...`);
  const t0 = Date.now();
  results[id] = await runOne(id);
  console.log(`[bench] ${id}: ${summaryOf(results[id])} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

// With --only, the other benchmarks' previous results are kept.
const resultsFile = path.join(outDir, 'results.json');
if (only && existsSync(resultsFile)) {
  try {
    const previous = JSON.parse(readFileSync(resultsFile, 'utf8')).results ?? {};
    for (const [id, result] of Object.entries(previous)) if (!(id in results)) results[id] = result;
  } catch {
    // unreadable: start afresh
  }
}
const shown = Object.keys(results).sort();
const report = { date: new Date().toISOString(), node: process.version, smoke, results };
writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
const md = [
  `# Benchmark results`,
  '',
  `${report.date}, Node ${report.node}${smoke ? ', smoke run (small sizes: not comparable)' : ''}. Median of the measured rounds.`,
  '',
  '| Benchmark | Result | Spread | Target |',
  '| --- | --- | --- | --- |',
  ...shown.map(
    (id) =>
      `| ${id} | ${summaryOf(results[id])
        .replace(/\s*\n\s*/g, ' ')
        .replace(/\|/g, '\\|')} | ${spreadOf(results[id])} | ${results[id]?.target ?? ''} |`,
  ),
  '',
];
writeFileSync(path.join(outDir, 'results.md'), md.join('\n'));

// A full run into bench/ also refreshes the table in the README, between its bench markers.
const readme = path.join(root, 'README.md');
if (!smoke && outAt < 0 && existsSync(readme)) {
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a >= 0 && b > a) {
    const table = md
      .filter((line) => !line.startsWith('# '))
      .join('\n')
      .trim();
    writeFileSync(readme, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
    console.log('[bench] updated the table in README.md');
  }
}
console.log(
  `[bench] ${ids.length} benchmarks in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${path.relative(root, resultsFile) || resultsFile} and results.md`,
);
process.exit(Object.values(results).some((r) => r && r.error) ? 1 : 0);
