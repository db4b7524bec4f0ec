import { renderEditorSchema } from '../../schema/index.js';
import type { CommandContext } from '../context.js';

/** The `schema` action: the manifest JSON Schema on stdout. */
export function runSchema(ctx: CommandContext): void {
  ctx.io.stdout.write(renderEditorSchema());
}
