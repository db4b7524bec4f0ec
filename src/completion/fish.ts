import type { CompletionModel, CompletionOption } from './model.js';

/** A fish single-quoted string. */
function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function optionLine(program: string, o: CompletionOption, condition: string | undefined): string {
  const parts = [`complete -c ${program}`];
  if (condition !== undefined) parts.push(`-n ${quote(condition)}`);
  parts.push(`-l ${o.flag.replace(/^--/, '')}`);
  if (o.choices.length > 0) parts.push(`-xa ${quote(o.choices.join(' '))}`);
  else if (o.file) parts.push('-rF');
  else if (o.takesValue) parts.push('-x');
  if (o.description !== '') parts.push(`-d ${quote(o.description)}`);
  return parts.join(' ');
}

/** A fish completion script: `streamkap-gitops completion fish | source`. */
export function fishCompletion(m: CompletionModel): string {
  const p = m.program;
  const lines = [`# fish completion for ${p}: ${p} completion fish | source`, `complete -c ${p} -f`];
  for (const o of m.globalOptions) lines.push(optionLine(p, o, undefined));
  for (const c of m.commands) {
    lines.push(`complete -c ${p} -n '__fish_use_subcommand' -a ${c.name} -d ${quote(c.description)}`);
    const seen = `__fish_seen_subcommand_from ${c.name}`;
    for (const o of c.options) lines.push(optionLine(p, o, seen));
    if (c.argValues.length > 0)
      lines.push(`complete -c ${p} -n ${quote(seen)} -a ${quote(c.argValues.join(' '))}`);
    else if (c.fileArgs) lines.push(`complete -c ${p} -n ${quote(seen)} -F`);
  }
  return `${lines.join('\n')}\n`;
}
