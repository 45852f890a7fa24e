import type { NamespaceModel } from './hubModel';
import type { LocalHubPolicy } from './types';

/** What the link handlers share: the namespace, its shared access policies and live consumer links. */
export interface HubServerContext {
  readonly namespace: NamespaceModel;
  readonly keyName: string;
  readonly key: string;
  /** Every shared access policy: the main one (every right, `keyName`/`key`) first. */
  readonly policies: readonly LocalHubPolicy[];
  /** Open consumer links (client receivers), for `openReceiverCount()`. */
  readonly consumers: Set<{ close(): void }>;
  /** Largest incoming message, advertised on publishing links (`LocalHubLimits.maxMessageSize`). */
  readonly maxMessageSize: number;
}
