import * as vscode from 'vscode';
import type { TenantSchema } from '../../core/catalog/schemaLookup';
import { serializeTenantSchema } from '../../tenantSchema/schemaFile';

/**
 * Writes the tenant schema atomically: into a temporary file next to it, then renamed over it, so a
 * reader (or a crash) never sees half a file and a failed write leaves the old one in place.
 */
export async function writeSchemaFile(uri: vscode.Uri, schema: TenantSchema): Promise<void> {
  const directory = vscode.Uri.joinPath(uri, '..');
  await vscode.workspace.fs.createDirectory(directory);
  const name = uri.path.split('/').pop() ?? 'schema.json';
  const temporary = vscode.Uri.joinPath(directory, `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(serializeTenantSchema(schema)));
  try {
    await vscode.workspace.fs.rename(temporary, uri, { overwrite: true });
  } catch (error) {
    await Promise.resolve(vscode.workspace.fs.delete(temporary)).catch(() => undefined);
    throw error;
  }
}
