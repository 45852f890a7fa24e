import { BlobServiceClient } from '@azure/storage-blob';
import { startAzurite, type Azurite } from '../../support/azurite';
import { parseStorageConnection, type StorageAccount } from '../../../src/storage/account';
import type { TailEntry } from '../../../src/tail/types';
import { containerOfTable, hourBlobPath } from '../../../src/storage/layout';

export const TENANT = '11111111-2222-3333-4444-555555555555';

/** Writes the export's layout into Azurite with the SDK, as Defender would: append blobs, one record per line. */
export class ExportWriter {
  readonly service: BlobServiceClient;
  constructor(azurite: Azurite) {
    this.service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  }

  async container(table: string): Promise<string> {
    const name = containerOfTable(table);
    await this.service.getContainerClient(name).createIfNotExists();
    return name;
  }

  /** Appends raw text to the hour blob of `table` (created when missing). */
  async append(table: string, hour: number, text: string, tenantId = TENANT): Promise<void> {
    const container = await this.container(table);
    const blob = this.service.getContainerClient(container).getAppendBlobClient(hourBlobPath(tenantId, hour));
    await blob.createIfNotExists();
    const bytes = Buffer.from(text, 'utf8');
    const max = 4 * 1024 * 1024;
    for (let at = 0; at < bytes.length; at += max) {
      const part = bytes.subarray(at, Math.min(bytes.length, at + max));
      await blob.appendBlock(part, part.length);
    }
  }

  async appendRecords(table: string, hour: number, records: ReadonlyArray<Record<string, unknown>>, tenantId = TENANT): Promise<void> {
    await this.append(table, hour, records.map((r) => JSON.stringify(r) + '\n').join(''), tenantId);
  }

  async deleteBlob(table: string, hour: number, tenantId = TENANT): Promise<void> {
    await this.service.getContainerClient(containerOfTable(table)).getBlobClient(hourBlobPath(tenantId, hour)).delete();
  }

  /** Deletes every container (between tests). */
  async reset(): Promise<void> {
    for await (const c of this.service.listContainers()) await this.service.getContainerClient(c.name).delete();
  }
}

export function storageRecord(
  table: string,
  n: number,
  time = '2026-12-01T10:00:00.000Z',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    time,
    tenantId: TENANT,
    operationName: 'Publish',
    category: `AdvancedHunting-${table}`,
    properties: { Timestamp: time, DeviceName: `wks-${n}`, ActionType: 'ProcessCreated', ReportId: n, ...extra },
  };
}

export function deviceNames(entries: readonly TailEntry[]): string[] {
  return entries.flatMap((e) => (e.type === 'record' ? [String((e.record.properties as Record<string, unknown>).DeviceName)] : []));
}

export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What `useAzuriteExport` gives a suite: Azurite, a writer of the export layout, the account, and what to stop after each test. */
export interface AzuriteExport {
  azurite: Azurite;
  writer: ExportWriter;
  account: StorageAccount;
  /** Stopped (and emptied) after each test, before the writer's containers are reset. */
  readonly running: Array<{ stop(): Promise<void> | void } | { dispose(): Promise<void> | void }>;
}

/** Starts Azurite for the suite, with a writer and the account of its connection string; cleans up after each test. */
export function useAzuriteExport(): AzuriteExport {
  const ctx = { running: [] } as unknown as AzuriteExport;
  before(async () => {
    ctx.azurite = await startAzurite();
    ctx.writer = new ExportWriter(ctx.azurite);
    ctx.account = parseStorageConnection(ctx.azurite.connectionString);
  });
  after(async () => {
    await ctx.azurite?.stop();
  });
  afterEach(async () => {
    await Promise.all(ctx.running.splice(0).map((r) => ('stop' in r ? r.stop() : r.dispose())));
    await ctx.writer.reset();
  });
  return ctx;
}
