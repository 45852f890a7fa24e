/**
 * What Send Events to Hub reads: a message body (`{"records": [...]}`), a record array, one record, or
 * NDJSON (records, bodies, or Tail to Editor lines `{"table",...,"record": {...}}`), as a list of items
 * in order. Plain TypeScript: the CLI and VS Code share it.
 */
export type SendItem =
  | { readonly kind: 'body'; readonly text: string; readonly records: number; readonly where: string }
  | { readonly kind: 'record'; readonly text: string; readonly category: string; readonly where: string };

/** A file (or stdin) that is not one of the forms above, with where. */
export class SendInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SendInputError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function categoryOf(record: Record<string, unknown>): string {
  return typeof record.category === 'string' ? record.category : '';
}

/** One JSON value of the input (the whole text, or one line) as items; `raw` is its text as written. */
function itemsOf(value: unknown, raw: string, where: string): SendItem[] {
  if (Array.isArray(value)) {
    return value.map((element, i) => {
      if (!isObject(element)) throw new SendInputError(`${where}: element ${i + 1} of the array is not a record (a JSON object).`);
      return { kind: 'record', text: JSON.stringify(element), category: categoryOf(element), where: `${where}, element ${i + 1}` };
    });
  }
  if (!isObject(value)) throw new SendInputError(`${where}: not a record, a record array or a message body {"records": [...]}.`);
  if (Array.isArray(value.records)) return [{ kind: 'body', text: raw.trim(), records: value.records.length, where }];
  // A Tail to Editor line: the record is under "record".
  if (isObject(value.record) && !('category' in value)) {
    return [{ kind: 'record', text: JSON.stringify(value.record), category: categoryOf(value.record), where }];
  }
  return [{ kind: 'record', text: raw.trim(), category: categoryOf(value), where }];
}

/** The items of one input text; `name` (a file name, or "stdin") says where in messages. Throws SendInputError. */
export function parseSendInput(text: string, name: string): SendItem[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new SendInputError(`${name}: empty: nothing to send.`);
  let whole: unknown;
  let parsed = true;
  try {
    whole = JSON.parse(body);
  } catch {
    parsed = false;
  }
  if (parsed) return itemsOf(whole, body, name);
  // NDJSON: one JSON value per line.
  const items: SendItem[] = [];
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const where = `${name}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new SendInputError(
        `${where}: not JSON (${(error as Error).message.split('\n')[0]}). Give a message body, a record array or NDJSON.`,
      );
    }
    items.push(...itemsOf(value, line, where));
  }
  return items;
}
