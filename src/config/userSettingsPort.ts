import type { SettingsPort } from './types';

/** The part of `vscode.WorkspaceConfiguration` that user-only settings need (a fake in unit tests). */
export interface UserConfiguration {
  inspect<T>(key: string): { readonly globalValue?: T } | undefined;
  /** `target` true is `ConfigurationTarget.Global` (user settings). */
  update(key: string, value: unknown, target: true): PromiseLike<void>;
}

/**
 * A setting that only the user may set: read from user settings alone and written back there. A
 * workspace (a cloned repository's `.vscode/settings.json`) can neither choose its value nor get it
 * copied into the user's settings.
 */
export function userSettingsPort(configuration: () => UserConfiguration, key: string): SettingsPort {
  return {
    read: () => configuration().inspect<unknown>(key)?.globalValue,
    write: (entries) => configuration().update(key, entries, true),
  };
}
