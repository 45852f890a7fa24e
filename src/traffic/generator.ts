import { DECORATION_COLUMNS, STREAMABLE_TABLES, getTable, suggestTable } from '../core/catalog/schemaCatalog';
import type { TableDef } from '../core/catalog/schemaCatalog';
import { buildBadMessage } from './badMessages';
import { conform } from './conform';
import { Population } from './entities';
import { Prng } from './prng';
import { makeScene } from './scene';
import type { BadMessageKind, GeneratedMessage, GeneratedRecord, GeneratorOptions } from './types';
import { BAD_MESSAGE_KINDS } from './types';
import { isoTime } from './valueKit';
import { columnValue } from './values';

/** A realistic mix: endpoint tables dominate real tenants' streams, alerts are rare. */
export const DEFAULT_TABLE_WEIGHTS: Readonly<Record<string, number>> = {
  DeviceNetworkEvents: 16,
  DeviceProcessEvents: 14,
  DeviceFileEvents: 12,
  DeviceEvents: 10,
  DeviceRegistryEvents: 8,
  DeviceImageLoadEvents: 8,
  DeviceLogonEvents: 5,
  CloudAppEvents: 4,
  EmailEvents: 4,
  DeviceFileCertificateInfo: 3,
  EmailUrlInfo: 3,
  DeviceInfo: 2,
  DeviceNetworkInfo: 2,
  EmailAttachmentInfo: 2,
  IdentityLogonEvents: 2,
  IdentityQueryEvents: 2,
  EmailPostDeliveryEvents: 1,
  UrlClickEvents: 1,
  IdentityDirectoryEvents: 1,
  AlertEvidence: 1,
  AlertInfo: 0.5,
  // Tables that real streams carry beyond the 21 that Microsoft lists as streamed.
  CloudAuditEvents: 1.5,
  MessageEvents: 1.5,
  CloudProcessEvents: 1,
  IdentityInfo: 1,
  BehaviorEntities: 1,
  MessageUrlInfo: 1,
  BehaviorInfo: 0.5,
  CloudStorageAggregatedEvents: 0.5,
  MessagePostDeliveryEvents: 0.3,
};

export const DEFAULT_RECORDS_PER_MESSAGE = 8;

/**
 * Columns the catalog lists that streamed records do not carry: EmailEvents' doc says its latest
 * delivery columns are not available in the Streaming API.
 */
export const NOT_STREAMED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  EmailEvents: ['LatestDeliveryLocation', 'LatestDeliveryAction'],
};

/**
 * The drift the demo shows on purpose, as real tenants do: a column that no table page lists, on
 * every record of its table (real DeviceProcessEvents records carry `NetworkAdapterName`).
 */
export const DRIFT_COLUMNS: Readonly<Record<string, { readonly column: string; readonly type: 'string' }>> = {
  DeviceProcessEvents: { column: 'NetworkAdapterName', type: 'string' },
};

/**
 * Resolves table names (exact catalog names; a near miss gets a "did you mean"). None: every table that
 * reaches Event Hubs (streamed, or seen in real streams).
 */
export function resolveTables(names: readonly string[] | undefined): TableDef[] {
  if (!names || names.length === 0) return [...STREAMABLE_TABLES];
  return names.map((name) => {
    const table = getTable(name);
    if (table) return table;
    const suggestion = suggestTable(name);
    const hint = suggestion.table ? ` Did you mean "${suggestion.table.name}"?` : '';
    throw new RangeError(`Unknown Advanced Hunting table "${name}".${hint}`);
  });
}

/**
 * Generates Defender XDR streaming records as tenants send them today: by default for the 30 tables that
 * reach Event Hubs (the 21 streamed ones and the 9 that real streams also carry), with plausible,
 * type-correct values for every catalog column (except those the docs say are not streamed), the real
 * envelope, several records per message, and one deliberate drift (`DRIFT_COLUMNS`). Deterministic for
 * a given seed and clock.
 */
export class DefenderTrafficGenerator {
  readonly tables: readonly TableDef[];
  readonly tenantId: string;
  private readonly rng: Prng;
  private readonly population: Population;
  private readonly mix: ReadonlyArray<readonly [TableDef, number]>;
  readonly recordsPerMessage: number;
  private readonly now: () => number;
  private readonly drift: boolean;

  constructor(options: GeneratorOptions = {}) {
    this.rng = new Prng(options.seed ?? 1);
    this.tables = resolveTables(options.tables);
    const weights = { ...DEFAULT_TABLE_WEIGHTS, ...(options.weights ?? {}) };
    this.mix = this.tables.map((t) => [t, Math.max(0, weights[t.name] ?? 1)] as const);
    if (!this.mix.some(([, w]) => w > 0)) throw new RangeError('At least one table needs a weight above 0.');
    const perMessage = options.recordsPerMessage ?? DEFAULT_RECORDS_PER_MESSAGE;
    if (!Number.isInteger(perMessage) || perMessage < 1) throw new RangeError('recordsPerMessage must be a whole number of at least 1.');
    this.recordsPerMessage = perMessage;
    this.now = options.now ?? Date.now;
    this.drift = options.drift ?? true;
    this.population = new Population(this.rng);
    this.tenantId = options.tenantId ?? this.rng.guid();
  }

  /** The next table by the configured mix. */
  pickTable(): TableDef {
    return this.rng.weighted(this.mix);
  }

  /** One record of `table` (by name or definition; default: picked by the mix). */
  record(table: TableDef | string = this.pickTable()): GeneratedRecord {
    const def = typeof table === 'string' ? resolveTables([table])[0] : table;
    const now = this.now();
    const rng = this.rng;
    const scene = makeScene(rng, this.population, def.name, now);
    const properties: Record<string, unknown> = {};
    const skipped = NOT_STREAMED_COLUMNS[def.name];
    for (const column of def.columns) {
      if (skipped?.includes(column.name)) continue;
      properties[column.name] = conform(columnValue(column.name, scene, rng), column.type, rng, now);
    }
    const drift = this.drift ? DRIFT_COLUMNS[def.name] : undefined;
    if (drift) properties[drift.column] = conform(columnValue(drift.column, scene, rng), drift.type, rng, now);
    if (def.name.startsWith('Device') && !('MachineGroup' in properties)) {
      for (const column of DECORATION_COLUMNS)
        properties[column.name] = conform(columnValue(column.name, scene, rng), column.type, rng, now);
    }
    const record: GeneratedRecord = {
      time: isoTime(Math.min(now, scene.timestamp + rng.int(100, 60_000)), rng),
      tenantId: this.tenantId,
      operationName: 'Publish',
      category: def.category,
      properties,
      Tenant: 'DefaultTenant',
    };
    if (rng.chance(0.5)) record._TimeReceivedBySvc = isoTime(scene.timestamp + rng.int(50, 5_000), rng);
    return record;
  }

  /** `count` records (of one table, or by the mix). */
  records(count: number, table?: TableDef | string): GeneratedRecord[] {
    return Array.from({ length: count }, () => this.record(table ?? this.pickTable()));
  }

  /** One message: `{"records": [...]}` with 1..recordsPerMessage records of one table (or exactly `count`). */
  message(table: TableDef | string = this.pickTable(), count?: number): GeneratedMessage & { table: string } {
    const def = typeof table === 'string' ? resolveTables([table])[0] : table;
    const n = count ?? this.rng.int(1, this.recordsPerMessage);
    const records = this.records(n, def);
    return { table: def.name, records: n, body: JSON.stringify({ records }) };
  }

  /** An injected bad message of `kind` (default: any kind). */
  badMessage(kind: BadMessageKind = this.rng.pick(BAD_MESSAGE_KINDS)): GeneratedMessage {
    return buildBadMessage(kind, this, this.rng);
  }
}
