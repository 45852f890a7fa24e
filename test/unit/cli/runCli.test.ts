import assert from 'node:assert/strict';
import { helpText, runCli } from '../../../src/cli/runCli';
import type { CliCommand } from '../../../src/cli/types';
import { UsageError } from '../../../src/cli/types';
import { leakedRuns, randomKey } from './builtCliSupport';
import { capture } from './captureIo';

const calls: Array<readonly string[]> = [];
const KEY = randomKey();
const REMOTE = `Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=${KEY}`;
const LOOPBACK = `Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${KEY};UseDevelopmentEmulator=true;EntityPath=hub`;
const COMMANDS: CliCommand[] = [
  {
    name: 'echo',
    summary: 'Print the arguments',
    usage: 'Usage: defender-stream echo [words...]',
    async run(args, io) {
      calls.push(args);
      io.stdout.write(`${args.join(' ')}\n`);
      return 0;
    },
  },
  {
    name: 'validate-things',
    summary: 'A longer name',
    usage: 'Usage: defender-stream validate-things',
    async run() {
      throw new UsageError('needs a file.');
    },
  },
  {
    name: 'fail',
    summary: 'Fails with a secret in the error',
    usage: 'Usage: defender-stream fail',
    async run() {
      throw new Error('connect failed: Endpoint=sb://x/;SharedAccessKeyName=k;SharedAccessKey=TOPSECRET=');
    },
  },
  {
    name: 'print-secrets',
    summary: 'Prints connection strings on both streams',
    usage: 'Usage: defender-stream print-secrets',
    async run(_args, io) {
      io.stdout.write(`${REMOTE},junk\n  hub: ${LOOPBACK}\n`);
      io.stderr.write(`failed for "${REMOTE}" and ${LOOPBACK}\n`);
      return 0;
    },
  },
  {
    name: 'usage-secret',
    summary: 'A usage error that quotes a connection string',
    usage: 'Usage: defender-stream usage-secret',
    async run() {
      throw new UsageError(`cannot use ${REMOTE}`);
    },
  },
];
const LOCAL_HUB_LIKE: CliCommand = { ...COMMANDS[3], name: 'local-hub-like', showsLocalHubConnectionStrings: true };

describe('cli/runCli', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('--help prints the help on stdout and exits 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const io = capture();
      assert.equal(await runCli([flag], io), 0, flag);
      assert.match(io.out, /^defender-stream: /);
      assert.match(io.out, /Usage: defender-stream <command> \[options\]/);
      assert.match(io.out, /--version/);
      assert.equal(io.err, '');
    }
  });

  it('lists the subcommands, aligned, in the help', () => {
    const text = helpText(COMMANDS);
    assert.match(text, /\n {2}echo {13}Print the arguments\n/);
    assert.match(text, /\n {2}validate-things {2}A longer name\n/);
    assert.match(helpText([]), /Commands:\n {2}\(none yet\)/);
  });

  it('--version prints the version and exits 0', async () => {
    for (const flag of ['--version', '-v']) {
      const io = capture();
      assert.equal(await runCli([flag], io), 0);
      assert.match(io.out, /^\d+\.\d+\.\d+(-[\w.]+)?\n$/);
    }
  });

  it('no arguments: help on stderr, exit 2', async () => {
    const io = capture();
    assert.equal(await runCli([], io), 2);
    assert.match(io.err, /Usage: defender-stream <command>/);
    assert.equal(io.out, '');
  });

  it('an unknown command: a clear message, exit 2', async () => {
    const io = capture();
    assert.equal(await runCli(['tial'], io, COMMANDS), 2);
    assert.equal(io.err, 'defender-stream: unknown command "tial". Run "defender-stream --help" for the list.\n');
    assert.equal(io.out, '');
  });

  it('an unknown option in place of a command: a clear message, exit 2', async () => {
    const io = capture();
    assert.equal(await runCli(['--verbose'], io, COMMANDS), 2);
    assert.match(io.err, /unknown option "--verbose"/);
  });

  it('runs a subcommand with the remaining arguments', async () => {
    const io = capture();
    assert.equal(await runCli(['echo', 'a', 'b'], io, COMMANDS), 0);
    assert.deepEqual(calls, [['a', 'b']]);
    assert.equal(io.out, 'a b\n');
  });

  it('<command> --help prints the command usage, exit 0, without running it', async () => {
    const io = capture();
    assert.equal(await runCli(['echo', 'x', '--help'], io, COMMANDS), 0);
    assert.equal(io.out, 'Usage: defender-stream echo [words...]\n');
    assert.deepEqual(calls, []);
  });

  it('passes "--help" after "--" to the command', async () => {
    const io = capture();
    assert.equal(await runCli(['echo', '--', '--help'], io, COMMANDS), 0);
    assert.deepEqual(calls, [['--', '--help']]);
  });

  it('a usage error from a command: message and usage on stderr, exit 2', async () => {
    const io = capture();
    assert.equal(await runCli(['validate-things'], io, COMMANDS), 2);
    assert.equal(io.err, 'defender-stream validate-things: needs a file.\nUsage: defender-stream validate-things\n');
  });

  it('a failure in a command: redacted message on stderr, exit 1', async () => {
    const io = capture();
    assert.equal(await runCli(['fail'], io, COMMANDS), 1);
    assert.match(io.err, /^defender-stream fail: connect failed: /);
    assert.ok(!io.err.includes('TOPSECRET'), io.err);
    assert.match(io.err, /SharedAccessKey=\*\*\*/);
  });

  it('redacts everything a command prints and its usage errors', async () => {
    for (const name of ['print-secrets', 'usage-secret']) {
      const io = capture();
      await runCli([name], io, COMMANDS);
      assert.deepEqual(leakedRuns(io.out + io.err, KEY), [], `${name}: ${io.out}${io.err}`);
      assert.match(io.out + io.err, /SharedAccessKey=\*\*\*/);
    }
  });

  it("keeps readable only a local hub's loopback connection strings, on the stdout of the command that declares them", async () => {
    const io = capture();
    assert.equal(await runCli(['local-hub-like'], io, [LOCAL_HUB_LIKE]), 0);
    assert.ok(io.out.includes(`  hub: ${LOOPBACK}\n`), io.out);
    assert.ok(io.out.startsWith(`${REMOTE.replace(KEY, '***')}\n`), io.out);
    assert.deepEqual(leakedRuns(io.err, KEY), [], io.err);
  });

  it('warns once on stderr when the command line holds a connection string or key', async () => {
    for (const args of [
      ['echo', '--connection-string', REMOTE],
      ['echo', `--connection-string=${REMOTE}`, REMOTE],
      ['echo', 'x', `SharedAccessKey=${KEY}`],
      ['nope', 'Endpoint=sb://a/'],
    ]) {
      const io = capture();
      await runCli(args, io, COMMANDS);
      assert.equal(
        io.err.match(/warning: a connection string or key on the command line can be read by other users in process listings/g)?.length,
        1,
        `${args.join(' ')}: ${io.err}`,
      );
      assert.match(io.err, /DEFENDER_STREAM_CONNECTION_STRING/);
      assert.deepEqual(leakedRuns(io.out + io.err, KEY), [], `${args.join(' ')}: ${io.out}${io.err}`);
    }
    for (const args of [
      ['echo', '--connection-string', '-'],
      ['echo', '--connection-string=-'],
      ['echo', 'plain'],
      ['echo', '--connection-string', '--json'],
    ]) {
      const io = capture();
      await runCli(args, io, COMMANDS);
      assert.equal(io.err, '', args.join(' '));
    }
  });

  it('never repeats an unknown command or option that may be a key', async () => {
    for (const args of [[KEY], [`--${KEY}`], [KEY.replace(/[+/=]/g, '')]]) {
      const io = capture();
      assert.equal(await runCli(args, io, COMMANDS), 2);
      assert.match(
        io.err,
        /^defender-stream: unknown (command|option) \(not repeated here: it may hold a secret\)\. Run "defender-stream --help" for the list\.\n$/,
      );
      assert.deepEqual(leakedRuns(io.err, KEY), []);
    }
  });
});
