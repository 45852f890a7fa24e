import { parseNamespaceInput } from '../core/connection/namespace';
import { derivedEntryId, isValidId } from './ids';
import { DEFAULT_CONSUMER_GROUP, type EntryIssue, type HubConfigEntry, type HubMode, type AuthKind } from './types';
import { checkConsumerGroup, checkHubName, checkKeyName, checkLabel } from './validate';

export interface ParsedSettings {
  /** Valid entries in settings order, each with an id (derived when the entry has none). */
  readonly entries: readonly HubConfigEntry[];
  /** Entries that cannot be used, with what is wrong; shown as error items in the tree. */
  readonly issues: readonly EntryIssue[];
  /** Indices of raw entries that had no id (the store writes the derived ids back). */
  readonly missingIds: ReadonlyMap<number, string>;
}

type Raw = Record<string, unknown>;

const SECRET_FIELD = /^(sharedAccessKey|sharedAccessSignature|connectionString|key|secret|password|primaryKey)$/i;
const SECRET_VALUE = /SharedAccessKey\s*=|SharedAccessSignature|Endpoint\s*=\s*sb:/i;

/**
 * Reads the `defenderStream.hubs` setting as the user may have edited it by hand: tolerant of
 * missing optional fields, strict about anything that would connect to the wrong place.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const entries: HubConfigEntry[] = [];
  const issues: EntryIssue[] = [];
  const missingIds = new Map<number, string>();
  if (raw === undefined || raw === null) return { entries, issues, missingIds };
  if (!Array.isArray(raw)) {
    issues.push({ index: -1, message: 'The "defenderStream.hubs" setting must be an array of hub entries.' });
    return { entries, issues, missingIds };
  }
  // Ids given explicitly are taken first, so a derived id never collides with one of them.
  const taken = new Set<string>();
  for (const item of raw) {
    if (isObject(item) && typeof item.id === 'string' && item.id.trim() !== '') taken.add(item.id.trim());
  }
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const result = parseEntry(item, index);
    if ('message' in result) {
      issues.push(result);
      return;
    }
    let id = result.id;
    if (id === undefined) {
      id = derivedEntryId(result.namespaceHost, result.hubs, taken);
      taken.add(id);
      missingIds.set(index, id);
    }
    if (seen.has(id)) {
      issues.push({ index, id, message: `Hub entry ${index + 1} repeats the id "${id}"; give it a different id or remove it.` });
      return;
    }
    seen.add(id);
    entries.push({ ...result, id });
  });
  return { entries, issues, missingIds };
}

function parseEntry(item: unknown, index: number): (Omit<HubConfigEntry, 'id'> & { id?: string }) | EntryIssue {
  const where = `Hub entry ${index + 1}`;
  const fail = (message: string, id?: string): EntryIssue => ({ index, id, message: `${where}: ${message}` });
  if (!isObject(item)) return fail('is not an object.');
  const secretField = Object.keys(item).some((k) => SECRET_FIELD.test(k));
  if (secretField || SECRET_VALUE.test(JSON.stringify(item).replace(/"sharedAccessKeyName"/g, ''))) {
    // A key pasted into settings is never used from there: secrets belong in secret storage only.
    return fail(
      'contains what looks like a key or connection string. Remove it from settings and use "Edit Event Hub..." to enter the key.',
    );
  }
  let id: string | undefined;
  if (item.id !== undefined) {
    if (typeof item.id !== 'string' || !isValidId(item.id.trim())) return fail('"id" must be letters, digits, ".", "-" or "_".');
    id = item.id.trim();
  }
  const label = item.label;
  if (label !== undefined && (typeof label !== 'string' || checkLabel(label)))
    return fail(`"label" ${typeof label === 'string' ? checkLabel(label) : 'must be a string.'}`, id);

  if (typeof item.namespaceHost !== 'string' || item.namespaceHost.trim() === '')
    return fail('"namespaceHost" is missing (e.g. "contoso.servicebus.windows.net").', id);
  let namespaceHost: string;
  try {
    namespaceHost = parseNamespaceInput(item.namespaceHost).host;
  } catch (error) {
    return fail(`"namespaceHost": ${(error as Error).message}`, id);
  }

  const rawHubs = typeof item.hubs === 'string' ? [item.hubs] : item.hubs;
  if (!Array.isArray(rawHubs) || rawHubs.length === 0) return fail('"hubs" must list at least one event hub name.', id);
  const hubs: string[] = [];
  const lower = new Set<string>();
  for (const hub of rawHubs) {
    if (typeof hub !== 'string') return fail('"hubs" must contain only strings.', id);
    const problem = checkHubName(hub);
    if (problem) return fail(problem, id);
    const name = hub.trim();
    if (lower.has(name.toLowerCase())) continue; // hub names are case-insensitive
    lower.add(name.toLowerCase());
    hubs.push(name);
  }

  const mode = (item.mode ?? 'single') as HubMode;
  if (mode !== 'single' && mode !== 'perTable') return fail('"mode" must be "single" or "perTable".', id);
  const consumerGroup = item.consumerGroup === undefined || item.consumerGroup === '' ? DEFAULT_CONSUMER_GROUP : item.consumerGroup;
  if (typeof consumerGroup !== 'string') return fail('"consumerGroup" must be a string.', id);
  const cgProblem = checkConsumerGroup(consumerGroup);
  if (cgProblem) return fail(cgProblem, id);
  const auth = (item.auth ?? 'connectionString') as AuthKind;
  if (auth !== 'connectionString' && auth !== 'entraId') return fail('"auth" must be "connectionString" or "entraId".', id);
  let sharedAccessKeyName: string | undefined;
  if (item.sharedAccessKeyName !== undefined && item.sharedAccessKeyName !== '') {
    if (typeof item.sharedAccessKeyName !== 'string') return fail('"sharedAccessKeyName" must be a string.', id);
    const problem = checkKeyName(item.sharedAccessKeyName);
    if (problem) return fail(problem, id);
    sharedAccessKeyName = item.sharedAccessKeyName.trim();
  }
  if (item.useDevelopmentEmulator !== undefined && typeof item.useDevelopmentEmulator !== 'boolean')
    return fail('"useDevelopmentEmulator" must be true or false.', id);
  return {
    id,
    label: typeof label === 'string' && label.trim() !== '' ? label.trim() : undefined,
    namespaceHost,
    hubs,
    mode,
    consumerGroup: consumerGroup.trim(),
    auth,
    sharedAccessKeyName,
    useDevelopmentEmulator: item.useDevelopmentEmulator === true ? true : undefined,
  };
}

/** The settings object written for an entry: only non-secret fields, defaults spelled out. */
export function serializeEntry(entry: HubConfigEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { id: entry.id };
  if (entry.label) out.label = entry.label;
  out.namespaceHost = entry.namespaceHost;
  out.hubs = [...entry.hubs];
  out.mode = entry.mode;
  out.consumerGroup = entry.consumerGroup;
  out.auth = entry.auth;
  if (entry.auth === 'connectionString' && entry.sharedAccessKeyName) out.sharedAccessKeyName = entry.sharedAccessKeyName;
  if (entry.useDevelopmentEmulator) out.useDevelopmentEmulator = true;
  return out;
}

/** Name shown for an entry: its label, else the namespace name. */
export function displayName(entry: Pick<HubConfigEntry, 'label' | 'namespaceHost'>): string {
  return entry.label ?? entry.namespaceHost;
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
