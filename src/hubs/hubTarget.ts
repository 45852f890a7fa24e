import type { TokenCredential } from '@azure/core-auth';

/** How to authenticate to one event hub. The connection string is a secret: never log or display it. */
export type HubAuth =
  | { readonly kind: 'connectionString'; readonly connectionString: string }
  | { readonly kind: 'tokenCredential'; readonly credential: TokenCredential };

/** Everything needed to open a client on one event hub (settings merged with the secret). */
export interface HubTarget {
  /** Configuration id of the namespace entry this hub belongs to. */
  readonly configId: string;
  /** Label for people, e.g. "Contoso SOC / insights-logs-advancedhunting-deviceevents". */
  readonly label: string;
  /** Namespace host, with ":port" for a local hub. */
  readonly namespaceHost: string;
  readonly hubName: string;
  readonly consumerGroup: string;
  readonly auth: HubAuth;
  /** The Advanced Hunting table, for a per-table hub (`insights-logs-advancedhunting-<table>`). */
  readonly table?: string;
}
