import type {
  EventHubConsumerClient,
  EventHubConsumerClientOptions,
  EventHubClientOptions,
  EventHubProducerClient,
  RetryOptions,
} from '@azure/event-hubs';
import { fixLinkAddress } from './amqpLinkAddressFix';
import type { HubTarget } from './hubTarget';

/** Short retries for interactive checks: a wrong key or unknown hub is reported in seconds, not ~90 s. */
export const QUICK_RETRY: RetryOptions = { maxRetries: 1, retryDelayInMs: 300, maxRetryDelayInMs: 1000, timeoutInMs: 5000 };

/** The SDK is heavy: it is loaded on first use, never at activation. */
export async function loadEventHubs(): Promise<typeof import('@azure/event-hubs')> {
  const [sdk, amqp] = await Promise.all([import('@azure/event-hubs'), import('rhea-promise')]);
  fixLinkAddress(amqp.Receiver);
  return sdk;
}

export async function createConsumerClient(
  target: HubTarget,
  options: EventHubConsumerClientOptions = {},
): Promise<EventHubConsumerClient> {
  const { EventHubConsumerClient } = await loadEventHubs();
  if (target.auth.kind === 'connectionString') {
    return new EventHubConsumerClient(target.consumerGroup, target.auth.connectionString, target.hubName, options);
  }
  return new EventHubConsumerClient(target.consumerGroup, target.namespaceHost, target.hubName, target.auth.credential, options);
}

/** A producer for Send Events to Hub (the SDK loaded on first use, as for the consumer). */
export async function createProducerClient(target: HubTarget, options: EventHubClientOptions = {}): Promise<EventHubProducerClient> {
  const { EventHubProducerClient } = await loadEventHubs();
  if (target.auth.kind === 'connectionString') return new EventHubProducerClient(target.auth.connectionString, target.hubName, options);
  return new EventHubProducerClient(target.namespaceHost, target.hubName, target.auth.credential, options);
}
