import * as vscode from 'vscode';
import { readSettings, type ExtensionSettings } from '../../config/settings';
import type { SettingsPort } from '../../config/types';
import { userSettingsPort } from '../../config/userSettingsPort';

const SECTION = 'defenderStream';

/**
 * The extension's settings, read now (they can change at any time): every `defenderStream.*` value
 * with its default and range from `src/config/settings.ts`. `scope` is the document a setting may be
 * read for (folder settings), when there is one.
 */
export function settings(scope?: vscode.Uri): ExtensionSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return readSettings({ get: (key) => config.get<unknown>(key), user: (key) => config.inspect<unknown>(key)?.globalValue });
}

/** The hub list: the one setting read here that is not a scalar (see `HubConfigStore`). */
export function hubsSettingsPort(): SettingsPort {
  return userSettingsPort(() => vscode.workspace.getConfiguration(SECTION), 'hubs');
}

/** The storage-account list: user settings only, like the hubs (see `StorageAccountStore`). */
export function storageAccountsSettingsPort(): SettingsPort {
  return userSettingsPort(() => vscode.workspace.getConfiguration(SECTION), 'storageAccounts');
}
