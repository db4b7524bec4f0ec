/**
 * What a shell needs to complete the CLI, read from the commander program itself so the scripts
 * can never list a flag that does not exist (or miss a new one).
 */
import type { Command, Option } from 'commander';

export interface CompletionOption {
  /** `--format`, `--no-color`. */
  readonly flag: string;
  readonly takesValue: boolean;
  /** Allowed values; empty when free. */
  readonly choices: readonly string[];
  /** The value names a file (`--out <file>`). */
  readonly file: boolean;
  readonly description: string;
}

export interface CompletionCommand {
  readonly name: string;
  readonly description: string;
  readonly options: readonly CompletionOption[];
  /** Values of the first argument (a shell name, a connector code); empty when none are known. */
  readonly argValues: readonly string[];
  /** The arguments are files or directories (manifest paths). */
  readonly fileArgs: boolean;
}

export interface CompletionModel {
  readonly program: string;
  readonly globalOptions: readonly CompletionOption[];
  readonly commands: readonly CompletionCommand[];
}

// NOTE: every word lands unquoted in shell code; anything else is a bug in a flag or a choice.
const SAFE_WORD = /^[A-Za-z0-9_.:/@+-]+$/;

function safe(word: string): string {
  if (!SAFE_WORD.test(word)) throw new Error(`completion: "${word}" is not a safe shell word`);
  return word;
}

function firstClause(text: string): string {
  const clause = text.split(/[;(]/)[0]?.trim() ?? '';
  return clause.length > 70 ? `${clause.slice(0, 69)}…` : clause;
}

function optionOf(o: Option): CompletionOption {
  const takesValue = o.required || o.optional;
  return {
    flag: safe(o.long ?? o.flags),
    takesValue,
    choices: (o.argChoices ?? []).map(safe),
    file: takesValue && /<(file|dir|path)[^>]*>/.test(o.flags),
    description: firstClause(o.description),
  };
}

const HELP: CompletionOption = {
  flag: '--help',
  takesValue: false,
  choices: [],
  file: false,
  description: 'show help',
};

function commandOf(cmd: Command, argValues: readonly string[]): CompletionCommand {
  const first = cmd.registeredArguments[0];
  const choices = first?.argChoices ?? [];
  return {
    name: safe(cmd.name()),
    description: firstClause(cmd.description()),
    options: [...cmd.options.map(optionOf), HELP],
    argValues: [...choices, ...argValues].map(safe),
    fileArgs: first !== undefined && /path|dir|file/.test(first.name()),
  };
}

/** The model of `program`; `argValues` adds known values of a command's first argument. */
export function completionModel(
  program: Command,
  argValues: Readonly<Record<string, readonly string[]>> = {},
): CompletionModel {
  return {
    program: safe(program.name()),
    globalOptions: [...program.options.map(optionOf), HELP],
    commands: program.commands.map((c) => commandOf(c, argValues[c.name()] ?? [])),
  };
}
