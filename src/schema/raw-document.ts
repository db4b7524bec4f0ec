/** What a YAML reader (parse-yaml.ts, parse-yaml-fast.ts) gives the loader for one file. */
export interface RawPosition {
  readonly line: number;
  readonly col: number;
}

export interface RawDocument {
  /** The parser's errors in plain words (yaml-errors.ts), at the line of the real mistake. */
  readonly errors: readonly {
    readonly code: string;
    readonly message: string;
    readonly hint?: string;
    readonly pos: RawPosition;
  }[];
  readonly value?: unknown;
  /** Why `value` is missing although the syntax was fine: too many aliases, too deep, other. */
  readonly failure?: { readonly kind: 'aliases' | 'stack' | 'other'; readonly message: string };
  /** Start of the document's content. */
  readonly start: RawPosition;
  /**
   * Positions taken while the AST exists: `namespace` and every top-level list item (`sources/3`),
   * so entry locations need no second parse.
   */
  readonly anchors: Readonly<Record<string, RawPosition>>;
}

export type RawParse = { readonly docs: readonly RawDocument[] } | { readonly fatal: 'stack' | string };
