import type { BlobServiceClient, StoragePipelineOptions } from '@azure/storage-blob';
import type { StorageAccount } from './account';
import type { BlobInfo, BlobStore } from './blobStore';

/** The SDK is heavy: it is loaded on first use, never at activation (bundled as dist/lazy/storage-blob.js). */
export async function loadStorageBlob(): Promise<typeof import('@azure/storage-blob')> {
  return import('@azure/storage-blob');
}

/** Retries for interactive checks: a wrong key or a firewall refusal is reported in seconds. */
export const QUICK_STORAGE_RETRY: StoragePipelineOptions['retryOptions'] = { maxTries: 1, tryTimeoutInMs: 10_000 };
/** Retries of a tail's reads: short, since the tail itself retries on its next poll. */
export const TAIL_STORAGE_RETRY: StoragePipelineOptions['retryOptions'] = { maxTries: 2, tryTimeoutInMs: 30_000, retryDelayInMs: 500 };

/** A client for the account's blob service: the key or SAS goes only to `account.blobEndpoint` (see parseStorageConnection). */
export async function createBlobServiceClient(account: StorageAccount, options: StoragePipelineOptions = {}): Promise<BlobServiceClient> {
  const sdk = await loadStorageBlob();
  const auth = account.auth;
  if (auth.kind === 'sharedKey')
    return new sdk.BlobServiceClient(
      account.blobEndpoint,
      new sdk.StorageSharedKeyCredential(account.accountName, auth.accountKey),
      options,
    );
  if (auth.kind === 'sas') return new sdk.BlobServiceClient(`${account.blobEndpoint}?${auth.sas}`, undefined, options);
  return new sdk.BlobServiceClient(account.blobEndpoint, auth.credential, options);
}

export async function createBlobStore(account: StorageAccount, options: StoragePipelineOptions = {}): Promise<BlobStore> {
  return blobStoreOf(await createBlobServiceClient(account, options));
}

export function blobStoreOf(service: BlobServiceClient): BlobStore {
  return {
    async listContainers(prefix) {
      const names: string[] = [];
      for await (const c of service.listContainers({ prefix })) names.push(c.name);
      return names;
    },
    async listLevel(container, prefix) {
      const folders: string[] = [];
      const blobs: BlobInfo[] = [];
      const client = service.getContainerClient(container);
      for await (const item of client.listBlobsByHierarchy('/', { prefix })) {
        if (item.kind === 'prefix') folders.push(item.name);
        else
          blobs.push({
            name: item.name,
            size: item.properties.contentLength ?? 0,
            lastModified: item.properties.lastModified.getTime(),
            createdOn: item.properties.createdOn?.getTime() ?? 0,
          });
      }
      return { folders, blobs };
    },
    async properties(container, blob) {
      try {
        const p = await service.getContainerClient(container).getBlobClient(blob).getProperties();
        return {
          name: blob,
          size: p.contentLength ?? 0,
          lastModified: p.lastModified?.getTime() ?? 0,
          createdOn: p.createdOn?.getTime() ?? 0,
        };
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return undefined;
        throw error;
      }
    },
    async read(container, blob, offset, count) {
      if (count <= 0) return new Uint8Array(0);
      const buffer = Buffer.alloc(count);
      await service.getContainerClient(container).getBlobClient(blob).downloadToBuffer(buffer, offset, count, { concurrency: 1 });
      return buffer;
    },
  };
}

/** What writing the export's layout needs (the demo's mirror into Azurite). */
export interface BlobAppender {
  /** Appends bytes to an append blob, creating the container and the blob when they are missing. */
  append(container: string, blob: string, bytes: Uint8Array): Promise<void>;
}

/** Largest block an append blob takes in one call. */
const MAX_APPEND_BLOCK = 4 * 1024 * 1024;

export async function createBlobAppender(account: StorageAccount, options: StoragePipelineOptions = {}): Promise<BlobAppender> {
  const service = await createBlobServiceClient(account, options);
  const containers = new Set<string>();
  const blobs = new Set<string>();
  return {
    async append(container, blob, bytes) {
      const client = service.getContainerClient(container);
      if (!containers.has(container)) {
        await client.createIfNotExists();
        containers.add(container);
      }
      const appendBlob = client.getAppendBlobClient(blob);
      const key = `${container}/${blob}`;
      if (!blobs.has(key)) {
        await appendBlob.createIfNotExists();
        blobs.add(key);
      }
      for (let at = 0; at < bytes.length; at += MAX_APPEND_BLOCK) {
        const part = bytes.subarray(at, Math.min(bytes.length, at + MAX_APPEND_BLOCK));
        await appendBlob.appendBlock(part, part.length);
      }
    },
  };
}
