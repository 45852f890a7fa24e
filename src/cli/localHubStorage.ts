import { DEV_ACCOUNT_KEY, DEV_ACCOUNT_NAME, parseStorageConnection } from '../storage/account';
import { checkStorageAccount } from '../storage/connectionCheck';
import { describeStorageProblem } from '../storage/errors';
import { StorageExportMirror } from '../storage/exportMirror';
import { createBlobAppender } from '../storage/sdkBlobStore';
import { UsageError } from './types';

/** Azurite's default blob endpoint. */
export const AZURITE_DEFAULT_ENDPOINT = `http://127.0.0.1:10000/${DEV_ACCOUNT_NAME}`;

/** How to get a local Azure Storage emulator, for the demo's message when none is running. */
export const AZURITE_HINT =
  'start Azurite in another terminal (npx azurite-blob --inMemoryPersistence --skipApiVersionCheck --disableTelemetry, or the Azurite extension of VS Code) and start again';

/**
 * `local-hub --azurite [--azurite-endpoint URL]`: the generated traffic also goes to a local Azure Storage
 * emulator in the layout of Defender's Storage export. Only a loopback emulator with the well-known
 * development account: demo records never go to a real account. Answers the mirror and a banner line, or
 * only a line saying why not and how to get one (the hub runs either way).
 */
export async function startAzuriteMirror(endpoint = AZURITE_DEFAULT_ENDPOINT): Promise<{ mirror?: StorageExportMirror; line: string }> {
  let account;
  try {
    account = parseStorageConnection(`AccountName=${DEV_ACCOUNT_NAME};AccountKey=${DEV_ACCOUNT_KEY};BlobEndpoint=${endpoint}`);
  } catch (error) {
    throw new UsageError(
      `"--azurite-endpoint" must be a loopback blob endpoint such as ${AZURITE_DEFAULT_ENDPOINT} (${(error as Error).message})`,
    );
  }
  if (!account.emulator)
    throw new UsageError(`"--azurite-endpoint" must be on this machine (loopback), such as ${AZURITE_DEFAULT_ENDPOINT}.`);
  try {
    await checkStorageAccount(account);
  } catch (error) {
    return { line: `Storage: not written (${(error as Error).message}) To also fill Azurite, ${AZURITE_HINT}.` };
  }
  let told = false;
  const appender = await createBlobAppender(account);
  const mirror = new StorageExportMirror(appender, {
    onError: (error) => {
      if (told) return;
      told = true;
      process.stderr.write(`local-hub: writing to Azurite failed: ${describeStorageProblem(error, account).message}\n`);
    },
  });
  return {
    mirror,
    line: `Storage: the same traffic goes to Azurite at ${account.blobEndpoint} in Defender's Storage layout (containers insights-logs-advancedhunting-<table>, one append blob per hour); tail it with DEFENDER_STREAM_STORAGE_CONNECTION_STRING='UseDevelopmentStorage=true' defender-stream tail`,
  };
}
