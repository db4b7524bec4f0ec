/** `.env.example` of an export: every variable its manifests reference, empty, with what it is for. */
import type { SecretVariable } from './env-names.js';

export function envExample(vars: readonly SecretVariable[]): string {
  return [
    '# The environment the exported manifests need (written by streamkap-gitops export).',
    '# Copy to .env and fill in (never commit the filled copy), or set these as CI secrets.',
    '# The Streamkap API client:',
    'STREAMKAP_CLIENT_ID=',
    'STREAMKAP_CLIENT_SECRET=',
    ...(vars.length > 0 ? ['# The secrets of the exported objects:'] : []),
    ...vars.flatMap((v) => [`# ${v.kind} "${v.resource}" ${v.field}`, `${v.name}=`]),
    '',
  ].join('\n');
}
