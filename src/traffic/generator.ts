import { DECORATION_COLUMNS, TABLES, getTable, suggestTable } from '../core/catalog/schemaCatalog';
import type { TableDef } from '../core/catalog/schemaCatalog';
import { buildBadMessage } from './badMessages';
import { conform } from './conform';
import { Population } from './entities';
import { Prng } from './prng';
import { makeScene } from './scene';
import type { BadMessageKind, GeneratedMessage, GeneratedRecord, GeneratorOptions } from './types';
import { BAD_MESSAGE_KINDS } from './types';
import { columnValue, isoTime } from './values';

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
};

export const DEFAULT_RECORDS_PER_MESSAGE = 8;

/** Resolves table names (exact catalog names; a near miss gets a "did you mean"). */
export function resolveTables(names: readonly string[] | undefined): TableDef[] {
  if (!names || names.length === 0) return [...TABLES];
  return names.map((name) => {
    const table = getTable(name);
    if (table) return table;
    const suggestion = suggestTable(name);
    const hint = suggestion.table ? ` Did you mean "${suggestion.table.name}"?` : '';
    throw new RangeError(`Unknown Advanced Hunting table "${name}".${hint}`);
  });
}

/**
 * Generates Defender XDR streaming records for the 21 Advanced Hunting tables: plausible, type-correct
 * values per column (from the schema catalog), the real envelope, several records per message.
 * Deterministic for a given seed and clock.
 */
export class DefenderTrafficGenerator {
  readonly tables: readonly TableDef[];
  readonly tenantId: string;
  private readonly rng: Prng;
  private readonly population: Population;
  private readonly mix: ReadonlyArray<readonly [TableDef, number]>;
  readonly recordsPerMessage: number;
  private readonly now: () => number;

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
    for (const column of def.columns) properties[column.name] = conform(columnValue(column.name, scene, rng), column.type, rng, now);
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
