/**
 * Config values as sources and destinations read back (api-notes §5.2, §5.3): which numbers and
 * booleans come string-encoded, whether the tool can read every one as its catalogue type, and
 * whether objects hold the quickstart's short keys (`database.hostname`) without their
 * `.user.defined` twin. Shapes only: no value is ever put into a result.
 */
import {
  decode,
  getConnector,
  shortApiKey,
  type ConnectorKind,
  type FieldSpec,
} from '../../catalogue/index.js';
import { fail, notChecked, ok, type ReadCheck, type ReadContext } from '../check.js';
import { describeShape, tally } from '../describe-shape.js';
import { configOf, field, type ListedKind } from '../samples.js';

const CONNECTOR_KINDS: readonly (ListedKind & ConnectorKind)[] = ['source', 'destination'];

interface KeyedValue {
  readonly field: FieldSpec;
  readonly value: unknown;
}

/** Every non-secret value of a catalogue field on every listed source and destination. */
async function catalogueValues(ctx: ReadContext): Promise<KeyedValue[]> {
  const out: KeyedValue[] = [];
  for (const kind of CONNECTOR_KINDS) {
    for (const row of await ctx.samples.rows(kind)) {
      const code = field(row, 'connector');
      const spec = typeof code === 'string' ? getConnector(kind, code) : undefined;
      if (!spec) continue;
      const config = configOf(row);
      for (const f of spec.fields) {
        const value = config[f.apiKey];
        if (!f.secret && value !== undefined && value !== null) out.push({ field: f, value });
      }
    }
  }
  return out;
}

function shapesOf(values: readonly KeyedValue[], type: FieldSpec['type']): string {
  const of = values.filter((v) => v.field.type === type);
  return of.length === 0 ? 'none seen' : tally(of.map((v) => describeShape(v.value, type)));
}

export const configEncodingCheck: ReadCheck = {
  def: {
    id: 'config-encoding',
    group: 'reads',
    title: 'Numbers and booleans in configs',
    assumed:
      'int values read back as numbers or digit strings, bool values as booleans or "true"/"false" ("1"/"0", "yes"/"no") strings',
    setting:
      'no setting: the tool reads an int from a number or a digit string and a bool from any of those forms, and writes native JSON',
  },
  run: async (ctx) => {
    const values = await catalogueValues(ctx);
    const typed = values.filter((v) => v.field.type === 'int' || v.field.type === 'bool');
    if (typed.length === 0) return notChecked('no source or destination holds a number or boolean setting');
    const seen = `int: ${shapesOf(values, 'int')}; bool: ${shapesOf(values, 'bool')}`;
    const unreadable = typed.filter((v) => !decode(v.field, v.value).ok);
    if (unreadable.length > 0) {
      const keys = [...new Set(unreadable.map((v) => v.field.apiKey))].sort();
      return fail(
        `${seen}; not readable as their type: ${keys.join(', ')}`,
        'The tool keeps such values as read and plans a change for them on every run. Report this with doctor --format json.',
      );
    }
    const strings = typed.filter((v) => typeof v.value === 'string').length;
    return ok(`${seen} (${strings} of ${typed.length} string-encoded)`);
  },
};

/** `database.hostname` for `database.hostname.user.defined`, where the short key is not a field itself. */
function shortKeysOf(kind: ConnectorKind, code: string): Map<string, string> {
  const spec = getConnector(kind, code);
  const keys = new Set(spec?.fields.map((f) => f.apiKey) ?? []);
  const out = new Map<string, string>();
  for (const f of spec?.fields ?? []) {
    const short = shortApiKey(f.apiKey);
    if (f.apiKey.endsWith('.user.defined') && short !== f.apiKey && !keys.has(short))
      out.set(short, f.apiKey);
  }
  return out;
}

export const shortKeysCheck: ReadCheck = {
  def: {
    id: 'short-keys',
    group: 'reads',
    title: "The quickstart's short config keys",
    assumed:
      "objects may hold the quickstart's short keys (database.hostname) without their .user.defined twin (database.hostname.user.defined)",
    setting:
      'no setting: the tool reads a short key as its field when the .user.defined twin is absent, and keeps it on updates',
  },
  run: async (ctx) => {
    let objects = 0;
    const onlyShort = new Map<string, number>();
    for (const kind of CONNECTOR_KINDS) {
      for (const row of await ctx.samples.rows(kind)) {
        const code = field(row, 'connector');
        if (typeof code !== 'string') continue;
        objects += 1;
        const config = configOf(row);
        for (const [short, twin] of shortKeysOf(kind, code)) {
          if (config[short] !== undefined && config[twin] === undefined) {
            onlyShort.set(short, (onlyShort.get(short) ?? 0) + 1);
          }
        }
      }
    }
    if (objects === 0) return notChecked('no source or destination to look at');
    if (onlyShort.size === 0) {
      return ok(`${objects} sources and destinations: no short key without its .user.defined twin`);
    }
    const list = [...onlyShort].map(([k, n]) => `${k} ×${n}`).join(', ');
    return ok(`short keys without their .user.defined twin (made the quickstart's way): ${list}`);
  },
};
