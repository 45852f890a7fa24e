import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/runCli';
import type { CliIo } from '../../../src/cli/types';
import { record } from './helpers';

interface Captured extends CliIo {
  out: string;
  err: string;
}

function capture(): Captured {
  const io = {
    out: '',
    err: '',
    stdout: { write: (text: string) => (io.out += text) },
    stderr: { write: (text: string) => (io.err += text) },
  };
  return io;
}

describe('cli: defender-stream validate', () => {
  let dir: string;
  let good: string;
  let bad: string;
  let warn: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dse-validate-'));
    good = path.join(dir, 'good.defender.json');
    writeFileSync(good, JSON.stringify({ records: [record('DeviceEvents')] }, null, 2));
    bad = path.join(dir, 'bad.defender.json');
    writeFileSync(bad, JSON.stringify({ records: [record('DeviceProcessEvents', { ProcessId: 'abc' }, { category: 'advancedhunting-deviceprocessevents' })] }, null, 2));
    warn = path.join(dir, 'warn.defender.ndjson');
    writeFileSync(warn, `${JSON.stringify(record('DeviceEvents'))}\n${JSON.stringify(record('DeviceEvents', { FileSize: '42' }))}\n`);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and prints nothing on stdout for a clean file', async () => {
    const io = capture();
    assert.equal(await runCli(['validate', good], io), 0);
    assert.equal(io.out, '');
    assert.match(io.err, /0 errors, 0 warnings in 1 file/);
  });

  it('prints compiler-style lines with 1-based positions and exits 1 on errors', async () => {
    const io = capture();
    assert.equal(await runCli(['validate', bad, warn], io), 1);
    const lines = io.out.trim().split('\n');
    assert.deepEqual(lines, [
      `${bad}:6:19: error DSE015 Wrong letter case in category "advancedhunting-deviceprocessevents": Defender writes "AdvancedHunting-DeviceProcessEvents".`,
      `${bad}:8:22: error DSE022 "ProcessId" is a long column; "abc" cannot be read as a number.`,
      `${warn}:2:${JSON.stringify(record('DeviceEvents', { FileSize: '42' })).indexOf('"42"') + 1}: warning DSE025 "FileSize" is a long column; Defender sends a JSON number, not the string "42".`,
    ]);
    assert.match(io.err, /2 errors, 1 warning in 2 files/);
  });

  it('exits 0 when there are only warnings', async () => {
    assert.equal(await runCli(['validate', warn], capture()), 0);
  });

  it('--json prints an array of {file,line,column,severity,code,message}', async () => {
    const io = capture();
    assert.equal(await runCli(['validate', '--json', bad], io), 1);
    const parsed = JSON.parse(io.out) as unknown[];
    assert.deepEqual(parsed[0], {
      file: bad,
      line: 6,
      column: 19,
      severity: 'error',
      code: 'DSE015',
      message: 'Wrong letter case in category "advancedhunting-deviceprocessevents": Defender writes "AdvancedHunting-DeviceProcessEvents".',
    });
    assert.equal(parsed.length, 2);
    const clean = capture();
    assert.equal(await runCli(['validate', good, '--json'], clean), 0);
    assert.deepEqual(JSON.parse(clean.out), []);
  });

  it('exits 2 on an unreadable file, still validating the others', async () => {
    const io = capture();
    assert.equal(await runCli(['validate', path.join(dir, 'missing.json'), bad], io), 2);
    assert.match(io.err, /cannot read .*missing\.json \(ENOENT\)/);
    assert.match(io.out, /DSE015/);
  });

  it('exits 2 on bad usage', async () => {
    assert.equal(await runCli(['validate'], capture()), 2);
    const io = capture();
    assert.equal(await runCli(['validate', '--strict', good], io), 2);
    assert.match(io.err, /unknown option "--strict"/);
  });

  it('is listed in --help', async () => {
    const io = capture();
    assert.equal(await runCli(['--help'], io), 0);
    assert.match(io.out, /validate +Check sample JSON/);
  });
});
