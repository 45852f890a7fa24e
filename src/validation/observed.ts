// What real streamed data does that the documentation does not say (see "Observed in public samples"
// in the project's reference notes). The validator accepts all of it without a warning. Which tables
// real streams carry is in the catalog (`TableDef.observedInStreams`), not here.
import type { ColumnDef, TableDef } from '../core/catalog/schemaCatalog';

/**
 * Documented-`string` columns that carry JSON (an object, an array, or a JSON-encoded string) in real
 * data: `AdditionalFields` arrives as an object about as often as a string; the others hold JSON arrays
 * or objects in Advanced Hunting (`LoggedOnUsers`, `IPAddresses`, tag lists, `AuthenticationDetails`...).
 */
const JSON_STRING_COLUMNS = new Set([
  'AdditionalFields',
  'LoggedOnUsers',
  'IPAddresses',
  'DnsAddresses',
  'DefaultGateways',
  'ConnectedNetworks',
  'DeviceDynamicTags',
  'DeviceManualTags',
  'MergedDeviceIds',
  'OSVersionInfo',
  'AuthenticationDetails',
  'DetectionMethods',
  'Categories',
  'AttackTechniques',
  'UrlChain',
  'CrlDistributionPointUrls',
]);
const JSON_NAME_SUFFIXES = ['Fields', 'Tags', 'Users', 'Addresses', 'Networks', 'Gateways', 'Details'];

const jsonCarryingCache = new Map<string, boolean>();

/** Whether a column may hold a JSON object, array or JSON-encoded string without a finding. */
export function carriesJson(column: ColumnDef): boolean {
  if (column.type === 'dynamic') return true;
  if (column.type !== 'string') return false;
  let known = jsonCarryingCache.get(column.name);
  if (known === undefined) {
    known = JSON_STRING_COLUMNS.has(column.name) || JSON_NAME_SUFFIXES.some((s) => column.name.endsWith(s));
    jsonCarryingCache.set(column.name, known);
  }
  return known;
}

interface ObservedColumn {
  readonly tables: (table: string) => boolean;
  readonly column: string;
  readonly note: string;
}

const OBSERVED_COLUMNS: readonly ObservedColumn[] = [
  { tables: (t) => t === 'DeviceProcessEvents', column: 'NetworkAdapterName', note: 'real DeviceProcessEvents records carry it' },
  { tables: (t) => t.startsWith('Identity'), column: 'IsAdminOperation', note: 'real Identity* records carry it' },
  {
    tables: (t) => t === 'CloudAppEvents' || t === 'IdentityLogonEvents',
    column: 'ISP',
    note: 'real records spell it ISP (documented: Isp)',
  },
  { tables: (t) => t === 'IdentityDirectoryEvents', column: 'Isp', note: 'real records spell it Isp (documented: ISP)' },
];

/** Why an undocumented column is known from real streams, or undefined. */
export function observedColumnNote(table: TableDef, column: string): string | undefined {
  for (const o of OBSERVED_COLUMNS) if (o.column === column && o.tables(table.name)) return o.note;
  return undefined;
}
