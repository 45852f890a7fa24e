// The Advanced Hunting results page and its host: one message union each way. Cells travel as text.

export interface ResultColumn {
  readonly name: string;
  readonly type: string;
}

export type HostToResultsPage =
  | { readonly type: 'running'; readonly query: string }
  | { readonly type: 'waiting'; readonly message: string }
  | {
      readonly type: 'result';
      readonly query: string;
      readonly columns: readonly ResultColumn[];
      readonly rows: readonly (readonly string[])[];
      readonly rowCount: number;
      readonly durationMs: number;
    }
  | { readonly type: 'failed'; readonly query: string; readonly message: string };

export type ResultsPageToHost = { readonly type: 'ready' } | { readonly type: 'copy' | 'exportCsv' | 'exportJson' };
