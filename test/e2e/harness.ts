/**
 * End-to-end harness: the emulator over real HTTP on 127.0.0.1 (port 0) and the CLI run in-process
 * through main([...]) with manifests in a temp directory.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import {
  callAsClient,
  startEmulatorServer,
  type EmulatorServer,
  type EmulatorServerOptions,
} from '../../src/emulator/index.js';
import { captureIo } from '../helpers/capture-io.js';
import { FakeClock } from '../helpers/fake-clock.js';

export const EXAMPLE_SECRETS = {
  ORDERS_DB_PASSWORD: 'orders-pw-e2e-1f3a',
  CATALOG_DB_USER: 'catalog_reader',
  CATALOG_DB_PASSWORD: 'catalog-pw-e2e-77c2',
  SNOWFLAKE_PRIVATE_KEY: 'snowflake-key-e2e-9d0e',
  CLICKHOUSE_PASSWORD: 'clickhouse-pw-e2e-5b61',
};

export interface RunResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface Harness {
  readonly server: EmulatorServer;
  readonly dir: string;
  /** The virtual clock of apply's polling (--wait, transform jobs) in every in-process CLI run. */
  readonly clock: FakeClock;
  env(extra?: Record<string, string>): Record<string, string>;
  /** Runs the CLI in-process; `--api-url` is not needed (STREAMKAP_API_URL is set). */
  cli(args: string[], extraEnv?: Record<string, string>): Promise<RunResult>;
  write(file: string, text: string): Promise<string>;
  copyExamples(): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<EmulatorServerOptions> = {}): Promise<Harness> {
  const server = await startEmulatorServer({ port: 0, ...options });
  const dir = await mkdtemp(path.join(tmpdir(), 'skgo-e2e-'));
  const clock = new FakeClock();
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    STREAMKAP_API_URL: server.url,
    STREAMKAP_CLIENT_ID: server.clientId,
    STREAMKAP_CLIENT_SECRET: server.clientSecret,
    NO_COLOR: '1',
    ...EXAMPLE_SECRETS,
    ...extra,
  });
  return {
    server,
    dir,
    clock,
    env,
    async cli(args, extraEnv = {}) {
      const io = captureIo(env(extraEnv), dir);
      const code = await main(['node', 'streamkap-gitops', ...args], { ...io, clock });
      return { code, out: io.out(), err: io.err() };
    },
    async write(file, text) {
      const target = path.join(dir, file);
      await writeFile(target, text);
      return target;
    },
    async copyExamples() {
      // The tour manifest and its transform code only (examples/ holds other, separate examples).
      const to = path.join(dir, 'examples');
      await cp(path.resolve('examples/streamkap.yaml'), path.join(to, 'streamkap.yaml'));
      await cp(path.resolve('examples/transforms'), path.join(to, 'transforms'), { recursive: true });
      return to;
    },
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One call to the emulator's API as any other client would make it (out-of-band changes). */
export const apiCall = callAsClient;

/** Names per kind in the emulator's store, sorted. */
export function namesIn(
  server: EmulatorServer,
): Record<'sources' | 'destinations' | 'transforms' | 'pipelines', string[]> {
  const d = server.emulator.dump();
  const names = (xs: readonly { name: string }[]): string[] => xs.map((x) => x.name).sort();
  return {
    sources: names(d.sources),
    destinations: names(d.destinations),
    transforms: names(d.transforms),
    pipelines: names(d.pipelines),
  };
}

/** The emulator's state without what reads change (settling status counters): for "nothing changed". */
export function contentOf(server: EmulatorServer): unknown {
  return JSON.parse(
    JSON.stringify(server.emulator.dump(), (k, v: unknown) => (k === 'settle' ? undefined : v)),
  );
}

/** Rewrites a manifest in place (a change as a user would commit it). */
export async function editFile(file: string, change: (text: string) => string): Promise<void> {
  await writeFile(file, change(await readFile(file, 'utf8')));
}

/** `apply examples --auto-approve` in the harness directory (see copyExamples). */
export function applyExamples(h: Harness, ...extra: string[]): Promise<RunResult> {
  return h.cli(['apply', 'examples', '--auto-approve', '--poll-interval', '10', ...extra]);
}

/** applyExamples that must exit 0; returns everything it printed. */
export async function applyExamplesOk(h: Harness, ...extra: string[]): Promise<string> {
  const r = await applyExamples(h, ...extra);
  expect(r.code, `${r.out}\n${r.err}`).toBe(0);
  return r.out + r.err;
}

/** A fresh plan of the examples has nothing left to do. */
export async function expectNoChanges(h: Harness): Promise<void> {
  const r = await h.cli(['plan', 'examples', '--detailed-exitcode']);
  expect(r.code, r.out + r.err).toBe(0);
}

export function byName<T extends { name: string }>(xs: readonly T[], name: string): T {
  const found = xs.find((x) => x.name === name);
  if (!found) throw new Error(`${name} not found`);
  return found;
}
