// defender-stream hunt against a local server that speaks runHuntingQuery's documented contract.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GRAPH_TOKEN_ENV } from '../../../src/cli/huntCommand';
import { runCli } from '../../../src/cli/runCli';
import { csvField, resultCsv } from '../../../src/graph/huntingFormat';
import { graphError, SAMPLE, startFakeGraph, TOKEN, type FakeGraph } from './fakeGraph';
import { capture } from '../cli/captureIo';

describe('defender-stream hunt', () => {
  let graph: FakeGraph;
  let dir: string;
  const saved = process.env[GRAPH_TOKEN_ENV];
  beforeEach(async () => {
    graph = await startFakeGraph();
    dir = mkdtempSync(path.join(os.tmpdir(), 'hunt-'));
    process.env[GRAPH_TOKEN_ENV] = TOKEN;
  });
  afterEach(async () => {
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env[GRAPH_TOKEN_ENV];
    else process.env[GRAPH_TOKEN_ENV] = saved;
  });

  const hunt = async (args: string[], stdinText?: string) => {
    const io = capture(stdinText);
    const code = await runCli(['hunt', '--graph-endpoint', graph.url, ...args], io);
    assert.ok(!io.out.includes(TOKEN) && !io.err.includes(TOKEN), 'the token is never printed');
    return { code, out: io.out, err: io.err };
  };

  it('--json prints the results array, with the token from the environment', async () => {
    const { code, out, err } = await hunt(['--query', 'DeviceInfo | take 2', '--timespan', 'P1D', '--json']);
    assert.equal(code, 0, err);
    assert.deepEqual(JSON.parse(out), SAMPLE.results);
    assert.equal(graph.seen[0].authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(graph.seen[0].body, { Query: 'DeviceInfo | take 2', Timespan: 'P1D' });
    assert.match(err, /^2 rows in \d+\.\d s\n$/);
  });

  it('--csv prints a header row and quotes, formula-safe', async () => {
    const file = path.join(dir, 'q.kql');
    writeFileSync(file, 'DeviceInfo\n| take 2\n');
    const { code, out } = await hunt(['--file', file, '--csv']);
    assert.equal(code, 0);
    assert.equal(
      out,
      'Timestamp,DeviceName,Count,AdditionalFields\r\n' +
        '2026-12-01T08:00:00Z,"pc-1, ""lab""",3,"{""a"":1}"\r\n' +
        `2026-12-01T08:01:00Z,"'=HYPERLINK(""x"")",-2,\r\n`,
    );
    assert.deepEqual(graph.seen[0].body, { Query: 'DeviceInfo\n| take 2' });
  });

  it('prints a readable table by default; the query can come from stdin', async () => {
    const { code, out } = await hunt(['--query', '-'], 'DeviceInfo | take 2');
    assert.equal(code, 0);
    const lines = out.trimEnd().split('\n');
    assert.match(lines[0], /^Timestamp\s+DeviceName\s+Count\s+AdditionalFields$/);
    assert.match(lines[1], /^-+\s+-+/);
    assert.match(lines[2], /^2026-12-01T08:00:00Z\s+pc-1, "lab"\s+3\s+\{"a":1\}$/);
    assert.equal(lines.length, 4);
  });

  it('exit 1 with the service message on stderr for a query error', async () => {
    graph.script(graphError(400, 'BadRequest', 'Failed to resolve table expression named DeviceInf'));
    const { code, out, err } = await hunt(['--query', 'DeviceInf']);
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /^defender-stream hunt: Advanced Hunting rejected the query \(400\)\. The service said: Failed to resolve table/);
  });

  it('exit 1 naming the permission on 403', async () => {
    graph.script(graphError(403, 'Forbidden', 'Missing role'));
    const { code, err } = await hunt(['--query', 'DeviceInfo']);
    assert.equal(code, 1);
    assert.match(err, /ThreatHunting\.Read\.All/);
  });

  it('exit 2 on bad usage', async () => {
    for (const args of [
      [],
      ['--query', 'a', '--file', 'b'],
      ['--query', 'a', '--json', '--csv'],
      ['--query', 'a', '--timespan', '1 day'],
      ['--query', ' '],
    ]) {
      const { code, err } = await hunt(args);
      assert.equal(code, 2, `${args.join(' ')}: ${err}`);
      assert.match(err, /Usage: defender-stream hunt/);
    }
    const io = capture();
    assert.equal(await runCli(['hunt', '--query', 'x', '--graph-endpoint', 'https://microsoftgraph.chinacloudapi.cn'], io), 2);
    assert.match(io.err, /Azure China/);
    assert.equal(await runCli(['hunt', '--query', 'x', '--graph-endpoint', 'https://attacker.example'], capture()), 2);
    assert.equal(graph.seen.length, 0);
  });
});

describe('hunting CSV', () => {
  it('quotes commas, quotes and line breaks; neutralises formulas in strings only', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('line\nbreak'), '"line\nbreak"');
    assert.equal(csvField('+cmd'), "'+cmd");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField(-5), '-5');
    assert.equal(csvField(null), '');
    assert.equal(csvField(true), 'true');
  });

  it('adds columns a row carries that the schema lacks', () => {
    assert.equal(resultCsv({ schema: [{ name: 'A', type: 'Int64' }], results: [{ A: 1, B: 'x' }] }), 'A,B\r\n1,x\r\n');
  });
});
