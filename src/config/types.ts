/**
 * The hub configuration model. A settings entry (`defenderStream.hubs[i]`) holds only non-secret
 * fields; the key lives in secret storage under `secretKeyFor(id)`. Plain TypeScript: no `vscode`.
 */
export type HubMode = 'single' | 'perTable';
export type AuthKind = 'connectionString' | 'entraId';

/** One namespace entry as stored in settings. */
export interface HubConfigEntry {
  /** Stable identifier; also the key of the secret. */
  readonly id: string;
  readonly label?: string;
  /** Namespace host, with ":port" for a local hub. */
  readonly namespaceHost: string;
  /** One hub (single mode) or the per-table hubs. */
  readonly hubs: readonly string[];
  readonly mode: HubMode;
  readonly consumerGroup: string;
  readonly auth: AuthKind;
  /** Name of the shared access policy (connection-string auth only; not secret). */
  readonly sharedAccessKeyName?: string;
  readonly useDevelopmentEmulator?: boolean;
}

/** What secret storage holds for a connection-string entry. */
export interface HubSecret {
  /** The SharedAccessKey of the policy. */
  readonly sharedAccessKey?: string;
  /** Or a ready-made `SharedAccessSignature sr=...` token. */
  readonly sharedAccessSignature?: string;
  /** The endpoint the secret was saved for (`endpointOf`); it is never sent anywhere else. Absent for secrets saved before binding existed. */
  readonly endpoint?: string;
}

/** A problem with one settings entry, shown as an error item in the tree. */
export interface EntryIssue {
  /** Position in the settings array. */
  readonly index: number;
  readonly id?: string;
  readonly message: string;
}

/** Minimal secret storage (VS Code's `context.secrets`, or a map in tests). */
export interface SecretPort {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** Where the settings array is read from and written to (user settings in VS Code, a variable in tests). */
export interface SettingsPort {
  read(): unknown;
  write(entries: readonly unknown[]): PromiseLike<void>;
}

export const DEFAULT_CONSUMER_GROUP = '$Default';
