import { createProducerClient } from '../hubs/clientFactory';
import { ConnectionCheckError, describeProblem } from '../hubs/errors';
import type { HubTarget } from '../hubs/hubTarget';
import { TooLargeError } from './group';
import { sendEvents, type SendPlan, type SendProgress, type SendResult } from './sender';

/**
 * One retry: the SDK counts a refused Send right as retryable, and its default of 3 retries with long
 * timeouts would keep a user waiting about 90 s for a 401; throttling, too, is better answered by a lower rate.
 */
const SEND_RETRY = { maxRetries: 1, retryDelayInMs: 500, maxRetryDelayInMs: 5000, timeoutInMs: 30_000 };

/**
 * Sends a plan to one hub with the SDK's producer (loaded on first use) and closes it. Every failure
 * becomes a ConnectionCheckError with the one wording (`describeProblem`, phase "send"): a missing Send
 * right, a too-large event, throttling, a wrong key or host.
 */
export async function sendToHub(
  target: HubTarget,
  plan: SendPlan,
  options: { signal?: AbortSignal; onProgress?: (progress: SendProgress) => void } = {},
): Promise<SendResult> {
  let producer: Awaited<ReturnType<typeof createProducerClient>> | undefined;
  try {
    producer = await createProducerClient(target, { retryOptions: SEND_RETRY });
    return await sendEvents(producer, plan, options);
  } catch (error) {
    if (error instanceof TooLargeError) {
      throw new ConnectionCheckError({ code: 'tooLarge', message: `${error.message} Split its records into smaller messages.` });
    }
    throw new ConnectionCheckError(describeProblem(error, target, 'send'));
  } finally {
    await producer?.close().catch(() => undefined);
  }
}
