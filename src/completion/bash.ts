import type { CompletionCommand, CompletionModel, CompletionOption } from './model.js';

const words = (list: readonly string[]): string => list.join(' ');

/** `case "$prev"` arms that complete an option's value (choices, files, or nothing). */
function valueArms(options: readonly CompletionOption[], indent: string): string[] {
  return options
    .filter((o) => o.takesValue)
    .map((o) => {
      const reply =
        o.choices.length > 0
          ? `COMPREPLY=($(compgen -W "${words(o.choices)}" -- "$cur"))`
          : o.file
            ? 'COMPREPLY=($(compgen -f -- "$cur"))'
            : 'COMPREPLY=()';
      return `${indent}${o.flag}) ${reply}; return ;;`;
    });
}

function commandArm(c: CompletionCommand): string[] {
  const opts = words(c.options.map((o) => o.flag));
  const args =
    c.argValues.length > 0
      ? `COMPREPLY=($(compgen -W "${words(c.argValues)}" -- "$cur"))`
      : c.fileArgs
        ? 'COMPREPLY=($(compgen -f -- "$cur"))'
        : 'COMPREPLY=()';
  return [
    `    ${c.name})`,
    '      case "$prev" in',
    ...valueArms(c.options, '        '),
    '      esac',
    `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${opts}" -- "$cur")); else ${args}; fi`,
    '      ;;',
  ];
}

/** A bash completion script: `source <(streamkap-gitops completion bash)`. */
export function bashCompletion(m: CompletionModel): string {
  const fn = `_${m.program.replace(/[^A-Za-z0-9]/g, '_')}`;
  const globalValued = m.globalOptions.filter((o) => o.takesValue).map((o) => o.flag);
  return [
    `# bash completion for ${m.program}: source <(${m.program} completion bash)`,
    `${fn}() {`,
    '  local cur prev cmd i',
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  cmd=""',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case "${COMP_WORDS[i]}" in',
    ...(globalValued.length > 0 ? [`      ${globalValued.join('|')}) ((i++)) ;;`] : []),
    '      -*) ;;',
    '      *) cmd="${COMP_WORDS[i]}"; break ;;',
    '    esac',
    '  done',
    '  case "$prev" in',
    ...valueArms(m.globalOptions, '    '),
    '  esac',
    '  case "$cmd" in',
    '    "")',
    `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${words(m.globalOptions.map((o) => o.flag))}" -- "$cur"))`,
    `      else COMPREPLY=($(compgen -W "${words(m.commands.map((c) => c.name))}" -- "$cur")); fi`,
    '      ;;',
    ...m.commands.flatMap(commandArm),
    '  esac',
    '}',
    `complete -o filenames -F ${fn} ${m.program}`,
    '',
  ].join('\n');
}
