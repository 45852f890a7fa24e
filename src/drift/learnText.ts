import { decodeMessage } from '../core/decode/decodeMessage';
import type { ShapeLearner } from './shapeLearner';

export interface LearnedText {
  /** Records learned. */
  readonly records: number;
  /** Units (the document, or NDJSON lines) that held no record: not JSON, no records, too deep... */
  readonly malformed: number;
  /** Whether the text was read as NDJSON (one record or message per line). */
  readonly ndjson: boolean;
}

const NDJSON_NAME = /\.(?:ndjson|jsonl)$/i;

/**
 * Learns the records of a sample file's text: an Event Hubs message body `{"records": [...]}`, a record,
 * an array of records (each decoded by `decodeMessage`, the tail's own decoder), or NDJSON: one of
 * those per line, when the name says so or the whole text is not one JSON value.
 */
export function learnText(learner: ShapeLearner, text: string, fileName?: string): LearnedText {
  const ndjsonName = fileName !== undefined && NDJSON_NAME.test(fileName);
  if (!ndjsonName) {
    const whole = decodeMessage(text);
    const notJson = whole.records.length === 0 && whole.malformed.some((m) => m.reason === 'not-json');
    if (!notJson || !text.includes('\n')) {
      for (const r of whole.records) learner.learn(r.record, r.table);
      return { records: whole.records.length, malformed: whole.malformed.length, ndjson: false };
    }
  }
  let records = 0;
  let malformed = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') continue;
    const result = decodeMessage(line);
    for (const r of result.records) learner.learn(r.record, r.table);
    records += result.records.length;
    malformed += result.malformed.length;
  }
  return { records, malformed, ndjson: true };
}
