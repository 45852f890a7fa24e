// What the CLI process prints outside runCli (library logs, console calls, uncaught errors) is
// redacted too: a real child process with the guard installed, as src/cli/main.ts installs it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { leakedRuns, randomKey, ROOT } from './builtCliSupport';

const GUARD = path.join(ROOT, 'src', 'cli', 'processOutput.ts');

function runGuarded(script: string, key: string): { status: number | null; stdout: string; stderr: string } {
  const code = `const KEY = ${JSON.stringify(key)};\nconst io = require(${JSON.stringify(GUARD)}).guardProcessOutput();\n${script}`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.error, undefined, String(result.error));
  return result;
}

describe('cli/processOutput', function () {
  this.timeout(60_000);

  it('redacts what libraries write to stdout and stderr, as text or bytes', () => {
    const key = randomKey();
    const run = runGuarded(
      `console.log('SharedAccessKey=' + KEY + ',junk');
       console.error({ sharedAccessKey: KEY });
       process.stderr.write(Buffer.from('rhea:frames SharedAccessSignature sr=a&sig=' + encodeURIComponent(KEY) + '\\n'));
       io.stdout.write('written by runCli, which redacts on its own\\n');`,
      key,
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(leakedRuns(run.stdout + run.stderr, key), [], run.stdout + run.stderr);
    assert.deepEqual(leakedRuns(run.stdout + run.stderr, encodeURIComponent(key)), [], run.stdout + run.stderr);
    assert.match(run.stdout, /^SharedAccessKey=\*\*\*\nwritten by runCli/);
    assert.match(run.stderr, /sharedAccessKey: '\*\*\*'/);
  });

  it('reports an uncaught error or rejection in one redacted line, exit 1', () => {
    for (const script of [
      `setTimeout(() => { throw new Error('connect failed: Endpoint=sb://a/;SharedAccessKey=' + KEY); }, 1);`,
      `Promise.reject(new Error('"sharedAccessKey":"' + KEY + '"'));`,
    ]) {
      const key = randomKey();
      const run = runGuarded(script, key);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /^defender-stream: .*\*\*\*.*\n$/);
      assert.deepEqual(leakedRuns(run.stdout + run.stderr, key), [], run.stderr);
    }
  });
});
