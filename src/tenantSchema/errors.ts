/** Input that is not getschema output: the message names the line (1-based) and, where it helps, the column. */
export class GetschemaError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? message : `line ${line}${column === undefined ? '' : `, column ${column}`}: ${message}`);
    this.name = 'GetschemaError';
  }
}

/** The data names no table (no TableName column): the caller must say which table it describes. */
export class TableNameNeededError extends GetschemaError {
  constructor() {
    super('the rows name no table (no TableName column): say which table they describe.');
    this.name = 'TableNameNeededError';
  }
}

/** A stored tenant schema (`.defender-stream/schema.json`) that cannot be used; the message says why. */
export class SchemaFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaFileError';
  }
}

/** Line (1-based) and column (1-based) of `offset` in `text`; linear. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: end - start + 1 };
}
