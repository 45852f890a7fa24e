import { readFile, stat } from 'node:fs/promises';
import { CATALOG_LOOKUP, withTenantSchema, type SchemaLookup, type TenantSchema } from '../core/catalog/schemaLookup';
import { SchemaFileError } from '../tenantSchema/errors';
import { SCHEMA_LIMITS } from '../tenantSchema/limits';
import { parseTenantSchemaText } from '../tenantSchema/schemaFile';
import { terminalSafe } from '../tail/summary';
import { UsageError, type CliIo } from './types';

export { SchemaFileError } from '../tenantSchema/errors';

/**
 * Reads a `--schema` file: a tenant schema as the import stores it (`.defender-stream/schema.json`), at
 * most SCHEMA_LIMITS.maxFileBytes, checked by the import's own parser. A `SchemaFileError` naming the
 * file and what is wrong when it cannot be used.
 */
export async function readTenantSchemaFile(file: string): Promise<TenantSchema> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new SchemaFileError(`${file} is not a file.`);
    if (info.size > SCHEMA_LIMITS.maxFileBytes)
      throw new SchemaFileError(`${file} is larger than ${SCHEMA_LIMITS.maxFileBytes / (1024 * 1024)} MB: not a tenant schema.`);
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof SchemaFileError) throw error;
    throw new SchemaFileError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'cannot be read'}).`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SchemaFileError(`${file} is not UTF-8 text.`);
  }
  try {
    return parseTenantSchemaText(text);
  } catch (error) {
    if (error instanceof SchemaFileError) throw new SchemaFileError(`${file} is not a usable tenant schema: ${error.message}`);
    throw error;
  }
}

/** The schema of a `--schema` option: the tenant schema over the catalog, or the catalog. */
export async function schemaOption(file: string | true | undefined): Promise<SchemaLookup> {
  if (file === undefined) return CATALOG_LOOKUP;
  if (file === true) throw new UsageError('"--schema" needs a file.');
  return withTenantSchema(await readTenantSchemaFile(file));
}

/**
 * The schema of a `--schema` option for command `command`; when the file cannot be used, says why on
 * stderr and gives undefined (the command exits 2).
 */
export async function schemaOptionOrReport(file: string | true | undefined, io: CliIo, command: string): Promise<SchemaLookup | undefined> {
  try {
    return await schemaOption(file);
  } catch (error) {
    if (!(error instanceof SchemaFileError)) throw error;
    io.stderr.write(`defender-stream ${command}: ${terminalSafe(error.message)}\n`);
    return undefined;
  }
}
