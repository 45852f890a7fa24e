import type { NamespaceModel } from './hubModel';

/** What the link handlers share: the namespace, the one shared access policy and live consumer links. */
export interface HubServerContext {
  readonly namespace: NamespaceModel;
  readonly keyName: string;
  readonly key: string;
  /** Open consumer links (client receivers), for `openReceiverCount()`. */
  readonly consumers: Set<{ close(): void }>;
  /** Largest incoming message, advertised on publishing links (`LocalHubLimits.maxMessageSize`). */
  readonly maxMessageSize: number;
}
