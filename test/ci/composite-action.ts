/**
 * Runs a composite action's `run:` steps the way a GitHub runner does: bash with -eo pipefail,
 * `env:` and `working-directory:` per step, GITHUB_OUTPUT read back into `steps.<id>.outputs`.
 * Expressions are limited to `inputs.*`, `steps.<id>.outputs.*` and `github.action_path|token`:
 * anything else fails the test, which keeps action.yml to those (the safe, env-only style).
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import { run } from '../package/packed.js';

interface Step {
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface ActionFile {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

function evaluate(text: string, scope: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    if (!(expr in scope))
      throw new Error(`action.yml uses an expression the runner here does not know: ${expr}`);
    return scope[expr] ?? '';
  });
}

/** Runs action.yml's steps in `workspace`; stops at the first failing step, as a runner does. */
export async function runCompositeAction(
  actionDir: string,
  workspace: string,
  withInputs: Record<string, string>,
  env: NodeJS.ProcessEnv,
): Promise<ActionRun> {
  const action = parse(await readFile(path.join(actionDir, 'action.yml'), 'utf8')) as ActionFile;
  if (action.runs.using !== 'composite') throw new Error('not a composite action');
  const scope: Record<string, string> = {
    'github.action_path': actionDir,
    'github.token': env['GITHUB_TOKEN'] ?? '',
  };
  for (const [name, spec] of Object.entries(action.inputs))
    scope[`inputs.${name}`] = withInputs[name] ?? evaluate(spec.default ?? '', scope);
  let stdout = '';
  let stderr = '';
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.run === undefined || step.shell !== 'bash')
      throw new Error(`step ${i}: only bash run steps are supported`);
    const outputFile = path.join(workspace, `.github-output-${i}`);
    await writeFile(outputFile, '');
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), scope)]),
    );
    const cwd = path.resolve(workspace, evaluate(step['working-directory'] ?? '.', scope));
    const r = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
      cwd,
      env: {
        ...env,
        ...stepEnv,
        GITHUB_OUTPUT: outputFile,
        GITHUB_ACTION_PATH: actionDir,
      },
    });
    stdout += r.out;
    stderr += r.err;
    for (const [k, v] of Object.entries(parseOutputs(await readFile(outputFile, 'utf8'))))
      if (step.id !== undefined) scope[`steps.${step.id}.outputs.${k}`] = v;
    if (r.code !== 0) return { code: r.code, stdout, stderr, outputs: outputsOf(action, scope) };
  }
  return { code: 0, stdout, stderr, outputs: outputsOf(action, scope) };
}

function outputsOf(action: ActionFile, scope: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(action.outputs).map(([name, o]) => [
      name,
      o.value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, e: string) => scope[e] ?? ''),
    ]),
  );
}
