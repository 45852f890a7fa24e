// The tail's worker (from its TypeScript source, as tailWorkerSource.cjs) with two test probes, chosen
// by environment variables that the test sets before it starts the tail (a worker gets a copy of them):
// - DSE_TEST_WORKER_REPORT=<file>: writes what the thread was started with (argv, execArgv, workerData,
//   environment) to <file>, so that a test can check that no secret is in any of them;
// - DSE_TEST_WORKER_CRASH_MARKER=<file>: unless <file> exists, creates it and then crashes the thread
//   (an uncaught exception) right after the first batch of entries it hands over; the next worker runs.
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');

const report = process.env.DSE_TEST_WORKER_REPORT;
if (report) {
  const started = { argv: process.argv, execArgv: process.execArgv, workerData: workerData ?? null, env: process.env };
  fs.writeFileSync(report, JSON.stringify(started));
}

const marker = process.env.DSE_TEST_WORKER_CRASH_MARKER;
if (marker && !fs.existsSync(marker)) {
  fs.writeFileSync(marker, 'crashed once');
  const post = parentPort.postMessage.bind(parentPort);
  parentPort.postMessage = (message, transfer) => {
    // (Checked before posting: posting moves the batch's buffers away.)
    const entries = message && message.type === 'update' && message.batch ? message.batch.kinds.length : 0;
    post(message, transfer);
    if (entries > 0) {
      setImmediate(() => {
        throw new Error('a crash for the test');
      });
    }
  };
}

require('tsx/cjs');
require('../../src/tail/worker/tailWorker.ts');
