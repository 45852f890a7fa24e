// Tail to Editor without VS Code: the controller on a real tail session against the project's local hub
// (real Event Hubs client), with the VS Code side scripted as ports.
import assert from 'node:assert/strict';
import type { LocalHubServer } from '../../../src/localHub/index';
import {
  EditorTailController,
  RETRY,
  type EditorTailCommonOptions,
  type EditorTailPorts,
  type WindowProgressReport,
} from '../../../src/tail/editorTailController';
import type { TailSessionFactory } from '../../../src/tail/types';
import { TailRegistry } from '../../../src/tail/registry';
import { contiguous, HUB, message, record, startHub, targetOf, waitFor } from './support';
import { tried } from '../../support/reliabilityLog';

const AREA = 'Trust boundary';

interface Line {
  readonly table: string;
  readonly partitionId: string;
  readonly sequenceNumber: number;
  readonly record: { properties: { N: number } };
}

/** The VS Code side, scripted: every call is recorded; an error notification waits for `answer(...)`. */
function scriptedPorts(hub: () => LocalHubServer) {
  const logs: Array<{ level: string; message: string }> = [];
  const errors: Array<{ message: string; buttons: string[] }> = [];
  const notices: string[] = [];
  const progress: WindowProgressReport[] = [];
  const answers: Array<(choice: string | undefined) => void> = [];
  let changed = 0;
  const ports: EditorTailPorts = {
    changed: () => changed++,
    reveal: () => undefined,
    showError: (message, ...buttons) => {
      errors.push({ message, buttons });
      return new Promise((resolve) => answers.push(resolve));
    },
    showNotice: (_level, message) => notices.push(message),
    windowProgress: (report) => progress.push(report),
    resolveTarget: async () => targetOf(hub()),
    log: {
      info: (message) => logs.push({ level: 'info', message }),
      warn: (message) => logs.push({ level: 'warn', message }),
      error: (message) => logs.push({ level: 'error', message }),
    },
  };
  return {
    ports,
    logs,
    errors,
    notices,
    progress,
    changes: () => changed,
    /** Clicks a button of (or dismisses) the oldest notification still waiting. */
    answer: (choice: string | undefined) => answers.shift()?.(choice),
  };
}

describe('editor tail controller (local hub, real client)', function () {
  this.timeout(90_000);
  let hub: LocalHubServer;
  let registry: TailRegistry;
  const controllers: EditorTailController[] = [];

  const open = (
    options: Omit<EditorTailCommonOptions, 'registry' | 'start' | 'tables'> &
      Partial<Pick<EditorTailCommonOptions, 'start' | 'tables'>> & { readonly createSession?: TailSessionFactory },
  ): EditorTailController => {
    const controller = new EditorTailController({ target: targetOf(hub), registry, start: { kind: 'earliest' }, tables: [], ...options });
    controllers.push(controller);
    return controller;
  };
  const lines = (controller: EditorTailController): Line[] => controller.documentLines().map((l) => JSON.parse(l) as Line);
  const ns = (controller: EditorTailController): number[] => lines(controller).map((l) => l.record.properties.N);

  beforeEach(async () => {
    hub = await startHub(2);
    registry = new TailRegistry();
  });
  afterEach(async () => {
    await Promise.all(controllers.splice(0).map((c) => c.dispose()));
    await hub.stop();
  });

  it('appends the filtered records as NDJSON lines, in order, keeping the newest maxLines; a malformed message is logged, not written', async () => {
    for (let i = 0; i < 40; i++) {
      hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: i })) }], '0');
      if (i % 10 === 0) hub.append(HUB, [{ body: message(record('EmailEvents', { N: -1 })) }], '1');
    }
    hub.append(HUB, [{ body: '{"records": [ {"time": trunc' }], '1');
    const script = scriptedPorts(() => hub);
    const controller = open({ tables: ['DeviceProcessEvents'], maxLines: 25, ports: script.ports });
    assert.deepEqual(
      registry.all().map((t) => [t.kind, t.key]),
      [['editor', 'test/tail-test']],
    );

    await waitFor('the 40th record', () => ns(controller).at(-1) === 39);
    assert.deepEqual(
      ns(controller),
      Array.from({ length: 25 }, (_, i) => 15 + i),
      'the newest 25, oldest first',
    );
    const kept = lines(controller);
    assert.ok(kept.every((l) => l.table === 'DeviceProcessEvents' && l.partitionId === '0'));
    assert.ok(contiguous(kept.map((l) => l.sequenceNumber)), 'in the order of the partition');
    assert.ok(controller.text().endsWith('}\n') && controller.text().split('\n').length === 26, 'each line ends with a newline');
    assert.equal(Buffer.byteLength(controller.text()), controller.documentBytes);
    assert.ok(script.changes() > 0, 'the editor was told to read the document again');
    await waitFor('the malformed message logged', () =>
      script.logs.some((l) => l.level === 'warn' && /1 malformed message\(s\); the first: p1#4 not-json/.test(l.message)),
    );
    assert.equal(registry.latest()?.session, controller.session, 'the status bar counts it');
  });

  it('writes only the records that match its where expression, with its tables', async () => {
    for (let i = 0; i < 20; i++) hub.append(HUB, [{ body: message(record(i % 2 ? 'EmailEvents' : 'DeviceProcessEvents', { N: i })) }], '0');
    const script = scriptedPorts(() => hub);
    const controller = open({ tables: ['DeviceProcessEvents'], where: 'N >= 10 and N != 14', maxLines: 100, ports: script.ports });
    await waitFor('the last match', () => ns(controller).at(-1) === 18);
    assert.deepEqual(ns(controller), [10, 12, 16, 18]);
    assert.ok(script.logs.some((l) => l.level === 'info' && l.message.includes('DeviceProcessEvents, where N >= 10 and N != 14')));
  });

  it('with a time window, writes only what was enqueued from its start until its end, then stops by itself', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let i = 0; i < 3; i++) hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: i })) }], String(i % 2));
    await sleep(50);
    const from = new Date();
    await sleep(10);
    for (let i = 3; i < 9; i++) hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: i })) }], String(i % 2));
    await sleep(50);
    const until = new Date();
    await sleep(10);
    for (let i = 9; i < 12; i++) hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: i })) }], String(i % 2));
    const script = scriptedPorts(() => hub);
    const controller = open({ start: { kind: 'time', enqueuedAfter: from }, until, maxLines: 100, ports: script.ports });
    await waitFor('the window to be read', () =>
      script.notices.some((n) => /the time window is read \(6 records\); the tail stopped\./.test(n)),
    );
    assert.deepEqual(
      ns(controller).sort((a, b) => a - b),
      [3, 4, 5, 6, 7, 8],
    );
    assert.equal(controller.session.state.kind, 'stopped');
    assert.equal(registry.all().length, 0, 'no longer counted as running');
    hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: 99 })) }], '0');
    await sleep(300);
    assert.equal(ns(controller).length, 6);
    assert.ok(script.logs.some((l) => l.message.includes(`until ${until.toISOString()}`)));
  });

  it('with a window that ends after N matches, writes the first N matching records, then stops by itself and says so', async () => {
    for (let i = 0; i < 30; i++) hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: i })) }], '0');
    const script = scriptedPorts(() => hub);
    const controller = open({ where: 'N >= 10', maxMatches: 4, maxLines: 100, ports: script.ports });
    await waitFor('the matches to be read', () =>
      script.notices.some((n) => n === `Tail of ${HUB}: 4 matching records read; the tail stopped.`),
    );
    assert.deepEqual(ns(controller), [10, 11, 12, 13]);
    await waitFor('the session to stop', () => controller.session.state.kind === 'stopped');
    assert.equal(registry.all().length, 0, 'no longer counted as running');
    hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: 99 })) }], '0');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(ns(controller), [10, 11, 12, 13]);
    assert.ok(script.logs.some((l) => l.message.includes('until 4 matches')));
  });

  it("with a window of N matches that the hub does not hold, stops at the partitions' ends as they were, with the count", async () => {
    for (let i = 0; i < 6; i++) hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: i })) }], String(i % 2));
    const script = scriptedPorts(() => hub);
    const controller = open({ where: 'N >= 3', maxMatches: 10, maxLines: 100, ports: script.ports });
    await waitFor('the partitions to be read', () =>
      script.notices.some((n) =>
        /read up to where it ended when the tail started \(3 of 10 matching records\); the tail stopped\.$/.test(n),
      ),
    );
    assert.deepEqual(
      ns(controller).sort((a, b) => a - b),
      [3, 4, 5],
    );
    assert.ok(
      script.logs.some((l) => /window progress: p0 done \(end\), p1 done \(end\)/.test(l.message)),
      JSON.stringify(script.logs),
    );
    assert.equal(controller.session.state.kind, 'stopped');
    // The progress shown on screen: per partition, growing, and closed once read (said once, done).
    const shown = script.progress;
    assert.ok(shown.length >= 1, JSON.stringify(shown));
    assert.deepEqual(shown.at(-1), { text: 'p0 done (end), p1 done (end)', fraction: 1, done: true });
    assert.ok(
      shown.slice(0, -1).every((r) => !r.done && r.fraction >= 0 && r.fraction <= 1),
      JSON.stringify(shown),
    );
    for (let i = 1; i < shown.length; i++) assert.ok(shown[i]!.fraction >= shown[i - 1]!.fraction, 'never goes back');
    assert.equal(controller.readingWindow, false);
  });

  it('a window stopped before it is read (Cancel on its progress) keeps its lines, stops the tail and says so', async () => {
    for (let i = 0; i < 4; i++) hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: i })) }], '0');
    const script = scriptedPorts(() => hub);
    const controller = open({ maxMatches: 1000, where: 'N >= 0', maxLines: 100, ports: script.ports });
    assert.equal(controller.readingWindow, true);
    controller.stopWindow();
    await waitFor('the notice', () =>
      script.notices.some((n) => /^Tail of .*: stopped before the window was read \(\d+ records written\); the tail stopped\.$/.test(n)),
    );
    assert.equal(controller.readingWindow, false);
    assert.equal(script.progress.at(-1)?.done, true, 'the progress closes');
    await waitFor('the session to stop', () => controller.session.state.kind === 'stopped');
    assert.equal(registry.all().length, 0, 'no longer counted as running');
    const kept = ns(controller).length;
    hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: 99 })) }], '0');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(ns(controller).length, kept, 'nothing more is written');
  });

  it('keeps the document within its byte budget when records are 1 MB each', async () => {
    const budget = 5 * 1024 * 1024;
    const big = 'x'.repeat(1_000_000);
    for (let i = 0; i < 12; i++) hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: i, Blob: big })) }], '0');
    const script = scriptedPorts(() => hub);
    const controller = open({ maxLines: 5000, maxBytes: budget, ports: script.ports });

    await waitFor('the 12th record', () => ns(controller).at(-1) === 11, 60_000);
    const bytes = Buffer.byteLength(controller.text());
    assert.ok(bytes <= budget, `the document holds ${bytes} bytes`);
    assert.equal(controller.documentBytes, bytes);
    assert.deepEqual(ns(controller), [7, 8, 9, 10, 11], 'the newest lines that fit in 5 MiB, not 5,000 lines of 1 MB');
    tried({
      area: AREA,
      fault: 'Tail to Editor with records of 1 MB each',
      times: 1,
      outcome: 'the document stays within its byte budget, newest lines kept',
    });
  });

  it('says reconnecting when the hub stops, offers Retry when it gives up, and Retry resumes with no gap and no duplicate', async () => {
    const script = scriptedPorts(() => hub);
    const controller = open({ start: { kind: 'latest' }, maxLines: 1000, failAfterMs: 1500, ports: script.ports });
    await controller.session.whenLive();
    let sent = 0;
    const send = (count: number): void => {
      for (const end = sent + count; sent < end; sent++)
        hub.append(HUB, [{ body: message(record('DeviceProcessEvents', { N: sent })) }], String(sent % 2));
    };
    send(4);
    await waitFor('4 lines', () => controller.documentLines().length === 4);

    await hub.stop();
    await waitFor('the notification', () => script.errors.length === 1, 30_000);
    assert.match(script.errors[0].message, new RegExp(`^Tail of ${HUB} stopped: No connection for \\d+ s; last error: `));
    assert.deepEqual(script.errors[0].buttons, [RETRY]);
    assert.ok(
      script.logs.some((l) => l.level === 'warn' && /reconnecting: /.test(l.message)),
      'reconnecting was logged first',
    );
    assert.ok(script.logs.some((l) => l.level === 'error' && /failed: No connection for/.test(l.message)));
    assert.deepEqual(registry.list(), [], 'a failed tail is not counted as running');
    assert.equal(registry.all().length, 1, 'but its document is still open');
    await waitFor('no receivers once failed', () => hub.openReceiverCount() === 0);
    send(3); // while the tail has given up
    await hub.start();

    script.answer(RETRY);
    await waitFor('live again', () => controller.session.state.kind === 'live', 30_000);
    assert.equal(registry.latest()?.session, controller.session, 'counted again');
    send(2);
    await waitFor('9 lines', () => controller.documentLines().length >= 9, 30_000);
    const all = lines(controller);
    assert.deepEqual(
      all.map((l) => l.record.properties.N).sort((a, b) => a - b),
      Array.from({ length: 9 }, (_, i) => i),
      'every record once',
    );
    for (const partition of ['0', '1']) {
      const seq = all.filter((l) => l.partitionId === partition).map((l) => l.sequenceNumber);
      assert.equal(seq[0], 0);
      assert.ok(contiguous(seq), `partition ${partition}: ${seq.join(',')}`);
    }
    assert.equal(script.errors.length, 1, 'no "could not reconnect"');
    assert.ok(script.logs.some((l) => /reconnecting after Retry/.test(l.message)));
  });

  it('closing the document stops the session, releases its receivers and leaves the registry; a Retry chosen later does nothing', async () => {
    const script = scriptedPorts(() => hub);
    const live = open({ start: { kind: 'latest' }, maxLines: 100, ports: script.ports });
    const failing = open({ start: { kind: 'latest' }, maxLines: 100, failAfterMs: 1500, ports: script.ports });
    await Promise.all([live.session.whenLive(), failing.session.whenLive()]);
    await waitFor('a receiver per partition for each tail', () => hub.openReceiverCount() === 4);
    assert.equal(registry.list().length, 2);

    await live.dispose();
    await waitFor("the other tail's receivers only", () => hub.openReceiverCount() === 2);
    assert.equal(live.session.state.kind, 'stopped');
    assert.deepEqual(
      registry.all().map((t) => t.session),
      [failing.session],
    );

    await hub.stop();
    await waitFor('the notification', () => script.errors.length === 1, 30_000);
    await failing.dispose(); // closed while failed (a failed session stays "failed" when stopped)
    assert.deepEqual(registry.all(), []);
    await hub.start();
    script.answer(RETRY);
    await new Promise((resolve) => setImmediate(resolve)); // the notification's answer is handled
    await failing.retry();
    assert.equal(failing.session.state.kind, 'failed', 'not reconnected');
    assert.equal(script.errors.length, 1, 'nor any "could not reconnect" for a document that is gone');
    assert.equal(hub.openReceiverCount(), 0);
    assert.equal(failing.text(), '');
  });
});
