// Journeys of issue 10 (reliability) in the real VS Code: a live tail on a hub whose server goes down
// shows "Reconnecting…" and then "Live" again, and counts every record sent meanwhile exactly once;
// when the hub stays down past `defenderStream.tail.reconnectTimeout` the panel says why it stopped
// and offers Retry, which resumes where the tail was (the editor tail offers it on its error message).
// Closing the panel, closing the editor tail and
// reloading the window each release the AMQP links the tail held (the local hub counts them).
import assert from 'node:assert/strict';
import { startLocalHub, type LocalHub } from '../../../src/localHub';
import { addHubByConnectionString, waitForPrompt, waitUntil } from '../support/hubFlows';
import { sleep } from '../support/probe';
import { useWorkbench } from '../support/session';
import { LiveTailPage } from '../support/tailPage';

const HUB = 'flaky-hub';
const PARTITIONS = 2;
const TAB = `Live Tail: Flaky / ${HUB}`;
/** Seconds a tail keeps reconnecting (the setting's minimum is 5; the default is 60). */
const RECONNECT_TIMEOUT = 8;

describe('Reliability: a live tail through a hub that goes down', function () {
  const ctx = useWorkbench({ journey: 'reliability', settings: { 'defenderStream.tail.reconnectTimeout': RECONNECT_TIMEOUT } });
  let hub: LocalHub;
  let tail: LiveTailPage;
  /** Records appended to the hub so far (one record per event, alternating partitions). */
  let sent = 0;

  before(async () => {
    hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: PARTITIONS }] });
  });
  after(() => hub?.stop());

  function send(count: number): void {
    for (let i = 0; i < count; i++, sent++) {
      const record = {
        time: new Date().toISOString(),
        tenantId: '00000000-0000-0000-0000-000000000000',
        operationName: 'Publish',
        category: 'AdvancedHunting-DeviceEvents',
        properties: { Timestamp: new Date().toISOString(), DeviceName: `wks-${sent}`, ActionType: 'Test', ReportId: sent },
      };
      hub.append(HUB, [{ body: Buffer.from(JSON.stringify({ records: [record] }), 'utf8') }], String(sent % PARTITIONS));
    }
  }

  /** Waits until the panel has counted exactly every record sent, and that it stays so (no duplicate comes late). */
  async function expectAllReceived(timeout = 30_000): Promise<void> {
    await waitUntil(`the panel to count all ${sent} records`, async () => (await tail.totals()).received >= sent, timeout);
    await sleep(1500);
    const totals = await tail.totals();
    assert.deepEqual(totals, { received: sent, shown: sent, malformed: 0 });
  }

  it('starts a tail on the hub and counts what arrives', async () => {
    const wb = ctx.workbench;
    await wb.activityBar.open('Defender Stream');
    await addHubByConnectionString(wb, { connectionString: hub.connectionStringFor(HUB), label: 'Flaky' });
    const view = wb.view('Event Hubs');
    await waitUntil(
      'the hub to be connected',
      async () => /2 partitions/.test((await view.items()).find((i) => i.label === HUB)?.description ?? ''),
      30_000,
    );
    await view.clickInlineAction(HUB, 'Start Live Tail');
    tail = new LiveTailPage(wb, TAB);
    await tail.waitLive();
    // "Live" means every partition's receiver is open.
    await waitUntil('a receiver per partition', () => hub.openReceiverCount() === PARTITIONS, 10_000);
    send(10);
    await expectAllReceived();
  });

  it('shows "Reconnecting…" while the hub is down and "Live" after, with nothing lost or counted twice', async () => {
    const wb = ctx.workbench;
    await hub.stop();
    await waitUntil('the panel to say it is reconnecting', async () => /^Reconnecting…/.test(await tail.connectionState()), 30_000);
    assert.notEqual(await tail.buttonLabel('#connection-detail'), '', 'the reconnecting state names the last error');
    await wb.screenshot('tail-reconnecting');
    send(10); // enqueued while the tail is cut off
    await hub.start();
    await tail.waitLive(30_000);
    send(10);
    await expectAllReceived();

    // Connections dropped under the tail's feet, twice, with records in between.
    for (let i = 0; i < 2; i++) {
      hub.dropAllConnections();
      send(5);
      await sleep(500);
    }
    await tail.waitLive(30_000);
    send(5);
    await expectAllReceived();
    assert.equal(await tail.connectionState(), 'Live');
  });

  it(`gives up after ${RECONNECT_TIMEOUT} s with the last error and Retry, which resumes where the tail was`, async () => {
    const wb = ctx.workbench;
    await hub.stop();
    await waitUntil('the panel to give up', async () => (await tail.connectionState()) === 'Failed', (RECONNECT_TIMEOUT + 30) * 1000);
    assert.match(await tail.buttonLabel('#connection-detail'), /^No connection for \d+ s; last error: .+/);
    assert.ok(await (await tail.frame()).locator('#retry').isVisible(), 'Retry is offered');
    // The status bar no longer counts a tail that gave up.
    await waitUntil(
      'the tail to leave the status bar',
      async () => !(await wb.statusBarTexts()).some((t) => /^(Tail|\d+ tails): /.test(t)),
      10_000,
    );
    await wb.screenshot('tail-failed-retry');

    send(10); // arrives while the tail has given up
    await hub.start();
    await tail.click('#retry');
    await tail.waitLive(30_000);
    assert.ok(await (await tail.frame()).locator('#retry').isHidden());
    send(5);
    // The records sent before the failure are still in the list, and those sent meanwhile arrive: nothing skipped.
    await expectAllReceived();
    await waitUntil(
      'the status bar to count the tail again',
      async () => (await wb.statusBarTexts()).some((t) => /^Tail: \d/.test(t)),
      10_000,
    );
  });

  it('closing the panel releases every receiver link', async () => {
    const wb = ctx.workbench;
    assert.equal(hub.openReceiverCount(), PARTITIONS);
    await tail.frame(); // brings the panel's tab to the front
    await wb.runCommand('View: Close Editor');
    await waitUntil('the panel tab to close', async () => !(await wb.editor.tabs()).some((t) => t.title === TAB));
    await waitUntil('the hub to report no open receivers', () => hub.openReceiverCount() === 0, 20_000);
  });

  it('the editor tail offers Retry when it gives up, resumes where its document left off, and closing it releases its links', async () => {
    const wb = ctx.workbench;
    const view = wb.view('Event Hubs');
    await (await view.contextMenu(HUB)).select('Tail to Editor');
    await waitForPrompt(wb, 'Tables to show');
    await wb.quickInput.pickMany([]);
    await waitForPrompt(wb, 'Where (optional)');
    await wb.quickInput.submit('');
    await waitForPrompt(wb, 'Where should the tail start reading?');
    await wb.quickInput.pick('Latest');
    await waitUntil('a receiver per partition for the editor tail', () => hub.openReceiverCount() === PARTITIONS, 30_000);
    const doc = await wb.editor.document((e) => e.uri.startsWith('defender-stream-tail:'), 30_000);
    const lines = async (): Promise<string[]> => ((await wb.probe.activeEditor())?.text ?? '').split('\n').filter((l) => l !== '');
    const reportIds = async (): Promise<number[]> =>
      (await lines()).map((l) => (JSON.parse(l) as { record: { properties: { ReportId: number } } }).record.properties.ReportId);
    await sleep(500);
    const first = sent;
    send(4);
    await wb.editor.document((e) => e.uri === doc.uri && e.text.split('\n').filter((l) => l !== '').length === 4, 30_000);

    await hub.stop();
    const notice = await wb.notifications.waitFor(`Tail of ${HUB} stopped: No connection for`, (RECONNECT_TIMEOUT + 30) * 1000);
    assert.ok(notice.buttons.includes('Retry'), JSON.stringify(notice));
    await wb.screenshot('editor-tail-retry');
    send(3); // while the tail has given up
    await hub.start();
    await wb.notifications.clickButton(`Tail of ${HUB} stopped`, 'Retry');
    await waitUntil('the editor tail to reconnect', () => hub.openReceiverCount() === PARTITIONS, 30_000);
    send(2);
    const expected = Array.from({ length: sent - first }, (_, i) => first + i);
    await waitUntil(`the document to hold all ${expected.length} records`, async () => (await lines()).length >= expected.length, 30_000);
    await sleep(1000);
    assert.deepEqual(
      (await reportIds()).sort((a, b) => a - b),
      expected,
      'every record once, none skipped while the tail was down',
    );

    await wb.runCommand('View: Close Editor');
    await waitUntil('the hub to report no open receivers', () => hub.openReceiverCount() === 0, 20_000);
  });

  it('reloading the window releases the old links; the restored panel holds one per partition', async () => {
    const wb = ctx.workbench;
    await wb.view('Event Hubs').clickInlineAction(HUB, 'Start Live Tail');
    tail = new LiveTailPage(wb, TAB);
    await tail.waitLive();
    await waitUntil('a receiver per partition', () => hub.openReceiverCount() === PARTITIONS, 10_000);
    // "Live" comes after the page's init, when the page has handed VS Code the state (its hub) that
    // the serializer restores the panel from; VS Code saves the open editors with it on reload.
    await wb.reloadWindow();
    // The panel comes back (restored by its serializer) and tails again; the old window's links are gone.
    await new LiveTailPage(wb, TAB).waitLive(60_000);
    await waitUntil('exactly one receiver per partition after the reload', () => hub.openReceiverCount() === PARTITIONS, 20_000);
    await sleep(2000);
    assert.equal(hub.openReceiverCount(), PARTITIONS);
  });
});
