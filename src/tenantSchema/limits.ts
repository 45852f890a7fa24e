/** Bounds on what an import or a stored tenant schema may hold: real ones are far smaller. */
export const SCHEMA_LIMITS = {
  /** Characters of getschema text one import reads (a union of every Advanced Hunting table is ~300 KB). */
  maxInputChars: 4 * 1024 * 1024,
  /** Bytes of `.defender-stream/schema.json` the workspace loader and the CLI read. */
  maxFileBytes: 2 * 1024 * 1024,
  /** getschema rows (columns over all tables) in one import. */
  maxRows: 20_000,
  /** Tables in one import or one stored schema. */
  maxTables: 500,
  /** Columns of one table (Advanced Hunting's widest has fewer than 100). */
  maxColumns: 2_000,
  /** Characters of a table or column name. */
  maxNameLength: 256,
} as const;

/** Where a workspace keeps its tenant schema, relative to the workspace folder. */
export const SCHEMA_DIRECTORY = '.defender-stream';
export const SCHEMA_FILE_NAME = 'schema.json';
export const SCHEMA_FILE_PATH = `${SCHEMA_DIRECTORY}/${SCHEMA_FILE_NAME}`;
