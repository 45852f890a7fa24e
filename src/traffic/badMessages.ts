import { HOSTILE_STRINGS, veryLongString } from './hostileStrings';
import type { Prng } from './prng';
import type { BadMessageKind, GeneratedMessage, RecordSource } from './types';

/** The table of the "unknown-table" message: one the catalog does not hold. */
export const UNKNOWN_TABLE = 'ContosoCustomEvents';

/** Size of the "oversized" message's big value: large, yet under the 1 MiB event limit. */
export const OVERSIZED_VALUE_BYTES = 900_000;

/**
 * A message a consumer must survive: not JSON, empty, truncated, without `records`, `records` not an
 * array, a record that is not an object, wrong value types, a huge record, hostile strings, an unknown table.
 */
export function buildBadMessage(kind: BadMessageKind, gen: RecordSource, rng: Prng): GeneratedMessage {
  switch (kind) {
    case 'not-json':
      return {
        bad: kind,
        records: 0,
        body: rng.pick(['this is not JSON {', 'records: [1, 2]', Buffer.from([0, 1, 2, 0xff, 0xfe, 0x62, 0x69, 0x6e])]),
      };
    case 'empty':
      return { bad: kind, records: 0, body: '' };
    case 'truncated': {
      const full = gen.message().body as string;
      return { bad: kind, records: 0, body: full.slice(0, Math.max(10, Math.floor(full.length / 2))) };
    }
    case 'no-records':
      return { bad: kind, records: 0, body: JSON.stringify({ value: gen.records(2) }) };
    case 'records-not-array':
      return { bad: kind, records: 0, body: JSON.stringify({ records: gen.record() }) };
    case 'record-not-object': {
      const records: unknown[] = gen.records(2);
      records.splice(1, 0, 'not a record', 42, null);
      return { bad: kind, records: 2, body: JSON.stringify({ records }) };
    }
    case 'wrong-types': {
      const record = gen.record();
      const props = record.properties;
      for (const name of Object.keys(props)) {
        const v = props[name];
        if (typeof v === 'string') props[name] = rng.pick([12345, true, { nested: 'object' }]);
        else if (typeof v === 'number') props[name] = rng.pick(['not a number', '12abc', 3.5]);
        else if (typeof v === 'boolean') props[name] = rng.pick(['yes', 'maybe']);
      }
      if ('Timestamp' in props) props.Timestamp = 'yesterday at noon';
      return {
        table: record.category.slice('AdvancedHunting-'.length),
        bad: kind,
        records: 1,
        body: JSON.stringify({ records: [{ ...record, time: 12345 }] }),
      };
    }
    case 'oversized': {
      const record = gen.record('DeviceProcessEvents');
      record.properties.ProcessCommandLine = veryLongString(OVERSIZED_VALUE_BYTES);
      return { table: 'DeviceProcessEvents', bad: kind, records: 1, body: JSON.stringify({ records: [record] }) };
    }
    case 'hostile': {
      const records = gen.records(3, 'DeviceProcessEvents');
      records.forEach((record, i) => {
        const p = record.properties;
        p.FileName = HOSTILE_STRINGS[i % HOSTILE_STRINGS.length];
        p.ProcessCommandLine = rng.pick(HOSTILE_STRINGS);
        p.DeviceName = rng.pick(HOSTILE_STRINGS);
        p.AccountName = rng.pick(HOSTILE_STRINGS);
        p.FolderPath = veryLongString(rng.int(5_000, 20_000));
        p.InitiatingProcessCommandLine = HOSTILE_STRINGS.join(' ');
      });
      return { table: 'DeviceProcessEvents', bad: kind, records: records.length, body: JSON.stringify({ records }) };
    }
    case 'unknown-table': {
      // A table newer than the catalog (a made-up name: every real one is in the catalog).
      const record = gen.record();
      record.category = `AdvancedHunting-${UNKNOWN_TABLE}`;
      return { table: UNKNOWN_TABLE, bad: kind, records: 1, body: JSON.stringify({ records: [record] }) };
    }
  }
}
