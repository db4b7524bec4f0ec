/**
 * What `--probe-writes` creates: a custom tag and a PostgreSQL source (the cheapest object a
 * connector needs: no pipeline, no destination, no deploy), both named `gitops-doctor-<random>`
 * so that anyone finding one in the account knows whose it is. The source's values are obviously
 * fake (`gitops-doctor.invalid` cannot resolve) and its password is random and never shown.
 */
import { randomBytes } from 'node:crypto';

export const PROBE_CONNECTOR = 'postgresql';

/** An optional key with no static default: present after a PUT without it means PUT merges. */
export const MARKER_KEY = 'heartbeat.data.collection.schema.or.database';
export const SECRET_KEY = 'database.password';
export const PORT_KEY = 'database.port.user.defined';

export interface Throwaway {
  readonly name: string;
  /** The source's config as created; the secret is in it (compare against it, never print it). */
  readonly config: Readonly<Record<string, string | number>>;
}

export function throwawayName(random: () => string = () => randomBytes(4).toString('hex')): string {
  return `gitops-doctor-${random()}`;
}

export function throwawaySource(name: string): Throwaway {
  return {
    name,
    config: {
      'database.hostname.user.defined': 'gitops-doctor.invalid',
      [PORT_KEY]: 5432,
      'database.user': 'gitops_doctor',
      [SECRET_KEY]: `gitops-doctor-${randomBytes(12).toString('hex')}`,
      'database.dbname': 'gitops_doctor',
      'schema.include.list': 'gitops_doctor',
      'table.include.list.user.defined': 'gitops_doctor.probe',
      [MARKER_KEY]: 'gitops_doctor',
    },
  };
}

/** The config of the PUT: the same without the marker and the secret. */
export function withoutMarkerAndSecret(config: Throwaway['config']): Record<string, string | number> {
  const { [MARKER_KEY]: _marker, [SECRET_KEY]: _secret, ...rest } = config;
  return rest;
}
