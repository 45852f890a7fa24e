// The workspace's tenant schema (`.defender-stream/schema.json`) as a SchemaLookup for validation and drift.
import { CATALOG_LOOKUP, type SchemaLookup } from '../../core/catalog/schemaLookup';

/** The schema to check records against in this workspace: its tenant schema over the catalog, or the catalog. */
export async function loadWorkspaceSchemaLookup(): Promise<SchemaLookup> {
  return CATALOG_LOOKUP; // replaced by the tenant-schema import (issue #16)
}
