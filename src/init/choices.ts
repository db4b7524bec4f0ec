/** What `init` accepts for a namespace and the two connectors, with a hint for a near miss. */
import { connectorCodes, type ConnectorKind } from '../catalogue/index.js';
import { didYouMean } from '../schema/suggest.js';

const NAMESPACE = /^[a-z0-9][a-z0-9-]{0,40}$/;

export function namespaceProblem(value: string): string | undefined {
  return NAMESPACE.test(value)
    ? undefined
    : `"${value}" is not a namespace: lower-case letters, digits and -, at most 41 characters, starting with a letter or digit`;
}

/** A namespace made from a directory name: `My Repo` → `my-repo`; `streamkap` when nothing is left. */
export function namespaceFrom(dirName: string): string {
  const slug = dirName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 41)
    .replace(/-+$/, '');
  return namespaceProblem(slug) === undefined ? slug : 'streamkap';
}

export function connectorProblem(kind: ConnectorKind, code: string): string | undefined {
  const codes = connectorCodes(kind);
  if (codes.includes(code)) return undefined;
  const hint = didYouMean(code, codes);
  return `"${code}" is not a ${kind} connector${hint === undefined ? '' : `; ${hint}`} (streamkap-gitops connectors --kind ${kind} lists them)`;
}

/** A few well-known codes for the question's text. */
export function examples(kind: ConnectorKind): string {
  const known =
    kind === 'source'
      ? ['postgresql', 'mysql', 'mongodb', 'sqlserveraws']
      : ['snowflake', 'clickhouse', 'bigquery', 's3'];
  return known.filter((c) => connectorCodes(kind).includes(c)).join(', ');
}
