import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { answerTokenRequest, createTokenRequester, type TokenAnswer, type TokenRequest } from '../../../src/tail/worker/tokenBridge';

/** The two ends of a real message channel, as between a tail's worker and the extension host's thread. */
function bridge(credential: TokenCredential | undefined): { workerCredential: TokenCredential; close(): void } {
  const { port1: worker, port2: host } = new MessageChannel();
  const requester = createTokenRequester((request) => worker.postMessage(request));
  worker.on('message', (answer: TokenAnswer) => requester.answer(answer));
  host.on('message', (request: TokenRequest) => void answerTokenRequest(credential, request).then((answer) => host.postMessage(answer)));
  return {
    workerCredential: requester.credential,
    close: () => {
      worker.close();
      host.close();
    },
  };
}

describe('token bridge (a tail worker asks the extension host for Entra ID tokens)', () => {
  it('answers each request with the token the host’s credential gives for its scopes, matching concurrent requests', async () => {
    const asked: string[] = [];
    const credential: TokenCredential = {
      getToken: async (scopes): Promise<AccessToken> => {
        const scope = Array.isArray(scopes) ? scopes.join(' ') : scopes;
        asked.push(scope);
        await new Promise((r) => setTimeout(r, scope.includes('slow') ? 30 : 0));
        return { token: `token-for ${scope}`, expiresOnTimestamp: 1_900_000_000_000 };
      },
    };
    const { workerCredential, close } = bridge(credential);
    try {
      const [slow, fast] = await Promise.all([
        workerCredential.getToken('slow/.default'),
        workerCredential.getToken(['https://eventhubs.azure.net/.default']),
      ]);
      assert.equal(slow?.token, 'token-for slow/.default');
      assert.equal(fast?.token, 'token-for https://eventhubs.azure.net/.default');
      assert.equal(fast?.expiresOnTimestamp, 1_900_000_000_000);
      assert.deepEqual(asked.sort(), ['https://eventhubs.azure.net/.default', 'slow/.default']);
    } finally {
      close();
    }
  });

  it('a credential that fails rejects the worker’s request with its message, a connection string in it redacted', async () => {
    const credential: TokenCredential = {
      getToken: async () => {
        throw new Error(
          'AADSTS700016: no app; tried Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0c2VjcmV0c2VjcmV0',
        );
      },
    };
    const { workerCredential, close } = bridge(credential);
    try {
      await assert.rejects(workerCredential.getToken('s'), (error: Error) => {
        assert.match(error.message, /AADSTS700016/);
        assert.doesNotMatch(error.message, /c2VjcmV0c2VjcmV0/);
        return true;
      });
    } finally {
      close();
    }
  });

  it('a hub that is not signed in with Entra ID gets no token', async () => {
    const { workerCredential, close } = bridge(undefined);
    try {
      await assert.rejects(workerCredential.getToken('s'), /not signed in with Microsoft Entra ID/);
    } finally {
      close();
    }
  });
});
