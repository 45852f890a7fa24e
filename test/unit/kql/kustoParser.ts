import { createRequire } from 'node:module';
import { TABLES } from '../../../src/core/catalog/schemaCatalog';

/**
 * Microsoft's Kusto parser (@kusto/language-service-next), a Bridge.NET build: `bridge.js` defines the
 * `Bridge` and `System` globals that `Kusto.Language.Bridge.js` then extends with `Kusto`.
 */
interface Diagnostic {
  readonly Severity: string;
  readonly Message: string;
  readonly Start: number;
  readonly Length: number;
}
interface KustoCode {
  GetDiagnostics(): unknown;
}
interface KustoGlobals {
  Bridge: { toArray<T>(list: unknown): T[] };
  Kusto: {
    Language: {
      KustoCode: { Parse(text: string, globals?: unknown): KustoCode; ParseAndAnalyze(text: string, globals?: unknown): KustoCode };
      GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
      Symbols: {
        TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown };
        DatabaseSymbol: { ctor: new (name: string, members: unknown[]) => unknown };
      };
    };
  };
}

let loaded: { kusto: KustoGlobals; globals: unknown } | undefined;

/** Loads the parser (slow: about ten seconds on a busy machine); call it from a `before` hook with a long timeout. */
export function load(): { kusto: KustoGlobals; globals: unknown } {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const dir = require.resolve('@kusto/language-service-next/package.json').replace(/package\.json$/, '');
  require(`${dir}bridge.js`);
  require(`${dir}Kusto.Language.Bridge.js`);
  const kusto = globalThis as unknown as KustoGlobals;
  const { Symbols, GlobalState } = kusto.Kusto.Language;
  // Every catalog table with its documented columns.
  const tables = TABLES.map(
    (t) => new Symbols.TableSymbol.$ctor7(t.name, `(${t.columns.map((c) => `['${c.name}']:${c.type}`).join(', ')})`, null),
  );
  const database = new Symbols.DatabaseSymbol.ctor('DefenderStreaming', tables);
  loaded = { kusto, globals: GlobalState.Default.WithDatabase(database) };
  return loaded;
}

function diagnostics(code: KustoCode): Diagnostic[] {
  return load().kusto.Bridge.toArray<Diagnostic>(code.GetDiagnostics());
}

/** Syntax errors only. */
export function syntaxErrors(query: string): Diagnostic[] {
  const { kusto, globals } = load();
  return diagnostics(kusto.Kusto.Language.KustoCode.Parse(query, globals)).filter((d) => d.Severity === 'Error');
}

/** Syntax and semantic errors against a database holding every catalog table. */
export function semanticErrors(query: string): Diagnostic[] {
  const { kusto, globals } = load();
  return diagnostics(kusto.Kusto.Language.KustoCode.ParseAndAnalyze(query, globals)).filter((d) => d.Severity === 'Error');
}

export function describe(errors: readonly Diagnostic[], query: string): string {
  return (
    errors.map((e) => `${e.Message} at ${e.Start}: "${query.slice(e.Start, e.Start + Math.max(e.Length, 10))}"`).join('\n') +
    `\n--- query ---\n${query}`
  );
}

/** Globals holding a database of exactly these tables (e.g. the ones a generated script creates). */
export function globalsWith(tables: ReadonlyArray<{ name: string; columns: ReadonlyArray<{ name: string; type: string }> }>): unknown {
  const { kusto } = load();
  const { Symbols, GlobalState } = kusto.Kusto.Language;
  const symbols = tables.map(
    (t) =>
      new Symbols.TableSymbol.$ctor7(t.name, `(${t.columns.map((c) => `['${c.name.replace(/'/g, "\\'")}']:${c.type}`).join(', ')})`, null),
  );
  return GlobalState.Default.WithDatabase(new Symbols.DatabaseSymbol.ctor('Ingestion', symbols));
}

/** Errors of `text` (syntax only, or syntax and semantics) against the given globals. */
export function errorsWith(text: string, globals: unknown, analyze: boolean): Diagnostic[] {
  const { KustoCode } = load().kusto.Kusto.Language;
  return diagnostics(analyze ? KustoCode.ParseAndAnalyze(text, globals) : KustoCode.Parse(text, globals)).filter(
    (d) => d.Severity === 'Error',
  );
}

/** The columns (name and Kusto type) a query returns, as Kusto's analyzer computes them. */
export function resultColumns(query: string, globals: unknown): Array<{ name: string; type: string }> {
  const { kusto } = load();
  const code = kusto.Kusto.Language.KustoCode.ParseAndAnalyze(query, globals) as unknown as {
    ResultType: { Columns: unknown } | null;
  };
  if (!code.ResultType) return [];
  return kusto.Bridge.toArray<{ Name: string; Type: { Name: string } }>(code.ResultType.Columns).map((c) => ({
    name: c.Name,
    type: c.Type.Name,
  }));
}
