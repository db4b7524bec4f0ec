/**
 * `init [dir]`: asks for the namespace and the two connectors on a terminal (flags answer in
 * advance; without a terminal the flags or their defaults are used), then writes the scaffold.
 */
import * as path from 'node:path';
import type { ConnectorKind } from '../../catalogue/index.js';
import { UserError } from '../../errors/index.js';
import { connectorProblem, examples, namespaceFrom, namespaceProblem } from '../../init/choices.js';
import { ask, lineReader, type LineReader } from '../../init/prompt.js';
import { scaffoldFiles, writeScaffold } from '../../init/scaffold.js';
import type { CommandContext } from '../context.js';
import type { InitFlags } from '../flags.js';
import { TOOL_VERSION } from '../version.js';

interface Answers {
  readonly namespace: string;
  readonly source: string;
  readonly destination: string;
}

function checked(value: string, problem: string | undefined, flag: string): string {
  if (problem !== undefined) throw new UserError(`${flag}: ${problem}`);
  return value;
}

function fromFlags(flags: InitFlags, dir: string): Answers {
  const namespace = flags.namespace ?? namespaceFrom(path.basename(dir));
  const source = flags.source ?? 'postgresql';
  const destination = flags.destination ?? 'snowflake';
  return {
    namespace: checked(namespace, namespaceProblem(namespace), '--namespace'),
    source: checked(source, connectorProblem('source', source), '--source'),
    destination: checked(destination, connectorProblem('destination', destination), '--destination'),
  };
}

async function askConnector(reader: LineReader, ctx: CommandContext, kind: ConnectorKind, fallback: string) {
  return ask(reader, ctx.io.stderr, {
    text: `${kind === 'source' ? 'Source' : 'Destination'} connector (${examples(kind)}, …)`,
    fallback,
    check: (a) => connectorProblem(kind, a),
  });
}

async function fromTerminal(ctx: CommandContext, flags: InitFlags, defaults: Answers): Promise<Answers> {
  const reader = lineReader(ctx.io.stdin);
  try {
    const namespace =
      flags.namespace ??
      (await ask(reader, ctx.io.stderr, {
        text: 'Namespace',
        fallback: defaults.namespace,
        check: namespaceProblem,
      }));
    const source = flags.source ?? (await askConnector(reader, ctx, 'source', defaults.source));
    const destination =
      flags.destination ?? (await askConnector(reader, ctx, 'destination', defaults.destination));
    return { namespace, source, destination };
  } finally {
    reader.close();
  }
}

/** The `init` action. */
export async function runInit(ctx: CommandContext, dir: string, flags: InitFlags): Promise<void> {
  const target = path.resolve(ctx.io.cwd, dir);
  const defaults = fromFlags(flags, target);
  const answers = ctx.io.stdin.isTTY === true ? await fromTerminal(ctx, flags, defaults) : defaults;
  const files = scaffoldFiles({ ...answers, version: TOOL_VERSION });
  await writeScaffold(target, files, flags.force);
  const out = ctx.io.stdout;
  out.write(`Wrote ${files.length} files to ${target}:\n${files.map((f) => `  ${f.path}\n`).join('')}`);
  out.write(
    [
      '',
      'Next:',
      '  1. Fill in the TODOs of streamkap/streamkap.yaml (streamkap-gitops connectors <connector> lists the keys).',
      '  2. npx streamkap-gitops validate streamkap/ --allow-missing-env',
      '  3. Add STREAMKAP_CLIENT_ID, STREAMKAP_CLIENT_SECRET and the variables of .env.example as repository secrets.',
      '',
    ].join('\n'),
  );
}
