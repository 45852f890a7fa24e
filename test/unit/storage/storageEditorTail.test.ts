// Tail to Editor on a Storage source (the same controller as a hub's): a StorageTailSession against Azurite,
// registered under the storage tail's ids, its Retry reconnecting without a hub target.
import { parseStorageConnection } from '../../../src/storage/account';
import assert from 'node:assert/strict';
import type { BlobStore } from '../../../src/storage/blobStore';
import { floorHour } from '../../../src/storage/layout';
import { createBlobStore } from '../../../src/storage/sdkBlobStore';
import { StorageTailSession } from '../../../src/storage/storageTailSession';
import { storageTailIds, storageTailLabel } from '../../../src/storage/tailRef';
import { EditorTailController, RETRY, type EditorTailPorts, type EditorTailSource } from '../../../src/tail/editorTailController';
import { TailRegistry } from '../../../src/tail/registry';
import { startOfCurrentHour } from '../../../src/tail/startSetting';
import { storageRecord, useAzuriteExport, waitFor } from './support';

const T = 'DeviceProcessEvents';

describe('Tail to Editor on a Storage source (Azurite)', function () {
  this.timeout(60_000);
  const ctx = useAzuriteExport();
  const controllers = ctx.running as EditorTailController[];

  function scriptedPorts() {
    const logs: string[] = [];
    const errors: Array<{ message: string; buttons: string[] }> = [];
    const answers: Array<(choice: string | undefined) => void> = [];
    const ports: EditorTailPorts = {
      changed: () => undefined,
      reveal: () => undefined,
      showError: (message, ...buttons) => {
        errors.push({ message, buttons });
        return new Promise((resolve) => answers.push(resolve));
      },
      showNotice: () => undefined,
      log: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    };
    return { ports, logs, errors, answer: (choice: string | undefined) => answers.shift()?.(choice) };
  }

  /** The source as src/vscode/storage/storageTails.ts builds it, with `stores` handing out each session's store in turn. */
  function source(stores: Array<() => Promise<BlobStore>>): EditorTailSource {
    const ref = { accountId: 'ctx.azurite-1', tables: [T] };
    const label = storageTailLabel('Azurite', ref.tables);
    return {
      ...storageTailIds(ref),
      label,
      startSession: (options) =>
        new StorageTailSession({
          account: ctx.account,
          label,
          tables: ref.tables,
          store: () => (stores.length > 1 ? stores.shift()! : stores[0])(),
          pollIntervalMs: 50,
          emitIntervalMs: 10,
          ...options,
        }),
    };
  }

  it("writes the current hour's records from its start as NDJSON, under the storage tail's key, and what is appended after", async () => {
    const hour = floorHour(Date.now());
    await ctx.writer.appendRecords(T, hour - 3_600_000, [storageRecord(T, 0)]);
    await ctx.writer.append(
      T,
      hour,
      `${JSON.stringify(storageRecord(T, 1))}\nnot a record\n${JSON.stringify(storageRecord(T, 2)).slice(0, 40)}`,
    );
    const registry = new TailRegistry();
    const script = scriptedPorts();
    const controller = new EditorTailController({
      source: source([() => createBlobStore(ctx.account)]),
      tables: [],
      start: startOfCurrentHour(),
      maxLines: 100,
      registry,
      ports: script.ports,
    });
    controllers.push(controller);
    assert.deepEqual(
      registry.all().map((t) => [t.kind, t.key]),
      [['editor', 'storage:ctx.azurite-1/deviceprocessevents']],
    );
    assert.equal(controller.session.label, 'Azurite / DeviceProcessEvents');
    const reportIds = () =>
      controller.documentLines().map((l) => (JSON.parse(l) as { record: { properties: { ReportId: number } } }).record.properties.ReportId);
    await waitFor('the hour from its start', () => reportIds().length === 1);
    await ctx.writer.append(T, hour, `${JSON.stringify(storageRecord(T, 2)).slice(40)}\n${JSON.stringify(storageRecord(T, 3))}\n`);
    await waitFor('the cut line, whole, and the next', () => reportIds().length === 3);
    assert.deepEqual(reportIds(), [1, 2, 3]);
    const first = JSON.parse(controller.documentLines()[0]) as { table: string; partitionId: string; sequenceNumber: number };
    assert.equal(first.table, T);
    assert.match(first.partitionId, /^insights-logs-advancedhunting-deviceprocessevents\/tenantId=.+\/PT1H\.json$/);
    assert.equal(first.sequenceNumber, 0);
    await waitFor('the malformed line logged', () => script.logs.some((l) => /1 malformed message\(s\)/.test(l)));
  });

  it('offers Retry after a permanent failure and reconnects the same session (no hub target needed)', async () => {
    const hour = floorHour(Date.now());
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 1)]);
    const wrongKey = parseStorageConnection(
      ctx.azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.alloc(64, 7).toString('base64')}`),
    );
    const script = scriptedPorts();
    const controller = new EditorTailController({
      source: source([() => createBlobStore(wrongKey), () => createBlobStore(ctx.account)]),
      tables: [],
      start: { kind: 'earliest' },
      maxLines: 100,
      registry: new TailRegistry(),
      ports: script.ports,
    });
    controllers.push(controller);
    await waitFor('the failure', () => script.errors.length === 1);
    assert.match(script.errors[0].message, /^Tail of DeviceProcessEvents stopped: The account key was rejected/);
    assert.deepEqual(script.errors[0].buttons, [RETRY]);
    script.answer(RETRY);
    await waitFor('the record after Retry', () => controller.documentLines().length === 1);
    assert.equal(controller.session.state.kind, 'live');
  });
});
