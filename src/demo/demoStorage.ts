import { DEV_ACCOUNT_KEY, DEV_ACCOUNT_NAME, parseStorageConnection, type StorageAccount } from '../storage/account';
import { checkStorageAccount } from '../storage/connectionCheck';
import { describeStorageProblem } from '../storage/errors';
import { StorageExportMirror } from '../storage/exportMirror';
import { createBlobAppender } from '../storage/sdkBlobStore';

/** Azurite's default blob endpoint. */
export const AZURITE_DEFAULT_ENDPOINT = `http://127.0.0.1:10000/${DEV_ACCOUNT_NAME}`;

/** How to get a local Azure Storage emulator, for the demo's message when none is running. */
export const AZURITE_HINT =
  'start Azurite in another terminal (npx azurite-blob --inMemoryPersistence --skipApiVersionCheck --disableTelemetry, or the Azurite extension of VS Code) and start again';

/** The demo's Storage destination: Azurite's development account, and the mirror that writes the export there. */
export interface DemoStorage {
  readonly account: StorageAccount;
  /** Azurite's well-known development connection string (public, the same on every machine). */
  readonly connectionString: string;
  readonly mirror: StorageExportMirror;
}

/**
 * The demo's second destination, a local Azure Storage emulator (Azurite) at `endpoint`, written in the
 * layout of Defender's Storage export. Only a loopback emulator with the well-known development account:
 * demo records never go to a real account. Answers the destination, or why there is none (the demo runs
 * either way). `onError` is told once when writing starts failing (a stopped Azurite, say).
 */
export async function startDemoStorage(
  endpoint = AZURITE_DEFAULT_ENDPOINT,
  onError: (message: string) => void = () => undefined,
): Promise<DemoStorage | { readonly problem: string }> {
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT_NAME};AccountKey=${DEV_ACCOUNT_KEY};BlobEndpoint=${endpoint}`;
  const account = parseStorageConnection(connectionString); // throws on an endpoint that is not a URL
  if (!account.emulator) throw new RangeError(`The demo writes only to a local emulator (loopback), such as ${AZURITE_DEFAULT_ENDPOINT}.`);
  try {
    await checkStorageAccount(account);
  } catch (error) {
    return { problem: (error as Error).message };
  }
  let told = false;
  const appender = await createBlobAppender(account);
  const mirror = new StorageExportMirror(appender, {
    onError: (error) => {
      if (told) return;
      told = true;
      onError(describeStorageProblem(error, account).message);
    },
  });
  return { account, connectionString, mirror };
}
