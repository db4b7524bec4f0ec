/**
 * `export`: checks the flags, reads the account and writes the manifests (src/export), then says
 * what it wrote: the files, the variables the manifests need (never a value), notes, and what to
 * run next.
 */
import * as path from 'node:path';
import { UserError } from '../../errors/index.js';
import { exportAccount, type ExportBundle } from '../../export/index.js';
import { namespaceProblem } from '../../init/choices.js';
import { registry } from '../../kinds/registry.js';
import type { ResourceKind } from '../../model/index.js';
import { printable } from '../../render/printable.js';
import { openApiClient } from '../api-session.js';
import type { CommandContext } from '../context.js';
import type { ExportFlags } from '../flags.js';

/** The kind whose manifest section `--split` names. */
function splitKind(section: string | undefined): ResourceKind | undefined {
  if (section === undefined) return undefined;
  const kind = registry.kinds.find((k) => k.manifest.key === section);
  if (!kind) throw new UserError(`--split ${section}: no such manifest section`);
  return kind.kind;
}

function summary(bundle: ExportBundle, out: string, flags: ExportFlags): string {
  const total = bundle.counts.reduce((n, c) => n + c.count, 0);
  if (total === 0) {
    const notes = bundle.notes.map((n) => `  ${n}`);
    return [
      `Nothing to export (--select ${flags.select}, namespace ${flags.namespace}); no file was written.`,
      ...(notes.length > 0 ? ['', 'Notes:', ...notes] : []),
      '',
    ]
      .map(printable)
      .join('\n');
  }
  const lines = [
    `Exported ${total} object${total === 1 ? '' : 's'} (--select ${flags.select}, namespace ${flags.namespace}) to ${out}:`,
    ...bundle.counts.map((c) => `  ${registry.get(c.kind).manifest.key.padEnd(14)}${c.count}`),
    '',
    'Files:',
    ...bundle.files.map((f) => `  ${path.join(out, f.path)}`),
  ];
  if (bundle.secrets.length > 0) {
    const width = Math.max(...bundle.secrets.map((s) => s.name.length));
    lines.push(
      '',
      `Secrets: set ${bundle.secrets.length === 1 ? 'this variable' : `these ${bundle.secrets.length} variables`} before plan or apply (listed in ${path.join(out, '.env.example')}):`,
      ...bundle.secrets.map((s) => `  ${s.name.padEnd(width)}  ${s.kind} "${s.resource}" ${s.field}`),
    );
  }
  if (bundle.notes.length > 0) lines.push('', 'Notes:', ...bundle.notes.map((n) => `  ${n}`));
  const adopt = flags.select === 'owned' ? '' : ' --adopt';
  lines.push(
    '',
    'Next:',
    `  streamkap-gitops validate ${out} --allow-missing-env`,
    `  streamkap-gitops plan ${out}${adopt}`,
    '',
  );
  return lines.map(printable).join('\n');
}

export async function runExport(ctx: CommandContext, flags: ExportFlags): Promise<void> {
  const problem = namespaceProblem(flags.namespace);
  if (problem !== undefined) throw new UserError(`--namespace: ${problem}`);
  if (flags.out.trim() === '') throw new UserError('--out must not be empty');
  const split = splitKind(flags.split);
  const out = path.resolve(ctx.io.cwd, flags.out);
  const command = [
    'streamkap-gitops export',
    `--namespace ${flags.namespace}`,
    `--select ${flags.select}`,
    ...(flags.split ? [`--split ${flags.split}`] : []),
  ].join(' ');
  const client = openApiClient(ctx, flags);
  try {
    const bundle = await exportAccount(client, {
      namespace: flags.namespace,
      selection: flags.select,
      split,
      command,
      out,
      force: flags.force,
      logger: ctx.logger(),
      report: (line) => ctx.io.stderr.write(`${line}\n`),
    });
    ctx.io.stdout.write(summary(bundle, flags.out, flags));
  } finally {
    await client.close();
  }
}
