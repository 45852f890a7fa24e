import { ConnectionError } from '../core/connection/errors';
import { redact } from '../core/connection/redact';
import { parseStorageConnection, storageAccountForEntra } from './account';

/** A bare storage account name (3–24 lower-case letters and digits). */
export const STORAGE_ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
const NO_CREDENTIAL = { getToken: async () => null };

/** What is wrong with a pasted connection string or SAS URL, in words that never quote it; undefined when usable. */
export function storageConnectionProblem(value: string): string | undefined {
  if (value.trim() === '')
    return 'Paste the connection string (DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...) or the blob service SAS URL.';
  try {
    parseStorageConnection(value);
    return undefined;
  } catch (error) {
    return error instanceof ConnectionError ? redact(error.message) : 'This connection string cannot be read.';
  }
}

/** What is wrong with an account name or blob endpoint URL (Microsoft Entra ID); undefined when usable. */
export function storageAccountUrlProblem(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return 'Enter the storage account name or its blob endpoint, e.g. https://contoso.blob.core.windows.net.';
  if (STORAGE_ACCOUNT_NAME.test(text)) return undefined;
  try {
    storageAccountForEntra(text, NO_CREDENTIAL);
    return undefined;
  } catch (error) {
    return error instanceof ConnectionError ? redact(error.message) : 'This is not a blob endpoint URL.';
  }
}
