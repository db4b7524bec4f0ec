/**
 * One entry of the bad-input corpus (test/chaos/corpus.test.ts): the files of a manifest root, made
 * in code, and what the CLI must do with them.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface CorpusCase {
  /** Unique and stable: `family/what/how`. */
  readonly id: string;
  /**
   * `refused`: exit 4, no API request. `accepted`: valid input that looks hostile (a null optional
   * key, a CR in free text): the command goes on and reaches the API.
   */
  readonly expect: 'refused' | 'accepted';
  /** Files under the case's root, relative paths. */
  readonly files: Readonly<Record<string, string | Buffer>>;
  /** Special files (FIFOs, symlinks, devices) made after the files; `root` is absolute. */
  readonly setup?: (root: string, outside: string) => void;
  /** The manifest argument, relative to the case's root (default: the root itself). */
  readonly target?: string;
  /**
   * Where the message must point, relative to the root: `file:line` (or `file` alone when the
   * refusal has no line, such as a FIFO given as a manifest argument).
   */
  readonly where?: string;
  /** Text the message must contain (refused cases). */
  readonly says?: RegExp;
}

const EXAMPLES = path.resolve('examples');

/** The example manifests the corpus mutates: the tour and the team file that extends it. */
export const EXAMPLE_FILES: Readonly<Record<string, string>> = {
  'streamkap.yaml': readFileSync(path.join(EXAMPLES, 'streamkap.yaml'), 'utf8'),
  'teams/analytics.yaml': readFileSync(path.join(EXAMPLES, 'teams/analytics.yaml'), 'utf8'),
  'transforms/mask-emails.js': readFileSync(path.join(EXAMPLES, 'transforms/mask-emails.js'), 'utf8'),
};

/** A small valid manifest for cases that change one thing: a source, a destination, a pipeline, a tag. */
export const MINI = `namespace: corpus
tags:
  - name: team-a
    description: owned by team a
sources:
  - name: orders-db
    connector: postgresql
    tags: [team-a]
    config:
      database_hostname: orders.internal
      database_user: streamkap
      database_password: \${env:ORDERS_DB_PASSWORD}
      database_dbname: orders
      schema_include_list: public
      table_include_list: [public.orders]
destinations:
  - name: warehouse
    connector: clickhouse
    config:
      hostname: ch.internal
      connection_username: streamkap
      connection_password: \${env:CLICKHOUSE_PASSWORD}
      database: shop
pipelines:
  - name: orders-to-warehouse
    source: orders-db
    destination: warehouse
    topics: [public.orders]
`;

/** 1-based line of the first line of MINI (or any text) that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const at = text.split('\n').findIndex((l) => l.includes(needle));
  if (at < 0) throw new Error(`corpus: ${JSON.stringify(needle)} not found`);
  return at + 1;
}
