/**
 * `demo`: the README's main command. Starts the emulator in-process on a free port and tours
 * examples/streamkap.yaml with the real commands, as a user would type them: validate → plan →
 * apply → plan (no changes) → an out-of-band change through the API → drift (exit 2) → apply →
 * drift (exit 0) → an incremental snapshot followed to completion → status (exit 0). Each step says what it runs and why, shows the output and the exit code; the
 * demo exits 0 only when every step gave the exit code it should.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { callAsClient, startEmulatorServer, type EmulatorServer } from '../../emulator/index.js';
import { UserError } from '../../errors/index.js';
import type { CliEntry, CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

const MANIFEST = 'examples/streamkap.yaml';

interface Step {
  readonly title: string;
  readonly why: string;
  readonly args?: readonly string[];
  readonly expect?: number;
  /** A step that is not a CLI command (the out-of-band change). */
  readonly act?: () => Promise<string>;
}

/**
 * The package root: the nearest directory above this module holding a package.json. NOTE: the
 * module is src/cli/run/demo.ts from source and a chunk of the bundle (dist/chunks/) when built.
 */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function findManifest(cwd: string): { root: string; file: string } {
  for (const root of [cwd, packageRoot()]) {
    if (existsSync(path.join(root, MANIFEST))) return { root, file: MANIFEST };
  }
  throw new UserError(`cannot find ${MANIFEST} (looked in ${cwd} and ${packageRoot()})`, {
    hint: 'run the demo from a clone of the repository: npm ci && npm run demo',
  });
}

/** Demo values for every `${env:NAME}` the manifest uses (the emulator accepts anything). */
function demoSecrets(manifestText: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of manifestText.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
    const name = m[1] as string;
    out[name] = `demo-${name.toLowerCase().replace(/_/g, '-')}`;
  }
  return out;
}

/** Indents a nested command's output under its step. */
function indented(into: NodeJS.WritableStream): Writable {
  let atLineStart = true;
  return new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      const text = chunk.toString();
      let out = '';
      for (const ch of text) {
        if (atLineStart) out += ch === '\n' ? '    │' : '    │ ';
        out += ch;
        atLineStart = ch === '\n';
      }
      into.write(out);
      cb();
    },
  });
}

async function outOfBandChange(server: EmulatorServer): Promise<string> {
  const list = (await callAsClient(
    server,
    'GET',
    '/sources?partial_name=orders-db&secret_returned=true',
  )) as {
    result: { id: string; name: string; connector: string; config: Record<string, unknown>; tags: unknown }[];
  };
  const src = list.result.find((s) => s.name === 'orders-db');
  if (!src) throw new Error('orders-db is not in the emulator after the apply');
  const config = { ...src.config, 'heartbeat.enabled': false };
  await callAsClient(server, 'PUT', `/sources/${src.id}?secret_returned=true&wait=false`, {
    name: src.name,
    connector: src.connector,
    config,
    tags: src.tags,
  });
  return `$ curl -X PUT "$STREAMKAP_API_URL/sources/${src.id}?wait=false" -d '{"config": {…, "heartbeat.enabled": false}}'`;
}

function steps(file: string, server: EmulatorServer): Step[] {
  return [
    {
      title: 'Validate the manifests',
      why: 'checks every file offline: schema, connector keys, references (no API call)',
      args: ['validate', file],
      expect: EXIT.ok,
    },
    {
      title: 'Plan against an empty account',
      why: 'reads the live state and shows what apply would create; --detailed-exitcode gives 2 when there are changes',
      args: ['plan', file, '--detailed-exitcode'],
      expect: EXIT.changes,
    },
    {
      title: 'Apply',
      why: 'creates tags, then sources, destinations and the transform, then the pipelines that use them (auto-approved for the demo)',
      args: ['apply', file, '--auto-approve', '--poll-interval', '50'],
      expect: EXIT.ok,
    },
    {
      title: 'Plan again',
      why: 'the account now matches the manifests: nothing to do, exit 0',
      args: ['plan', file, '--detailed-exitcode'],
      expect: EXIT.ok,
    },
    {
      title: 'Change something outside git',
      why: 'someone turns off the heartbeat of orders-db in the Streamkap UI (here: a PUT to the API)',
      act: () => outOfBandChange(server),
    },
    {
      title: 'Detect the drift',
      why: 'the cron job a team would run: exit 2 and the field that changed',
      args: ['drift', file],
      expect: EXIT.changes,
    },
    {
      title: 'Apply to restore the manifests',
      why: 'puts the value from git back (an in-place update, no re-snapshot)',
      args: ['apply', file, '--auto-approve', '--poll-interval', '50'],
      expect: EXIT.ok,
    },
    { title: 'Check drift again', why: 'in sync: exit 0', args: ['drift', file], expect: EXIT.ok },
    {
      title: 'Backfill with an incremental snapshot',
      why: 'an action, never part of a plan: checked against the manifests first, then followed until every table is done',
      args: ['snapshot', 'orders-db', file, '--wait', '--poll-interval', '1s'],
      expect: EXIT.ok,
    },
    {
      title: 'Check the health of the pipelines',
      why: 'status, latency, lag with trends, snapshot progress: exit 0 when all are healthy, 2 when one is not',
      args: ['status', file],
      expect: EXIT.ok,
    },
  ];
}

/** The demo's snapshot "runs" this long, so --wait shows its tables completing one by one. */
const DEMO_SNAPSHOT_MS = 3_000;

/** The `demo` action: the tour above, each step a command line run by `cli`; exit 1 when a step gave the wrong exit code. */
export async function runDemo(ctx: CommandContext, cli: CliEntry): Promise<void> {
  const out = ctx.io.stdout;
  const started = performance.now();
  const { root, file } = findManifest(ctx.io.cwd);
  const clock = ctx.io.clock;
  const server = await startEmulatorServer({
    port: 0,
    snapshotDurationMs: DEMO_SNAPSHOT_MS,
    // NOTE: a write shows Active from its second read on (api-notes §2.7: it settles in seconds).
    // apply's check no longer lists what it wrote, so with the default (2 reads) the status step
    // would still see step 7's update as Pending Update.
    settleReads: 1,
    // NOTE: a test's virtual clock drives the emulator too, so the snapshot completes without real waiting.
    ...(clock ? { now: () => clock.now() } : {}),
  });
  const env = {
    ...ctx.io.env,
    ...demoSecrets(readFileSync(path.join(root, file), 'utf8')),
    STREAMKAP_API_URL: server.url,
    STREAMKAP_CLIENT_ID: server.clientId,
    STREAMKAP_CLIENT_SECRET: server.clientSecret,
  };
  out.write(`streamkap-gitops demo: a local emulator of the Streamkap API is listening on ${server.url}\n`);
  out.write(`The secrets of ${file} are set to demo values; nothing leaves this machine.\n`);
  const failures: string[] = [];
  try {
    const all = steps(file, server);
    for (const [i, step] of all.entries()) {
      out.write(`\n━━ Step ${i + 1}/${all.length}: ${step.title}\n   ${step.why}\n`);
      if (step.act) {
        out.write(`   ${await step.act()}\n`);
        continue;
      }
      out.write(`   $ streamkap-gitops ${(step.args ?? []).join(' ')}\n`);
      const io = {
        stdout: indented(out),
        stderr: indented(out),
        stdin: ctx.io.stdin,
        env,
        cwd: root,
        ...(clock ? { clock } : {}),
      };
      const code = await cli(['node', 'streamkap-gitops', ...(step.args ?? [])], io);
      const ok = code === step.expect;
      out.write(`   → exit ${code} ${ok ? '✓' : `✗ (expected ${step.expect})`}\n`);
      if (!ok) failures.push(`step ${i + 1} (${step.title}) exited ${code}, expected ${step.expect}`);
    }
  } finally {
    await server.close();
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  if (failures.length > 0) {
    out.write(`\nDemo FAILED after ${secs} s:\n  ${failures.join('\n  ')}\n`);
    ctx.setExitCode(EXIT.failure);
    return;
  }
  out.write(`\nDemo complete in ${secs} s: every step gave the exit code it should.\n`);
}
