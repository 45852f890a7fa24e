import { AZURITE_DEFAULT_ENDPOINT, AZURITE_HINT, startDemoStorage } from '../demo/demoStorage';
import type { StorageExportMirror } from '../storage/exportMirror';
import { UsageError } from './types';

export { AZURITE_DEFAULT_ENDPOINT, AZURITE_HINT };

/**
 * `local-hub --azurite [--azurite-endpoint URL]`: the generated traffic also goes to a local Azure Storage
 * emulator in the layout of Defender's Storage export (src/demo/demoStorage.ts: a loopback emulator with the
 * well-known development account only). Answers the mirror and a banner line, or only a line saying why not
 * and how to get one (the hub runs either way).
 */
export async function startAzuriteMirror(endpoint = AZURITE_DEFAULT_ENDPOINT): Promise<{ mirror?: StorageExportMirror; line: string }> {
  let storage;
  try {
    storage = await startDemoStorage(endpoint, (message) => process.stderr.write(`local-hub: writing to Azurite failed: ${message}\n`));
  } catch (error) {
    throw new UsageError(
      `"--azurite-endpoint" must be a loopback blob endpoint such as ${AZURITE_DEFAULT_ENDPOINT} (${(error as Error).message})`,
    );
  }
  if ('problem' in storage) return { line: `Storage: not written (${storage.problem}) To also fill Azurite, ${AZURITE_HINT}.` };
  return {
    mirror: storage.mirror,
    line: `Storage: the same traffic goes to Azurite at ${storage.account.blobEndpoint} in Defender's Storage layout (containers insights-logs-advancedhunting-<table>, one append blob per hour); tail it with DEFENDER_STREAM_STORAGE_CONNECTION_STRING='UseDevelopmentStorage=true' defender-stream tail`,
  };
}
