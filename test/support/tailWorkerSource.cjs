// The tail's worker thread run from its TypeScript source, for tests and benchmarks (the extension runs
// the bundle dist/tailWorker.js): registers tsx in the worker, then loads src/tail/worker/tailWorker.ts.
require('tsx/cjs');
require('../../src/tail/worker/tailWorker.ts');
