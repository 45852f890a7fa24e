// Child process of bench/run.mjs (loaded with --import tsx): runs one benchmark module and prints its
// result as one line "BENCH_RESULT <json>". See bench/run.mjs for the module interface.
import { pathToFileURL } from 'node:url';

const [file, mode] = process.argv.slice(2);
const smoke = mode === '--smoke';
const MARKER = 'BENCH_RESULT ';

function entry(mod) {
  if (typeof mod.run === 'function') return mod.run;
  if (typeof mod.default === 'function') return mod.default;
  const runs = Object.entries(mod).filter(([name, v]) => typeof v === 'function' && /^run[A-Z]/.test(name));
  return runs.length === 1 ? runs[0][1] : undefined;
}

let result;
try {
  const mod = await import(pathToFileURL(file).href);
  const run = entry(mod);
  if (!run) result = { error: 'the module exports no run() function' };
  else if (smoke && !mod.smokeOptions) result = { skipped: 'no smokeOptions for --smoke' };
  else {
    const t0 = Date.now();
    result = await run(smoke ? mod.smokeOptions : {});
    if (result && typeof result === 'object' && result.durationMs === undefined) result = { ...result, durationMs: Date.now() - t0 };
  }
} catch (error) {
  result = { error: error instanceof Error ? error.message : String(error) };
}
// Exit once the line is written: a benchmark may leave handles (clients, timers) behind.
process.stdout.write(`${MARKER}${JSON.stringify(result)}\n`, () => process.exit(0));
