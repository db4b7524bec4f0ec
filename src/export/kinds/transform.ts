/** Transforms: the type, the code (a file of its own) and the config. */
import { VALUE_CONTROL } from '../../schema/escape-control.js';
import type { LiveOf } from '../../model/index.js';
import { exportConfig } from '../config.js';
import type { ExportContext, KindExport, ManifestItem } from './types.js';

/** The largest code file `validate` reads without --max-file-size (docs/manifest.md). */
const MAX_CODE_BYTES = 1024 * 1024;

const EXTENSIONS: Readonly<Record<string, string>> = { javascript: 'js', python: 'py', sql: 'sql' };

function extensionOf(live: LiveOf<'transform'>): string {
  const language = live.config['transforms_language'];
  return (typeof language === 'string' ? EXTENSIONS[language.toLowerCase()] : undefined) ?? 'js';
}

/**
 * `implementation_file` when the live code can be one: the manifest sends a file's text as
 * `value_transform` and compares it with the live code, so other code keys stay as they are.
 */
function codeFile(live: LiveOf<'transform'>, ctx: ExportContext): string | undefined {
  const code = live.implementation?.['value_transform'];
  if (typeof code !== 'string' || live.type === 'topic_router') return undefined;
  const refused = VALUE_CONTROL.test(code)
    ? 'holds control characters a manifest file may not'
    : Buffer.byteLength(code, 'utf8') > MAX_CODE_BYTES
      ? 'is larger than 1 MiB'
      : undefined;
  if (refused !== undefined) {
    ctx.warn(`transform "${live.name}": its code ${refused}; left out (the live code stays as it is)`);
    return undefined;
  }
  return ctx.code(code, extensionOf(live));
}

export const transformExport: KindExport<'transform'> = {
  item(live, ctx) {
    const config = exportConfig('transform', live.type, live.config, (f) => ctx.secret(f));
    if (config === undefined) return undefined;
    const file = codeFile(live, ctx);
    const item: ManifestItem = { type: live.type };
    if (file !== undefined) item['implementation_file'] = file;
    item['config'] = config;
    return item;
  },
};
