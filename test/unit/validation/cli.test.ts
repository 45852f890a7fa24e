import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/runCli';
import { record } from './helpers';
import { capture } from '../cli/captureIo';

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
    writeFileSync(
      bad,
      JSON.stringify(
        { records: [record('DeviceProcessEvents', { ProcessId: 'abc' }, { category: 'advancedhunting-deviceprocessevents' })] },
        null,
        2,
      ),
    );
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
      message:
        'Wrong letter case in category "advancedhunting-deviceprocessevents": Defender writes "AdvancedHunting-DeviceProcessEvents".',
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

  it('reports a file nested 100,000 levels deep (arrays, objects, NDJSON) instead of crashing', async () => {
    const files = {
      'deep-arrays.defender.json': '['.repeat(100_000) + ']'.repeat(100_000),
      'deep-objects.defender.json': '{"records":[' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) + ']}',
      'deep.defender.ndjson': `${JSON.stringify(record('DeviceEvents'))}\n${'['.repeat(100_000)}\n`,
    };
    const names = Object.entries(files).map(([name, text]) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    });
    const io = capture();
    assert.equal(await runCli(['validate', ...names], io), 1);
    assert.deepEqual(
      io.out
        .trim()
        .split('\n')
        .map((l) => l.replace(/ Nested .*/, '')),
      [
        `${names[0]}:1:67: error DSE008`,
        `${names[1]}:1:${'{"records":['.length + 64 * 5 + 1}: error DSE008`,
        `${names[2]}:2:67: error DSE008`,
      ],
    );
    assert.match(io.err, /3 errors, 0 warnings in 3 files/);
  });

  it('prints every finding of a file with 150,000 of them (no stack overflow collecting them)', async () => {
    const properties = Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`NotAColumn${i}`, 1]));
    const many = path.join(dir, 'many.defender.json');
    writeFileSync(many, JSON.stringify({ records: [record('DeviceEvents', properties)] }));
    const io = capture();
    assert.equal(await runCli(['validate', many], io), 0);
    assert.equal(io.out.split('\n').filter((l) => l.includes(' info DSE020 ')).length, 150_000);
    assert.match(io.err, /0 errors, 1 warning in 1 file/); // DSE006: the file is over 1 MB
  });

  it('is listed in --help', async () => {
    const io = capture();
    assert.equal(await runCli(['--help'], io), 0);
    assert.match(io.out, /validate +Check sample JSON/);
  });
});
