/**
 * How secrets read back (api-notes §2.4, §5.6): in plaintext with `secret_returned=true` (a secret
 * never set reads `null`), and withheld without it (omitted, `null` or masked: ASSUMED which). The
 * tool always asks for plaintext, to compare secrets (rule 9). Only shapes are reported: a secret
 * is `plaintext string`, never its length or content.
 */
import { getConnector, type ConnectorKind } from '../../catalogue/index.js';
import { notChecked, ok, warn, type ReadCheck, type ReadContext, type Verdict } from '../check.js';
import { describeSecret, tally } from '../describe-shape.js';
import { configOf, field, type ListedKind } from '../samples.js';

const CONNECTOR_KINDS: readonly (ListedKind & ConnectorKind)[] = ['source', 'destination'];

/** Secret values per `id\u0000apiKey` of rows, as read. */
function secretsOf(kind: ConnectorKind, rows: readonly unknown[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const row of rows) {
    const code = field(row, 'connector');
    const id = field(row, 'id');
    const spec = typeof code === 'string' ? getConnector(kind, code) : undefined;
    if (!spec || typeof id !== 'string') continue;
    const config = configOf(row);
    for (const f of spec.fields) if (f.secret) out.set(`${id}\u0000${f.apiKey}`, config[f.apiKey]);
  }
  return out;
}

interface SecretReadings {
  /** With secret_returned=true (how the tool reads). */
  readonly asked: Map<string, unknown>;
  /** The same keys without it. */
  readonly plain: Map<string, unknown>;
}

async function readings(ctx: ReadContext): Promise<SecretReadings> {
  const asked = new Map<string, unknown>();
  const plain = new Map<string, unknown>();
  for (const kind of CONNECTOR_KINDS) {
    const { path } = ctx.samples.endpoint(kind);
    for (const [k, v] of secretsOf(kind, await ctx.samples.rows(kind))) asked.set(`${kind}\u0000${k}`, v);
    for (const [k, v] of secretsOf(kind, await ctx.api.list(path))) plain.set(`${kind}\u0000${k}`, v);
  }
  return { asked, plain };
}

const WITHHELD = new Set(['omitted', 'null', 'masked "********"']);

function withheldVerdict({ asked, plain }: SecretReadings): Verdict {
  // NOTE: only secrets that are set (plaintext with the flag) say how a withheld secret looks.
  const set = [...asked].filter(([, v]) => describeSecret(v) === 'plaintext string').map(([k]) => k);
  if (set.length === 0) return notChecked('no source or destination holds a secret that is set');
  const shapes = set.map((k) => describeSecret(plain.get(k)));
  const seen = `without secret_returned: ${tally(shapes)}`;
  if (shapes.some((s) => !WITHHELD.has(s))) {
    return warn(
      `${seen}: secrets are not withheld without secret_returned`,
      'Nothing to set (the tool always asks for plaintext and masks secrets in its output), but report this with doctor --format json.',
    );
  }
  return ok(seen);
}

export const secretsWithheldCheck: ReadCheck = {
  def: {
    id: 'secrets-withheld',
    group: 'reads',
    title: 'Secrets without secret_returned',
    assumed: 'secrets are withheld without secret_returned=true (omitted, null or masked "********")',
    setting: 'no setting: the tool always reads with secret_returned=true',
  },
  run: async (ctx) => withheldVerdict(await readings(ctx)),
};

export const secretsReturnedCheck: ReadCheck = {
  def: {
    id: 'secrets-returned',
    group: 'reads',
    title: 'Secrets with secret_returned=true',
    assumed: 'secret_returned=true returns secrets in plaintext; a secret never set reads null',
    setting:
      'plan/apply --resend-secrets (a secret that reads back null or masked counts as changed and is sent); no setting for the query flag itself',
  },
  run: async (ctx) => {
    const { asked } = await readings(ctx);
    if (asked.size === 0) return notChecked('no source or destination has a secret field');
    const shapes = [...asked.values()].map(describeSecret);
    const seen = `with secret_returned=true: ${tally(shapes)}`;
    if (!shapes.includes('plaintext string') && shapes.some((s) => s !== 'null')) {
      return warn(
        `${seen}: no secret came back in plaintext`,
        'The tool cannot see a secret changed outside git: plans never show secret drift. Run plan/apply with --resend-secrets to send every secret from the manifests.',
      );
    }
    return ok(seen);
  },
};

/** The source and destination a pipeline row embeds, by kind. */
function embedded(rows: readonly unknown[], kind: ConnectorKind): unknown[] {
  return rows.map((r) => field(r, kind)).filter((o) => o !== null && typeof o === 'object');
}

function embeddedShapes(rows: readonly unknown[]): string[] {
  return CONNECTOR_KINDS.flatMap((kind) => [...secretsOf(kind, embedded(rows, kind)).values()]).map(
    describeSecret,
  );
}

export const secretsEmbeddedCheck: ReadCheck = {
  def: {
    id: 'secrets-embedded',
    group: 'reads',
    title: 'Secrets inside pipelines',
    assumed:
      'pipeline rows embed their source and destination whole, secrets included (plaintext with secret_returned=true)',
    setting:
      'no setting: the tool never reads the embedded configs (sources and destinations come from their own lists) and masks them in logs',
  },
  run: async (ctx) => {
    const asked = embeddedShapes(await ctx.samples.rows('pipeline'));
    if (asked.length === 0)
      return notChecked('no pipeline embeds a source or destination with a secret field');
    const plain = embeddedShapes(await ctx.api.list(ctx.samples.endpoint('pipeline').path));
    return ok(`with secret_returned=true: ${tally(asked)}; without: ${tally(plain) || 'no embedded secret'}`);
  },
};
