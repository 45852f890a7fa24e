import { decodeMessage, type MessageBody } from '../core/decode/decodeMessage';
import type { TableMeasurement } from './capacityMath';

/** Records without a category are counted under this name. */
export const NO_TABLE = '(no category)';

export interface CapacityMeasurement {
  readonly seconds: number;
  /** Per table, heaviest (bytes) first. */
  readonly tables: readonly TableMeasurement[];
  readonly events: number;
  readonly records: number;
  readonly bytes: number;
  /** Messages (or parts of messages) that could not be read as Defender records. */
  readonly malformedEvents: number;
  readonly malformedBytes: number;
}

interface Tally {
  records: number;
  events: number;
  bytes: number;
}

/**
 * Counts what a hub delivers, per Advanced Hunting table: records, bytes (each record's share of its
 * message body) and events (a message shared by several tables counts for each in proportion to its
 * records). Pure: feed it message bodies, ask for a snapshot with the elapsed time.
 */
export class CapacityMeter {
  private readonly tallies = new Map<string, Tally>();
  private events = 0;
  private records = 0;
  private bytes = 0;
  private malformedEvents = 0;
  private malformedBytes = 0;

  /** Adds one Event Hubs message body (raw bytes preferably: the size is the body's real size). */
  add(body: MessageBody): void {
    const decoded = decodeMessage(body);
    this.events += 1;
    this.bytes += decoded.bytes;
    const count = decoded.records.length;
    for (const record of decoded.records) {
      const name = record.table === '' ? NO_TABLE : record.table;
      let tally = this.tallies.get(name);
      if (!tally) this.tallies.set(name, (tally = { records: 0, events: 0, bytes: 0 }));
      tally.records += 1;
      tally.bytes += record.bytes;
      tally.events += 1 / count;
    }
    this.records += count;
    if (decoded.malformed.length > 0) {
      const malformedBytes = decoded.malformed.reduce((sum, m) => sum + m.bytes, 0);
      this.malformedBytes += malformedBytes;
      this.malformedEvents += count === 0 ? 1 : 0;
    }
  }

  get eventCount(): number {
    return this.events;
  }
  get recordCount(): number {
    return this.records;
  }
  get byteCount(): number {
    return this.bytes;
  }

  snapshot(seconds: number): CapacityMeasurement {
    const tables = [...this.tallies.entries()]
      .map(([table, t]) => ({ table, records: t.records, events: t.events, bytes: t.bytes, seconds }))
      .sort((a, b) => b.bytes - a.bytes || a.table.localeCompare(b.table));
    return {
      seconds,
      tables,
      events: this.events,
      records: this.records,
      bytes: this.bytes,
      malformedEvents: this.malformedEvents,
      malformedBytes: this.malformedBytes,
    };
  }
}
