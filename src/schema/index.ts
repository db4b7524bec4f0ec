/**
 * The manifest language: load YAML files and directories, interpolate ${env:…}, validate (structure
 * with ajv, then semantic rules) and produce the shared DesiredState.
 */
import { ValidationError, type Problem } from '../errors/index.js';
import type { DesiredState } from '../model/index.js';
import { validateManifests, type LoadOptions } from './load-manifests.js';

export { validateManifests, type LoadOptions } from './load-manifests.js';
export { buildManifestSchema, renderEditorSchema, type SchemaMode } from './json-schema.js';
export { formatProblem } from './format-problem.js';

/**
 * The desired state for plan/apply. Throws ValidationError carrying every problem (warnings
 * included) when any error was found.
 */
export async function loadDesiredState(
  paths: string[],
  opts: LoadOptions,
): Promise<{ state: DesiredState; warnings: Problem[] }> {
  const { problems, state } = await validateManifests(paths, opts);
  if (!state) throw new ValidationError(problems);
  return { state, warnings: problems.filter((p) => p.severity === 'warning') };
}
