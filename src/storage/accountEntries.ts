import type { TokenCredential } from '@azure/core-auth';
import { createHash, randomBytes } from 'node:crypto';
import { isValidId } from '../config/ids';
import type { SecretPort, SettingsPort } from '../config/types';
import { checkLabel } from '../config/validate';
import { ConnectionError } from '../core/connection/errors';
import { parseStorageConnection, storageAccountForEntra, type StorageAccount } from './account';

/**
 * The configured storage accounts: one user-settings entry each (`defenderStream.storageAccounts[i]`, never a
 * secret) and, for a connection string or SAS URL, the text the user pasted in secret storage, bound to the blob
 * endpoint it was saved for. Plain TypeScript: the VS Code side supplies the two ports.
 */
export type StorageAuthKind = 'connectionString' | 'entraId';

export interface StorageAccountEntry {
  /** Stable identifier; also the key of the secret and the first segment of a blob document's URI. */
  readonly id: string;
  readonly label?: string;
  readonly accountName: string;
  /** `https://<account>.blob.<cloud suffix>` or a loopback emulator's `http://127.0.0.1:10000/<account>`. */
  readonly blobEndpoint: string;
  readonly auth: StorageAuthKind;
}

export interface StorageEntryIssue {
  readonly index: number;
  readonly message: string;
}

/** What secret storage holds for a connection-string entry: the pasted text and the endpoint it was saved for. */
interface StoredSecret {
  readonly connection: string;
  readonly endpoint: string;
}

export const STORAGE_SETTING = 'storageAccounts';

export function storageSecretKey(id: string): string {
  return `defenderStream.storage.${id}`;
}

const SECRET_FIELD = /^(connectionString|accountKey|key|sas|sasToken|sharedAccessSignature|secret|password)$/i;
const SECRET_VALUE = /AccountKey\s*=|SharedAccessSignature\s*=|[?&]sig=/i;
const NO_CREDENTIAL: TokenCredential = { getToken: async () => null };

/** Reads the setting as the user may have edited it: entries that cannot be used become issues (shown in the tree). */
export function parseStorageEntries(raw: unknown): { entries: StorageAccountEntry[]; issues: StorageEntryIssue[] } {
  const entries: StorageAccountEntry[] = [];
  const issues: StorageEntryIssue[] = [];
  if (raw === undefined || raw === null) return { entries, issues };
  if (!Array.isArray(raw)) return { entries, issues: [{ index: -1, message: `"defenderStream.${STORAGE_SETTING}" must be an array.` }] };
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const fail = (message: string) => issues.push({ index, message: `Storage account entry ${index + 1}: ${message}` });
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return fail('is not an object.');
    const o = item as Record<string, unknown>;
    if (Object.keys(o).some((k) => SECRET_FIELD.test(k)) || SECRET_VALUE.test(JSON.stringify(o)))
      return fail(
        'contains what looks like a key or SAS. Remove it from settings and add the account again with "Add Storage Account...".',
      );
    if (typeof o.id !== 'string' || !isValidId(o.id.trim())) return fail('"id" must be letters, digits, ".", "-" or "_".');
    const id = o.id.trim();
    if (seen.has(id)) return fail(`repeats the id "${id}".`);
    if (o.label !== undefined && (typeof o.label !== 'string' || checkLabel(o.label)))
      return fail(`"label" ${typeof o.label === 'string' ? checkLabel(o.label) : 'must be a string.'}`);
    const auth = o.auth ?? 'connectionString';
    if (auth !== 'connectionString' && auth !== 'entraId') return fail('"auth" must be "connectionString" or "entraId".');
    if (typeof o.blobEndpoint !== 'string') return fail('"blobEndpoint" is missing (e.g. "https://contoso.blob.core.windows.net").');
    let account: StorageAccount;
    try {
      account = storageAccountForEntra(o.blobEndpoint, NO_CREDENTIAL);
    } catch (error) {
      return fail(`"blobEndpoint": ${(error as Error).message}`);
    }
    seen.add(id);
    const label = typeof o.label === 'string' && o.label.trim() !== '' ? o.label.trim() : undefined;
    entries.push({ id, label, accountName: account.accountName, blobEndpoint: account.blobEndpoint, auth });
  });
  return { entries, issues };
}

/** The settings object of an entry: no secret. */
export function serializeStorageEntry(entry: StorageAccountEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { id: entry.id };
  if (entry.label) out.label = entry.label;
  out.accountName = entry.accountName;
  out.blobEndpoint = entry.blobEndpoint;
  out.auth = entry.auth;
  return out;
}

export function storageDisplayName(entry: Pick<StorageAccountEntry, 'label' | 'accountName'>): string {
  return entry.label ?? entry.accountName;
}

/** A fresh id: "<account>-<6 hex>", unique among `existing`. */
export function newStorageEntryId(accountName: string, existing: Iterable<string>, random = () => randomBytes(3).toString('hex')): string {
  const taken = new Set(existing);
  const base = accountName.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'storage';
  for (let i = 0; i < 100; i++) {
    const id = `${base.slice(0, 30)}-${random()}`;
    if (!taken.has(id)) return id;
  }
  return `${base.slice(0, 30)}-${createHash('sha256').update(String(Date.now())).digest('hex').slice(0, 12)}`;
}

/**
 * Reads and changes the configured storage accounts. `account(entry)` gives a `StorageAccount` to connect with:
 * a stored connection string is used only for the blob endpoint it was saved for and that the entry names.
 */
export class StorageAccountStore {
  /** An account shown only while something runs (the demo's Azurite): never in settings, its account in memory. */
  private ephemeral: { readonly entry: StorageAccountEntry; readonly account: StorageAccount } | undefined;

  constructor(
    private readonly settings: SettingsPort,
    private readonly secrets: SecretPort,
  ) {}

  /** Shows (or, `undefined`, stops showing) an account that is not configured: first in the list, never written anywhere. */
  setEphemeral(value: { readonly entry: StorageAccountEntry; readonly account: StorageAccount } | undefined): void {
    this.ephemeral = value;
  }

  isEphemeral(id: string): boolean {
    return this.ephemeral?.entry.id === id;
  }

  load(): { entries: StorageAccountEntry[]; issues: StorageEntryIssue[] } {
    const loaded = parseStorageEntries(this.settings.read());
    const extra = this.ephemeral?.entry;
    return extra ? { ...loaded, entries: [extra, ...loaded.entries.filter((e) => e.id !== extra.id)] } : loaded;
  }

  get(id: string): StorageAccountEntry | undefined {
    return this.load().entries.find((e) => e.id === id);
  }

  /** Adds an entry; the secret (connection string or SAS URL) is stored first, and deleted again if settings cannot be written. */
  async add(entry: StorageAccountEntry, connection?: string): Promise<void> {
    if (this.load().entries.some((e) => e.id === entry.id)) throw new Error(`A storage account with id "${entry.id}" already exists.`);
    if (entry.auth === 'connectionString') {
      if (connection === undefined) throw new Error('A connection string is needed for this storage account.');
      const stored: StoredSecret = { connection, endpoint: entry.blobEndpoint };
      await this.secrets.store(storageSecretKey(entry.id), JSON.stringify({ v: 1, ...stored }));
    }
    try {
      await this.settings.write([...this.rawArray(), serializeStorageEntry(entry)]);
    } catch (error) {
      await this.secrets.delete(storageSecretKey(entry.id));
      throw error;
    }
  }

  /** Removes the entry and deletes its secret (also when the entry is gone already). */
  async remove(id: string): Promise<boolean> {
    if (this.isEphemeral(id)) throw new Error('The demo storage account goes away when the demo hub stops; it is not in your settings.');
    const raw = this.rawArray();
    const index = raw.findIndex((item) => typeof item === 'object' && item !== null && (item as { id?: unknown }).id === id);
    if (index >= 0) {
      raw.splice(index, 1);
      await this.settings.write(raw);
    }
    await this.secrets.delete(storageSecretKey(id));
    return index >= 0;
  }

  /** The account to connect with. Throws a `ConnectionError` (never quoting a secret) when the key is missing or bound elsewhere. */
  async account(entry: StorageAccountEntry, credential: () => TokenCredential): Promise<StorageAccount> {
    if (this.ephemeral && this.ephemeral.entry === entry) return this.ephemeral.account;
    if (entry.auth === 'entraId') return storageAccountForEntra(entry.blobEndpoint, credential());
    const stored = decode(await this.secrets.get(storageSecretKey(entry.id)));
    if (!stored)
      throw new ConnectionError(
        'missingKey',
        `No key is stored for "${storageDisplayName(entry)}": remove the storage account and add it again.`,
      );
    const account = parseStorageConnection(stored.connection);
    if (account.blobEndpoint !== stored.endpoint || account.blobEndpoint !== entry.blobEndpoint)
      throw new ConnectionError(
        'badHost',
        `The settings entry of "${storageDisplayName(entry)}" names ${entry.blobEndpoint}, but its key was saved for ${stored.endpoint}: the key is only sent to its own account. Remove the storage account and add it again.`,
      );
    return account;
  }

  private rawArray(): unknown[] {
    const raw = this.settings.read();
    return Array.isArray(raw) ? [...(raw as unknown[])] : [];
  }
}

function decode(text: string | undefined): StoredSecret | undefined {
  if (!text) return undefined;
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    return typeof o.connection === 'string' && typeof o.endpoint === 'string'
      ? { connection: o.connection, endpoint: o.endpoint }
      : undefined;
  } catch {
    return undefined;
  }
}
