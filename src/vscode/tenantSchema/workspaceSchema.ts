// The workspace's tenant schema (`.defender-stream/schema.json`) as a SchemaLookup for validation and drift.
import * as vscode from 'vscode';
import { CATALOG_LOOKUP, withTenantSchema, type SchemaLookup } from '../../core/catalog/schemaLookup';
import { SCHEMA_DIRECTORY, SCHEMA_FILE_NAME, SCHEMA_FILE_PATH, SCHEMA_LIMITS } from '../../tenantSchema/limits';
import { tenantSchemaFromBytes } from '../../tenantSchema/schemaFile';
import { showWarning } from '../support/notify';

/** The part of the log channel used here (the composition root's "Defender Stream" channel). */
type Log = Pick<vscode.LogOutputChannel, 'info' | 'warn'>;

const OPEN_FILE = 'Open File';
/** File events come in bursts (a save writes, an import renames): reload once they settle. */
const SETTLE_MS = 150;

/** Where a folder keeps its tenant schema. */
export function schemaFileUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, SCHEMA_DIRECTORY, SCHEMA_FILE_NAME);
}

/**
 * The window's tenant schema: read from the first workspace folder holding `.defender-stream/schema.json`
 * (trusted workspaces only: the file is workspace content), cached until the file or the folders change.
 * The file is untrusted: it is bounded, shape-checked and name-checked (`tenantSchemaFromBytes`); one
 * that cannot be used leaves the catalog in charge and is reported once (log and notification) until
 * it changes. Never throws into callers.
 */
class WorkspaceSchemaSource implements vscode.Disposable {
  private loading: Promise<SchemaLookup> | undefined;
  private latest: SchemaLookup = CATALOG_LOOKUP;
  /** Bumped by every invalidation: a read that started before it does not become `latest`. */
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Problems already reported, so a broken file is reported once, not on every reload. */
  private readonly reported = new Set<string>();
  private readonly changed = new vscode.EventEmitter<SchemaLookup>();
  readonly onDidChange = this.changed.event;
  log: Log | undefined;

  get current(): SchemaLookup {
    return this.latest;
  }

  load(): Promise<SchemaLookup> {
    if (!this.loading) {
      const generation = this.generation;
      this.loading = this.read().then(
        (lookup) => {
          if (generation === this.generation) this.latest = lookup;
          return lookup;
        },
        () => CATALOG_LOOKUP, // read() reports its own failures; this is the last guard
      );
    }
    return this.loading;
  }

  /** Forgets the cached schema and reads it again once file events settle; listeners hear of the result. */
  invalidate(): void {
    this.generation++;
    this.loading = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reloadNow();
    }, SETTLE_MS);
  }

  /** Reads the schema now and tells the listeners (after an import, so the caller can wait for it). */
  async reloadNow(): Promise<SchemaLookup> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.generation++;
    this.loading = undefined;
    const lookup = await this.load();
    this.changed.fire(lookup);
    return lookup;
  }

  private async read(): Promise<SchemaLookup> {
    if (!vscode.workspace.isTrusted) {
      this.reportOnce(
        'untrusted',
        'The workspace is not trusted: its tenant schema (if any) is not used; validation uses the catalog.',
        false,
      );
      return CATALOG_LOOKUP;
    }
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = schemaFileUri(folder);
      let stat: vscode.FileStat;
      try {
        stat = await vscode.workspace.fs.stat(uri);
      } catch {
        continue; // no schema in this folder
      }
      const where = `${SCHEMA_FILE_PATH} in ${folder.name}`;
      try {
        if (stat.type & vscode.FileType.Directory) return this.unusable(uri, `${where} is a folder, not a file`);
        if (stat.size > SCHEMA_LIMITS.maxFileBytes)
          return this.unusable(uri, `${where} is larger than ${SCHEMA_LIMITS.maxFileBytes / (1024 * 1024)} MB`);
        const result = tenantSchemaFromBytes(await vscode.workspace.fs.readFile(uri));
        if ('problem' in result) return this.unusable(uri, `${result.problem.replace(SCHEMA_FILE_PATH, where)}`);
        const tables = Object.keys(result.schema.tables).length;
        this.reported.clear();
        this.log?.info(`Using the tenant schema ${where}: ${tables} table${tables === 1 ? '' : 's'}, updated ${result.schema.updatedAt}`);
        return withTenantSchema(result.schema);
      } catch (error) {
        return this.unusable(uri, `${where} cannot be read (${error instanceof Error ? error.name : 'error'})`);
      }
    }
    return CATALOG_LOOKUP;
  }

  private unusable(uri: vscode.Uri, problem: string): SchemaLookup {
    this.reportOnce(problem, `${problem}. Validation uses the built-in catalog until it is fixed.`, true, uri);
    return CATALOG_LOOKUP;
  }

  private reportOnce(key: string, message: string, notify: boolean, uri?: vscode.Uri): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.log?.warn(message);
    if (!notify) return;
    void showWarning(`Defender Stream: ${message}`, {}, OPEN_FILE).then((choice) => {
      if (choice === OPEN_FILE && uri) void vscode.window.showTextDocument(uri);
    });
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.changed.dispose();
  }
}

let source: WorkspaceSchemaSource | undefined;

function theSource(): WorkspaceSchemaSource {
  return (source ??= new WorkspaceSchemaSource());
}

/** The schema to check records against in this workspace: its tenant schema over the catalog, or the catalog. */
export async function loadWorkspaceSchemaLookup(): Promise<SchemaLookup> {
  return theSource().load();
}

/** The schema as last read (the catalog until the first read ends): for code that cannot wait, such as diagnostics. */
export function currentWorkspaceSchemaLookup(): SchemaLookup {
  return theSource().current;
}

/** Fires with the new lookup after the schema was read again (the file or the folders changed, or an import). */
export function onDidChangeWorkspaceSchema(listener: (lookup: SchemaLookup) => void): vscode.Disposable {
  return theSource().onDidChange(listener);
}

/** Reads the schema file again now (after writing it) and tells the listeners; resolves with the new lookup. */
export function reloadWorkspaceSchema(): Promise<SchemaLookup> {
  return theSource().reloadNow();
}

/**
 * Starts watching `.defender-stream/schema.json` in every workspace folder, workspace trust and the
 * folders themselves, and reads the schema once (listeners hear of it). The returned disposable stops it all.
 */
export function watchWorkspaceSchema(log: Log): vscode.Disposable {
  const schema = theSource();
  schema.log = log;
  let watchers: vscode.Disposable[] = [];
  const watch = (): void => {
    for (const w of watchers) w.dispose();
    watchers = (vscode.workspace.workspaceFolders ?? []).map((folder) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, SCHEMA_FILE_PATH));
      const changed = (): void => schema.invalidate();
      return vscode.Disposable.from(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
    });
  };
  watch();
  const subscriptions = [
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      watch();
      schema.invalidate();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => schema.invalidate()),
  ];
  void schema.reloadNow();
  return new vscode.Disposable(() => {
    for (const d of [...watchers, ...subscriptions]) d.dispose();
    schema.dispose();
    if (source === schema) source = undefined;
  });
}
