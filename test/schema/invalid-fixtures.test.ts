import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

const ROOT = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));
const SECRET = 'pg-secret-value-9d1c';
const ENV = { PG_PASSWORD: SECRET };

interface Expectation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly fragment: string;
}

function expectationsOf(file: string, shownAs: string): Expectation[] {
  const out: Expectation[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(/^# expect: (\d+):(\d+) (.+)$/gm)) {
    out.push({ file: shownAs, line: Number(m[1]), col: Number(m[2]), fragment: m[3] ?? '' });
  }
  return out;
}

function corpus(): { name: string; expectations: Expectation[] }[] {
  return readdirSync(ROOT)
    .filter((n) => n !== 'README.md')
    .sort()
    .map((name) => {
      const full = join(ROOT, name);
      const files = statSync(full).isDirectory()
        ? readdirSync(full).map((f) => ({ path: join(full, f), shown: `${name}/${f}` }))
        : [{ path: full, shown: name }];
      return { name, expectations: files.flatMap((f) => expectationsOf(f.path, f.shown)) };
    });
}

async function validate(cwd: string, target: string): Promise<{ code: number; out: string }> {
  const io = captureIo(ENV, cwd);
  const code = await main(['node', 'streamkap-gitops', '--no-color', 'validate', target], io);
  return { code, out: io.out() + io.err() };
}

function assertReported(out: string, x: Expectation): void {
  const prefix = `${x.file}:${x.line}:${x.col}  `;
  const hit = out.split('\n').find((l) => l.startsWith(prefix) && l.includes(x.fragment));
  expect(hit, `expected a line "${prefix}… ${x.fragment}" in:\n${out}`).toBeDefined();
}

describe('invalid manifest corpus', () => {
  const cases = corpus();

  it('has at least 30 committed cases, each with an expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) expect(c.expectations.length, c.name).toBeGreaterThan(0);
  });

  it.each(cases)('$name exits 4 and reports the right place', async ({ name, expectations }) => {
    const { code, out } = await validate(ROOT, name);
    expect(code).toBe(4);
    for (const x of expectations) assertReported(out, x);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('hunter2');
  });
});

describe('generated absurd inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skgo-invalid-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a 5 MB file with a clear message', async () => {
    const item = '  - name: tag-0000000\n';
    const body = `namespace: shop\ntags:\n${item.repeat(Math.ceil((5 * 1024 * 1024) / item.length))}`;
    writeFileSync(join(dir, 'huge.yaml'), body);
    const { code, out } = await validate(dir, 'huge.yaml');
    expect(code).toBe(4);
    assertReported(out, {
      file: 'huge.yaml',
      line: 1,
      col: 1,
      fragment: 'larger than the 4 MiB limit for manifests',
    });
  });

  it('reports deep nesting without crashing', async () => {
    const depth = 20_000;
    writeFileSync(
      join(dir, 'deep.yaml'),
      `namespace: shop\nsources: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
    );
    const { code, out } = await validate(dir, 'deep.yaml');
    expect(code).toBe(4);
    expect(out).toMatch(/^deep\.yaml:2:\d+ {2}.*nesting too deep/m);
  });

  it('reports moderately deep nesting at the document', async () => {
    writeFileSync(
      join(dir, 'deep100.yaml'),
      `namespace: shop\nsources: ${'['.repeat(100)}${']'.repeat(100)}\n`,
    );
    const { code, out } = await validate(dir, 'deep100.yaml');
    expect(code).toBe(4);
    assertReported(out, { file: 'deep100.yaml', line: 1, col: 1, fragment: 'nesting deeper than 64 levels' });
  });
});
