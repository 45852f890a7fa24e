import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/runCli';
import { parseFrom, parseTailArgs } from '../../../src/cli/tailCommand';
import type { LocalHubServer } from '../../../src/localHub/index';
import { HUB, message, record, startHub, waitFor } from './support';

function captureIo(signal?: AbortSignal) {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, signal } };
}

const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('CLI tail', function () {
  this.timeout(30_000);
  let hub: LocalHubServer;
  let cs: string;
  before(async () => {
    hub = await startHub(2);
    cs = hub.connectionStringFor(HUB);
    hub.append(HUB, [
      { body: message(record('DeviceProcessEvents', { FileName: 'cmd.exe', ProcessCommandLine: 'cmd /c whoami' })) },
      { body: message(record('EmailEvents', { Subject: 'Quarterly invoice', SenderFromAddress: 'billing@fabrikam.com' })) },
      {
        body: message(
          record('DeviceProcessEvents', {
            FileName: 'evil\u001b[2J\u001b]0;pwned\u0007.exe',
            ProcessCommandLine: '<img src=x onerror=alert(1)> \u202etxt.exe \u009b31m',
          }),
        ),
      },
      { body: 'this is not json' },
      { body: message(record('AlertInfo', { Title: 'Suspicious PowerShell', Severity: 'High' })) },
    ]);
  });
  after(async () => hub.stop());

  async function tail(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const { out, io } = captureIo();
    const code = await runCli(['tail', '--connection-string', cs, '--from', 'earliest', ...args], io);
    return { code, ...out };
  }

  it('prints NDJSON with --json, malformed messages and a summary on stderr, and stops at --duration', async () => {
    const { code, stdout, stderr } = await tail(['--json', '--duration', '3']);
    assert.equal(code, 0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 4);
    for (const l of lines) {
      assert.equal(typeof l.table, 'string');
      assert.match(l.partitionId, /^[01]$/);
      assert.equal(typeof l.sequenceNumber, 'number');
      assert.equal(l.record.category, `AdvancedHunting-${l.table}`);
    }
    assert.match(stderr, /malformed message p\d#\d+ \(not-json\)/);
    assert.match(stderr, /records in \d+ events/);
    assert.doesNotMatch(stdout, RAW_UNSAFE);
  });

  it('stops at --limit', async () => {
    const { code, stdout } = await tail(['--json', '--limit', '2']);
    assert.equal(code, 0);
    assert.equal(stdout.trim().split('\n').length, 2);
  });

  it('starts at sequence numbers or offsets per partition (--from seq:... / offset:...)', async () => {
    for (const from of ['seq:0:0,1:0', 'offset:0:0,1:0']) {
      const { out, io } = captureIo();
      const code = await runCli(['tail', '--connection-string', cs, '--from', from, '--json', '--limit', '4'], io);
      assert.equal(code, 0, out.stderr);
      const lines = out.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { sequenceNumber: number });
      assert.equal(lines.length, 4, from);
    }
  });

  it('filters by --tables and --grep', async () => {
    const byTable = await tail(['--json', '--tables', 'deviceprocessevents', '--duration', '3']);
    const tables = byTable.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).table);
    assert.deepEqual(tables, ['DeviceProcessEvents', 'DeviceProcessEvents']);
    const byText = await tail(['--json', '--grep', 'FABRIKAM', '--limit', '1']);
    assert.equal(JSON.parse(byText.stdout.trim()).record.properties.Subject, 'Quarterly invoice');
  });

  it('filters by --where, together with --tables', async () => {
    const byWhere = await tail(['--json', '--where', 'FileName =~ "CMD.EXE" or Severity == "High"', '--duration', '3']);
    const names = byWhere.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).table)
      .sort();
    assert.deepEqual(names, ['AlertInfo', 'DeviceProcessEvents']);
    const both = await tail(['--json', '--tables', 'AlertInfo', '--where', 'Title has "powershell"', '--limit', '1']);
    assert.equal(JSON.parse(both.stdout.trim()).record.properties.Severity, 'High');
  });

  it('refuses an invalid --where with the reason and where it is', async () => {
    const { code, stderr } = await tail(['--where', 'FileName ==']);
    assert.equal(code, 2);
    assert.match(stderr, /"--where": expected a value after '==' \(at column 12\):\n  FileName ==\n {13}\^/);
  });

  it('prints one readable line per record with hostile characters escaped', async () => {
    const { code, stdout, stderr } = await tail(['--tables', 'DeviceProcessEvents,AlertInfo', '--limit', '3']);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.doesNotMatch(stdout, RAW_UNSAFE);
    assert.doesNotMatch(stderr, RAW_UNSAFE);
    assert.ok(lines.some((l) => l.includes('DeviceProcessEvents') && l.includes('cmd.exe') && /\[p\d#\d+\]$/.test(l)));
    assert.ok(
      lines.some((l) => l.includes('evil\\u001b[2J\\u001b]0;pwned\\u0007.exe') && l.includes('\\u202etxt.exe') && l.includes('\\u009b31m')),
    );
    assert.ok(lines.some((l) => l.includes('AlertInfo') && l.includes('High · Suspicious PowerShell')));
  });

  it('stops when its signal aborts, and reads the connection string from the environment', async () => {
    const controller = new AbortController();
    const { out, io } = captureIo(controller.signal);
    const { runTail } = await import('../../../src/cli/tailCommand');
    const running = runTail(['--json'], io, { DEFENDER_STREAM_CONNECTION_STRING: cs });
    await new Promise((r) => setTimeout(r, 800));
    hub.append(HUB, [{ body: message(record('UrlClickEvents', { AccountUpn: 'a@contoso.com', Url: 'https://x' })) }]);
    await waitFor('the new record', () => out.stdout.includes('UrlClickEvents'));
    controller.abort();
    assert.equal(await running, 0);
    assert.equal(out.stdout.trim().split('\n').length, 1);
    assert.ok(!out.stderr.includes(cs.split('SharedAccessKey=')[1].split(';')[0]));
  });

  it('exits 2 with the usage on bad input', async () => {
    for (const args of [
      ['tail'],
      ['tail', '--connection-string', 'nonsense'],
      ['tail', '--connection-string', cs, '--from', 'yesterday'],
      ['tail', '--connection-string', cs, '--tables', 'DeviceProcesEvents'],
      ['tail', '--connection-string', cs, '--limit', '0'],
      ['tail', '--connection-string', cs, '--bogus'],
    ]) {
      const { out, io } = captureIo();
      const code = await runCli(args, io);
      assert.equal(code, 2, `${args.join(' ')} → ${out.stderr}`);
      assert.match(out.stderr, /Usage: defender-stream tail/);
    }
    const { out, io } = captureIo();
    await runCli(['tail', '--connection-string', cs, '--tables', 'DeviceProcesEvents'], io);
    assert.match(out.stderr, /Did you mean DeviceProcessEvents/);
  });

  it('fails with exit code 1 and a clear message on a wrong key', async () => {
    const { out, io } = captureIo();
    const wrong = cs.replace(/SharedAccessKey=[^;]+/, 'SharedAccessKey=bm9wZQ==');
    const code = await runCli(['tail', '--connection-string', wrong], io);
    assert.equal(code, 1);
    assert.match(out.stderr, /defender-stream tail: The key was rejected \(401\)/);
    assert.ok(!out.stderr.includes('bm9wZQ=='));
  });

  it('parses start positions and needs a hub', () => {
    assert.deepEqual(parseFrom('latest'), { kind: 'latest' });
    assert.deepEqual(parseFrom('earliest'), { kind: 'earliest' });
    assert.deepEqual(parseFrom('2025-01-31T08:00:00Z'), { kind: 'time', enqueuedAfter: new Date('2025-01-31T08:00:00Z') });
    assert.deepEqual(parseFrom('15m', 1_000_000), { kind: 'time', enqueuedAfter: new Date(100_000) });
    assert.deepEqual(parseFrom('seq:0:1200,1:980'), { kind: 'sequence', sequenceNumbers: { '0': 1200, '1': 980 } });
    assert.deepEqual(parseFrom('offset:0:4096'), { kind: 'offset', offsets: { '0': '4096' } });
    assert.throws(() => parseFrom('seq:0:x'), /"--from seq:": "0:x" is not partition:sequence/);
    assert.throws(() => parseFrom('offset:0:1x'), /"--from offset:": "0:1x" is not partition:offset/);
    assert.throws(() => parseFrom("offset:0:1' or 1=1"), /"--from offset:": not partition:offset pairs\.$/);
    const namespaceLevel = cs.replace(/;EntityPath=[^;]+/, '');
    assert.throws(() => parseTailArgs(['--connection-string', namespaceLevel], {}), /--hub/);
    assert.equal(parseTailArgs(['--connection-string', namespaceLevel, '--hub', 'other'], {}).target.hubName, 'other');
  });
});
