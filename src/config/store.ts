import { parseSettings, serializeEntry, type ParsedSettings } from './entries';
import { secretKeyFor } from './ids';
import { decodeSecret, encodeSecret } from './secret';
import { endpointOf } from './secretBinding';
import type { HubConfigEntry, HubSecret, SecretPort, SettingsPort } from './types';

/**
 * Reads and changes the configured hubs: settings entries (non-secret) plus one secret per entry in
 * secret storage, keyed by the entry id. Entries the user wrote by hand are kept as written; only
 * the entry being changed is rewritten.
 */
export class HubConfigStore {
  constructor(
    private readonly settings: SettingsPort,
    private readonly secrets: SecretPort,
  ) {}

  load(): ParsedSettings {
    return parseSettings(this.settings.read());
  }

  get(id: string): HubConfigEntry | undefined {
    return this.load().entries.find((e) => e.id === id);
  }

  /** Writes derived ids into entries that have none, so later edits (e.g. of the hub list) keep the id and its secret. */
  async migrate(): Promise<boolean> {
    const raw = this.rawArray();
    const { missingIds } = parseSettings(raw);
    if (missingIds.size === 0) return false;
    const next = raw.map((item, i) => (missingIds.has(i) ? { id: missingIds.get(i), ...(item as object) } : item));
    await this.settings.write(next);
    return true;
  }

  async getSecret(id: string): Promise<HubSecret | undefined> {
    return decodeSecret(await this.secrets.get(secretKeyFor(id)));
  }

  /**
   * The secret of `entry`, to connect with. A secret saved before keys were bound to their endpoint is
   * bound now, to the entry of the user's own settings; `buildTarget` refuses a secret bound elsewhere.
   */
  async secretFor(entry: HubConfigEntry): Promise<HubSecret | undefined> {
    const secret = await this.getSecret(entry.id);
    if (secret === undefined || secret.endpoint !== undefined) return secret;
    const bound = { ...secret, endpoint: endpointOf(entry) };
    await this.secrets.store(secretKeyFor(entry.id), encodeSecret(bound));
    return bound;
  }

  /** Adds an entry; the secret is stored first, and removed again if the settings cannot be written. */
  async add(entry: HubConfigEntry, secret?: HubSecret): Promise<void> {
    const { entries } = this.load();
    if (entries.some((e) => e.id === entry.id)) throw new Error(`A hub with id "${entry.id}" already exists.`);
    if (secret) await this.secrets.store(secretKeyFor(entry.id), encodeSecret({ ...secret, endpoint: endpointOf(entry) }));
    try {
      await this.settings.write([...this.rawArray(), serializeEntry(entry)]);
    } catch (error) {
      if (secret) await this.secrets.delete(secretKeyFor(entry.id));
      throw error;
    }
  }

  /**
   * Replaces the entry with the same id. `secret` undefined keeps the stored one (unless auth is no
   * longer a key); a kept secret stays bound to its endpoint, so a new host needs the key again.
   */
  async update(entry: HubConfigEntry, secret?: HubSecret): Promise<void> {
    const index = this.indexOf(entry.id);
    if (index < 0) throw new Error(`No hub with id "${entry.id}" is configured.`);
    const raw = this.rawArray();
    raw[index] = serializeEntry(entry);
    if (secret) await this.secrets.store(secretKeyFor(entry.id), encodeSecret({ ...secret, endpoint: endpointOf(entry) }));
    await this.settings.write(raw);
    if (entry.auth !== 'connectionString') await this.secrets.delete(secretKeyFor(entry.id));
  }

  /** Removes the entry from settings and deletes its secret. Returns false when no such entry exists (the secret is deleted anyway). */
  async remove(id: string): Promise<boolean> {
    const index = this.indexOf(id);
    if (index >= 0) {
      const raw = this.rawArray();
      raw.splice(index, 1);
      await this.settings.write(raw);
    }
    await this.secrets.delete(secretKeyFor(id));
    return index >= 0;
  }

  private rawArray(): unknown[] {
    const raw = this.settings.read();
    return Array.isArray(raw) ? [...(raw as unknown[])] : [];
  }

  /** Position in the raw array of the entry with this id (explicit or derived). */
  private indexOf(id: string): number {
    const raw = this.rawArray();
    const { missingIds } = parseSettings(raw);
    for (const [index, derived] of missingIds) if (derived === id) return index;
    return raw.findIndex(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as { id?: unknown }).id === 'string' &&
        (item as { id: string }).id.trim() === id,
    );
  }
}
