// The real bin (dist/cli.js in a child process) must never print any part of a key, whatever shape the
// connection string has and however it is given: as an argument, in the environment or on stdin.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { BUILT_CLI, ensureBuiltCli, leakedRuns, randomKey, ROOT, runBuiltCli, type CliRun } from './builtCliSupport';
import { tried } from '../../support/reliabilityLog';

const AREA = 'Trust boundary';

const ENV = 'DEFENDER_STREAM_CONNECTION_STRING';
const HOST = 'contoso-sec.servicebus.windows.net';
const WARNING = /warning: .*command line/g;

/** Connection strings that are wrong in the ways people get them wrong, each holding `key`. */
function shapes(key: string, closedPort: number): Array<{ label: string; cs: string; usageError: boolean }> {
  return [
    {
      label: 'comma-separated parts',
      cs: `Endpoint=sb://${HOST}/,SharedAccessKeyName=listen,SharedAccessKey=${key},EntityPath=hub`,
      usageError: true,
    },
    {
      label: 'a key followed by ",junk"',
      cs: `Endpoint=sb://127.0.0.1:${closedPort}/;SharedAccessKeyName=listen;SharedAccessKey=${key},junk;EntityPath=hub`,
      usageError: true,
    },
    {
      label: 'parts separated by spaces',
      cs: `Endpoint=sb://${HOST}/ SharedAccessKeyName=listen SharedAccessKey=${key}`,
      usageError: true,
    },
    {
      label: 'a truncated string (the key cut short, its name lost)',
      cs: `Endpoint=sb://${HOST}/;SharedAccessKeyName=listen;${key.slice(0, 30)}`,
      usageError: true,
    },
    {
      label: 'a stray key without a name',
      cs: `Endpoint=sb://${HOST}/;SharedAccessKeyName=listen;${key};EntityPath=hub`,
      usageError: true,
    },
    {
      label: 'the key where the endpoint belongs',
      cs: `Endpoint=${key};SharedAccessKeyName=listen;SharedAccessKey=${key}`,
      usageError: true,
    },
    {
      label: 'a well-formed string for a closed port',
      cs: `Endpoint=sb://127.0.0.1:${closedPort}/;SharedAccessKeyName=listen;SharedAccessKey=${key};EntityPath=hub;UseDevelopmentEmulator=true`,
      usageError: false,
    },
  ];
}

function assertNoLeak(run: CliRun, key: string, what: string): void {
  const all = run.stdout + run.stderr;
  assert.deepEqual(leakedRuns(all, key), [], `${what}: output holds parts of the key ${key}:\n${all}`);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('cli: no key in the output of the built bin', function () {
  this.timeout(180_000);
  let port: number;

  before(async function () {
    this.timeout(120_000);
    ensureBuiltCli();
    port = await closedPort();
  });

  type Route = (cs: string) => { args: string[]; env?: Record<string, string>; input?: string };
  const routes: Array<[string, Route, boolean]> = [
    ['as an argument', (cs) => ({ args: ['tail', '--connection-string', cs, '--duration', '2'] }), true],
    ['in DEFENDER_STREAM_CONNECTION_STRING', (cs) => ({ args: ['tail', '--duration', '2'], env: { [ENV]: cs } }), false],
    [
      'on stdin with "--connection-string -"',
      (cs) => ({ args: ['tail', '--connection-string', '-', '--duration', '2'], input: `${cs}\n` }),
      false,
    ],
  ];

  for (const [how, route, onCommandLine] of routes) {
    it(`given ${how}: no 8 characters of the key in any output, and a warning only for the command line`, () => {
      const key = randomKey();
      for (const shape of shapes(key, port)) {
        const { args, env, input } = route(shape.cs);
        const run = runBuiltCli(args, { env, input });
        assertNoLeak(run, key, `${shape.label} ${how}`);
        if (shape.usageError) {
          assert.equal(run.status, 2, `${shape.label} ${how}: ${run.stderr}`);
          assert.match(run.stderr, /connection string|"Endpoint"/i, `${shape.label} ${how}: ${run.stderr}`);
        } else {
          assert.notEqual(run.status, 2, `${shape.label} ${how}: read as a usage error:\n${run.stderr}`);
        }
        assert.equal(run.stderr.match(WARNING)?.length ?? 0, onCommandLine ? 1 : 0, `${shape.label} ${how}: ${run.stderr}`);
      }
      tried({
        area: AREA,
        fault: `CLI: malformed, comma-separated, truncated and stray-part connection strings given ${how}`,
        times: 1,
        outcome: 'no 8-character run of the key in any output; one warning only for the argument',
      });
    });
  }

  it('echoes no key typed where a command, an option or another value belongs', () => {
    const key = randomKey();
    const cs = `Endpoint=sb://${HOST}/;SharedAccessKeyName=listen;SharedAccessKey=${key}`;
    const missingKey = `Endpoint=sb://${HOST}/;SharedAccessKeyName=listen;SharedAccessKey=`;
    for (const args of [
      [key],
      [`--${key}`],
      ['tail', `--${key}`],
      ['tail', `--connection-string=${missingKey}`, key],
      ['tail', '--connection-string', missingKey, '--', key],
      ['tail', `--connection-string=${cs}`, '--from', key],
      ['tail', `--connection-string=${cs}`, '--tables', key],
    ]) {
      const run = runBuiltCli(args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assertNoLeak(run, key, args.join(' '));
    }
    tried({ area: AREA, fault: 'CLI: a key typed where a command, an option or another value belongs', times: 1, outcome: 'not echoed' });
  });

  it('reads only the first line of stdin, exits with stdin still open, and says so when stdin has none', async () => {
    const empty = runBuiltCli(['tail', '--connection-string', '-'], { input: '' });
    assert.equal(empty.status, 2, empty.stderr);
    assert.match(empty.stderr, /stdin/);
    assert.doesNotMatch(empty.stderr, WARNING);

    const key = randomKey();
    const child = spawn(process.execPath, [BUILT_CLI, 'tail', '--connection-string', '-'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.write(`Endpoint=sb://${HOST}/;SharedAccessKeyName=listen;SharedAccessKey=${key}\nsecond line\n`); // stdin stays open
    const timer = setTimeout(() => child.kill(), 15_000);
    const code = await exited;
    clearTimeout(timer);
    child.stdin.destroy();
    assert.equal(code, 2, `did not exit by itself:\n${output}`);
    assert.match(output, /no EntityPath: give --hub/);
    assert.deepEqual(leakedRuns(output, key), [], output);
  });

  it('--help tells how to keep the key off the command line', () => {
    for (const args of [['--help'], ['tail', '--help']]) {
      const run = runBuiltCli(args);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /DEFENDER_STREAM_CONNECTION_STRING/, args.join(' '));
      assert.match(run.stdout, /--connection-string -/, args.join(' '));
      assert.match(run.stdout, /process listings/, args.join(' '));
    }
  });
});
