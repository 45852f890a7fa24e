// A tail's notices reach the Live Tail page: the extension side of the panel (LiveTailController) with a
// real session on the local hub; the host (VS Code) is scripted and records what is posted to the page.
import assert from 'node:assert/strict';
import { EventHubConsumerClient, latestEventPosition } from '@azure/event-hubs';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import { createTailSession } from '../../../src/tail/session';
import { recordSummary } from '../../../src/tail/summary';
import { LiveTailController, type LiveTailHost } from '../../../src/liveTail/liveTailController';
import type { HostToPage, NoticeMessage } from '../../../src/liveTail/shared/protocol';
import { HUB, targetOf, waitFor } from './support';

describe('tail: notices in the Live Tail panel (local hub, real client)', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;
  const others: Array<() => Promise<void>> = [];

  before(async () => {
    hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: 2 }] });
  });
  after(async () => {
    for (const close of others.splice(0)) await close().catch(() => undefined);
    await hub.stop();
  });

  it('shows the shared consumer group and a partition it may not read, and shows the newest again when the page reloads', async () => {
    // Another application holds the 5 readers partition 0 allows on $Default.
    for (let i = 0; i < 5; i++) {
      const client = new EventHubConsumerClient('$Default', hub.connectionStringFor(HUB), { retryOptions: { maxRetries: 0 } });
      const subscription = client.subscribe(
        '0',
        { processEvents: async () => undefined, processError: async () => undefined },
        { startPosition: latestEventPosition, maxWaitTimeInSeconds: 1 },
      );
      others.push(async () => (await subscription.close(), await client.close()));
    }
    await waitFor('5 readers', () => hub.openReceiverCount() === 5);

    const posted: HostToPage[] = [];
    const host: LiveTailHost = {
      post: (message) => void posted.push(message),
      copy: async () => undefined,
      openJson: async () => undefined,
      validate: async () => undefined,
      insertGetschema: async () => undefined,
      saveExport: async () => undefined,
    };
    const session = createTailSession(targetOf(hub));
    const controller = new LiveTailController({
      hub: { configId: 'test', hubName: HUB },
      hubLabel: `local / ${HUB}`,
      startPosition: 'latest',
      capacity: 100,
      knownTables: [],
      host,
      createSource: async () => session,
      summarize: recordSummary,
    });
    try {
      await controller.handleMessage({ type: 'ready' }); // the page is loaded when the session starts
      await controller.start();
      const notices = (): NoticeMessage[] => posted.filter((m): m is NoticeMessage => m.type === 'notice');
      await waitFor('the reader limit notice', () => notices().some((n) => /^Partition 0 is not tailed/.test(n.text)));
      const shared = notices().find((n) => /consumer group "\$Default", which it shares/.test(n.text));
      const limit = notices().find((n) => /^Partition 0 is not tailed/.test(n.text));
      assert.equal(shared?.level, 'info');
      assert.equal(limit?.level, 'error', 'a warning shows like an error');

      const before = notices().length;
      controller.setVisible(false);
      controller.setVisible(true);
      await controller.handleMessage({ type: 'ready' }); // the page loads again
      assert.equal(notices().length, before + 1);
      assert.equal(notices().at(-1)?.text, limit?.text);
    } finally {
      await controller.dispose();
    }
  });
});
