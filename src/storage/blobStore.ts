/**
 * What the Storage features need of a blob service: a port, so the tail's logic is tested against Azurite
 * and against scripted failures alike. `createBlobStore` (src/storage/sdkBlobStore.ts) implements it with
 * `@azure/storage-blob`. Every method rejects with the SDK's error; `describeStorageProblem` words it.
 */
export interface BlobStore {
  /** Container names that start with `prefix`, in name order. */
  listContainers(prefix: string): Promise<string[]>;
  /** One level of a container's blob names below `prefix` (delimiter "/"): the sub-folders and the blobs. */
  listLevel(container: string, prefix: string): Promise<{ readonly folders: string[]; readonly blobs: BlobInfo[] }>;
  /** A blob's size and last write, or undefined when it (or its container) does not exist. */
  properties(container: string, blob: string): Promise<BlobInfo | undefined>;
  /** `count` bytes of a blob from `offset` (fewer when it ends first). */
  read(container: string, blob: string, offset: number, count: number): Promise<Uint8Array>;
}

export interface BlobInfo {
  readonly name: string;
  readonly size: number;
  /** ms since the epoch. */
  readonly lastModified: number;
  /** When the blob was created (ms since the epoch; 0 when unknown): a blob deleted and written anew has another. */
  readonly createdOn: number;
}
