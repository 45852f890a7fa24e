/** What a where-filter reads: a Defender record (envelope fields and `properties`). Self-contained: the Live Tail page bundles this folder. */
export interface WhereRow {
  readonly properties?: unknown;
  readonly [field: string]: unknown;
}

/** A where-filter expression, as parsed. Positions are character offsets into the source. */
export type Literal =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'datetime'; readonly value: number };

/** A column: a properties column (or an envelope field: `time`, `category`, `tenantId`), then keys into dynamic values. */
export interface Path {
  readonly envelope: boolean;
  readonly segments: ReadonlyArray<string | number>;
  /** As written, for messages. */
  readonly text: string;
}

export type StringOp =
  '==' | '!=' | '=~' | '!~' | 'has' | 'has_cs' | 'contains' | 'contains_cs' | 'startswith' | 'startswith_cs' | 'endswith' | 'endswith_cs';
export type OrderOp = '<' | '<=' | '>' | '>=';

export type Expr =
  | { readonly kind: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'not'; readonly expr: Expr }
  /** `negate` for `!has`, `!contains`, ... (`!=`, `!~` are ops of their own). */
  | { readonly kind: 'compare'; readonly op: StringOp | OrderOp; readonly negate: boolean; readonly path: Path; readonly value: Literal }
  | { readonly kind: 'in'; readonly path: Path; readonly values: readonly Literal[]; readonly negate: boolean; readonly caseless: boolean }
  | { readonly kind: 'between'; readonly path: Path; readonly low: Literal; readonly high: Literal; readonly negate: boolean }
  | { readonly kind: 'empty'; readonly path: Path; readonly negate: boolean }
  /** A column on its own: true when it holds true (or 1, or "true"). */
  | { readonly kind: 'truthy'; readonly path: Path };
