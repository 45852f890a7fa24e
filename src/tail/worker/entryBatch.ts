import { TextTailRecord } from '../textRecord';
import type { TailEntry } from '../types';

/**
 * New entries on their way from a tail's worker thread to the extension host's thread, in a form that
 * crosses cheaply: the records kept as text (nearly all of them) become columns of numbers and one
 * buffer of their bytes, moved (transferred), not copied, to the receiving thread; table and partition
 * names are sent once per batch. The rare entries that are not text records (records decoded the slow
 * way, malformed messages) go as plain objects, which are structured-cloned.
 */
export interface EntryBatch {
  /** Per entry, in order: 1 for a text record (the columns below), 0 for an item of `plain`. */
  readonly kinds: Uint8Array;
  /** The names used by this batch's text records (`tableIndex` and `partitionIndex` point here). */
  readonly names: string[];
  readonly tableIndex: Uint32Array;
  readonly partitionIndex: Uint32Array;
  /** Bit 0: the table is known to the catalog; bit 1: it is counted with the "other tables". */
  readonly flags: Uint8Array;
  /** Per text record: id, bytes (its share of the message), sequence number, enqueued time. */
  readonly numbers: Float64Array;
  /** Per text record: where its bytes end in `text` (each starts where the previous one ended). */
  readonly ends: Uint32Array;
  /** Every text record's JSON bytes, one after the other. */
  readonly text: ArrayBuffer;
  readonly plain: TailEntry[];
}

const NUMBERS_PER_RECORD = 4;

/** The batch for `entries` and the buffers to transfer with it (`postMessage(batch, transfer)`). */
export function encodeEntries(entries: readonly TailEntry[]): { batch: EntryBatch; transfer: ArrayBuffer[] } {
  let textCount = 0;
  let textBytes = 0;
  for (const entry of entries) {
    if (entry instanceof TextTailRecord) {
      textCount++;
      textBytes += entry.textBytes;
    }
  }
  const kinds = new Uint8Array(entries.length);
  const tableIndex = new Uint32Array(textCount);
  const partitionIndex = new Uint32Array(textCount);
  const flags = new Uint8Array(textCount);
  const numbers = new Float64Array(textCount * NUMBERS_PER_RECORD);
  const ends = new Uint32Array(textCount);
  const text = new ArrayBuffer(textBytes);
  const bytes = new Uint8Array(text);
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const indexOf = (name: string): number => {
    let i = nameIndex.get(name);
    if (i === undefined) {
      i = names.push(name) - 1;
      nameIndex.set(name, i);
    }
    return i;
  };
  const plain: TailEntry[] = [];
  let t = 0;
  let at = 0;
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e];
    if (!(entry instanceof TextTailRecord)) {
      plain.push(entry.type === 'record' ? plainRecord(entry) : entry);
      continue;
    }
    kinds[e] = 1;
    tableIndex[t] = indexOf(entry.table);
    partitionIndex[t] = indexOf(entry.partitionId);
    flags[t] = (entry.known ? 1 : 0) | (entry.other ? 2 : 0);
    const n = t * NUMBERS_PER_RECORD;
    numbers[n] = entry.id;
    numbers[n + 1] = entry.bytes;
    numbers[n + 2] = entry.sequenceNumber;
    numbers[n + 3] = entry.enqueuedTime;
    at += entry.copyInto(bytes, at);
    ends[t] = at;
    t++;
  }
  const batch: EntryBatch = { kinds, names, tableIndex, partitionIndex, flags, numbers, ends, text, plain };
  return { batch, transfer: [text, kinds.buffer, tableIndex.buffer, partitionIndex.buffer, flags.buffer, numbers.buffer, ends.buffer] };
}

/** The entries of a batch, in their order: text records read their JSON from the batch's buffer when asked. */
export function decodeEntries(batch: EntryBatch): TailEntry[] {
  const { kinds, names, tableIndex, partitionIndex, flags, numbers, ends, plain } = batch;
  const store = Buffer.from(batch.text);
  const out: TailEntry[] = new Array<TailEntry>(kinds.length);
  let t = 0;
  let p = 0;
  let start = 0;
  for (let e = 0; e < kinds.length; e++) {
    if (kinds[e] === 0) {
      out[e] = plain[p++];
      continue;
    }
    const n = t * NUMBERS_PER_RECORD;
    const end = ends[t];
    out[e] = new TextTailRecord(
      numbers[n],
      names[tableIndex[t]],
      (flags[t] & 1) !== 0,
      (flags[t] & 2) !== 0,
      numbers[n + 1],
      names[partitionIndex[t]],
      numbers[n + 2],
      numbers[n + 3],
      store,
      start,
      end - start,
    );
    start = end;
    t++;
  }
  return out;
}

/** A record decoded the slow way, as the plain fields a structured clone keeps (its `record` included). */
function plainRecord(entry: Extract<TailEntry, { type: 'record' }>): TailEntry {
  return {
    type: 'record',
    id: entry.id,
    table: entry.table,
    known: entry.known,
    other: entry.other,
    record: entry.record,
    json: entry.json,
    bytes: entry.bytes,
    partitionId: entry.partitionId,
    sequenceNumber: entry.sequenceNumber,
    enqueuedTime: entry.enqueuedTime,
  };
}
