import assert from 'node:assert/strict';
import { EventHubConsumerClient, earliestEventPosition } from '@azure/event-hubs';
import { runCli } from '../../../src/cli/runCli';
import { FAST_RETRY, until } from './support';

function capture(): {
  io: { stdout: { write(t: string): boolean }; stderr: { write(t: string): boolean } };
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (t: string) => ((out += t), true) }, stderr: { write: (t: string) => ((err += t), true) } },
    out: () => out,
    err: () => err,
  };
}

describe('CLI: defender-stream local-hub', () => {
  it('prints the connection strings once listening, serves traffic, and stops on abort', async () => {
    const c = capture();
    const controller = new AbortController();
    const done = runCli(['local-hub', '--rate', '400', '--partitions', '2', '--seed', '5', '--tables', 'DeviceProcessEvents,EmailEvents'], {
      ...c.io,
      signal: controller.signal,
    });
    let consumer: EventHubConsumerClient | undefined;
    try {
      await until(() => c.out().includes('Press Ctrl+C'), 'the banner');
      const match =
        /^ {2}defender-stream: (Endpoint=sb:\/\/127\.0\.0\.1:\d+;.*UseDevelopmentEmulator=true;EntityPath=defender-stream)$/m.exec(c.out());
      assert.ok(match, c.out());
      assert.match(
        c.out(),
        /Namespace connection string: Endpoint=sb:\/\/127\.0\.0\.1:\d+;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=[^;]+;UseDevelopmentEmulator=true\n/,
      );
      consumer = new EventHubConsumerClient('$Default', match[1], { retryOptions: FAST_RETRY });
      const categories = new Set<string>();
      await new Promise<void>((resolve) => {
        const sub = consumer!.subscribe(
          {
            processEvents: async (events) => {
              for (const e of events)
                for (const r of (e.body as { records: Array<{ category: string }> }).records) categories.add(r.category);
              if (categories.size === 2) {
                await sub.close();
                resolve();
              }
            },
            processError: async () => undefined,
          },
          { startPosition: earliestEventPosition, maxBatchSize: 200, maxWaitTimeInSeconds: 0.3 },
        );
      });
      assert.deepEqual([...categories].sort(), ['AdvancedHunting-DeviceProcessEvents', 'AdvancedHunting-EmailEvents']);
    } finally {
      await consumer?.close();
      controller.abort();
    }
    assert.equal(await done, 0);
    assert.match(c.out(), /Local hub stopped after generating \d+ records/);
  });

  it('creates one hub per table with --per-table', async () => {
    const c = capture();
    const controller = new AbortController();
    const done = runCli(['local-hub', '--per-table', '--rate', '0', '--tables', 'EmailEvents,DeviceInfo'], {
      ...c.io,
      signal: controller.signal,
    });
    await until(() => c.out().includes('Press Ctrl+C'), 'the banner');
    controller.abort();
    assert.equal(await done, 0);
    assert.match(c.out(), /insights-logs-advancedhunting-emailevents: Endpoint=/);
    assert.match(c.out(), /insights-logs-advancedhunting-deviceinfo: Endpoint=/);
    assert.match(c.out(), /Traffic: none/);
  });

  for (const [label, args] of [
    ['an unknown option', ['--nope']],
    ['a bad port', ['--port', 'abc']],
    ['a port out of range', ['--port', '70000']],
    ['an unknown table', ['--tables', 'DeviceProcesEvents']],
    ['--hubs with --per-table', ['--hubs', 'a', '--per-table']],
    ['a negative rate', ['--rate', '-1']],
    ['a rate above 20,000', ['--rate', '20001']],
    ['a bad --bad-rate', ['--bad-rate', '2']],
  ] as const) {
    it(`exits 2 with the usage on ${label}`, async () => {
      const c = capture();
      // Already aborted: a command that wrongly accepted the arguments returns at once instead of serving.
      const signal = AbortSignal.abort();
      assert.equal(await runCli(['local-hub', ...args], { ...c.io, signal }), 2);
      assert.match(c.err(), /Usage: defender-stream local-hub/);
    });
  }

  it('suggests the table name on a typo', async () => {
    const c = capture();
    await runCli(['local-hub', '--tables', 'DeviceProcesEvents'], c.io);
    assert.match(c.err(), /Did you mean "DeviceProcessEvents"/);
  });
});
