/**
 * Parses many manifest files on several cores. The `yaml` parser runs at about 1–1.5 MB/s, which alone
 * would take a 10,000-resource manifest set (2 MB) past its 2 s budget; files are independent, so
 * large inputs are split between the main thread and worker threads. Small inputs, one core, or a
 * worker that cannot start (e.g. under a test runner that cannot load it) fall back to parsing inline;
 * results are identical either way (the same parseYaml runs in both).
 */
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseYaml, type RawParse } from './parse-yaml.js';

/** Below this many bytes, starting a worker costs more than it saves. */
export const PARALLEL_MIN_BYTES = 256 * 1024;
const MAX_WORKERS = 3;
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** Greedy balance by size: each text goes to the lightest bucket (largest texts first). */
function buckets(texts: readonly string[], n: number): number[][] {
  const out = Array.from({ length: n }, () => ({ bytes: 0, items: [] as number[] }));
  const order = texts.map((t, i) => i).sort((a, b) => (texts[b]?.length ?? 0) - (texts[a]?.length ?? 0));
  for (const i of order) {
    const lightest = out.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    lightest.items.push(i);
    lightest.bytes += texts[i]?.length ?? 0;
  }
  return out.map((b) => b.items);
}

/**
 * NOTE: run from TypeScript sources (tsx, vitest), a worker does not inherit the TS loader; a small
 * bootstrap registers tsx's require hook in the worker (cheaper to boot than its ESM loader) and then
 * loads parse-worker.ts. Built code (dist/) runs the compiled parse-worker.js directly.
 */
function sourceWorker(): Worker {
  const require = createRequire(import.meta.url);
  const api = JSON.stringify(require.resolve('tsx/cjs/api'));
  const entry = JSON.stringify(fileURLToPath(new URL('./parse-worker.ts', import.meta.url)));
  return new Worker(`require(${api}).register(); require(${entry});`, { eval: true });
}

function inWorker(texts: string[]): Promise<RawParse[]> {
  return new Promise((resolve, reject) => {
    const worker = FROM_SOURCE ? sourceWorker() : new Worker(new URL('./parse-worker.js', import.meta.url));
    const done = (fn: () => void) => {
      void worker.terminate();
      fn();
    };
    worker.once('message', (results: RawParse[]) => done(() => resolve(results)));
    worker.once('error', (error) => done(() => reject(error)));
    worker.once('exit', (code) => reject(new Error(`parse worker exited with code ${code}`)));
    worker.postMessage(texts);
  });
}

export interface ParseTextsOptions {
  /**
   * `auto` (default): workers for large inputs when the machine has idle cores; `always`: workers for
   * large inputs regardless of load; `never`: inline only.
   */
  readonly parallel?: 'auto' | 'always' | 'never';
  /** Told when a worker failed and its share was parsed inline instead (diagnostics, tests). */
  readonly onWorkerError?: (error: unknown) => void;
}

/** Parses every text; the order of results matches the order of `texts`. */
export async function parseTexts(texts: readonly string[], options: ParseTextsOptions = {}): Promise<RawParse[]> {
  const mode = options.parallel ?? 'auto';
  const total = texts.reduce((n, t) => n + t.length, 0);
  const cores = availableParallelism();
  const n = Math.min(cores, texts.length, MAX_WORKERS + 1);
  // NOTE: on a machine already busy on every core, workers only add their start-up cost.
  const busy = mode === 'auto' && (loadavg()[0] ?? 0) > cores - 1;
  if (mode === 'never' || busy || n < 2 || total < PARALLEL_MIN_BYTES) return texts.map(parseYaml);
  const [own = [], ...others] = buckets(texts, n);
  // Workers start first, so they parse while the main thread does its own share.
  const pending = others.map((items) =>
    inWorker(items.map((i) => texts[i] ?? '')).catch((error: unknown) => {
      options.onWorkerError?.(error);
      return items.map((i) => parseYaml(texts[i] ?? ''));
    }),
  );
  const results: RawParse[] = new Array<RawParse>(texts.length);
  for (const i of own) results[i] = parseYaml(texts[i] ?? '');
  const settled = await Promise.all(pending);
  others.forEach((items, b) => items.forEach((i, k) => (results[i] = settled[b]?.[k] ?? parseYaml(texts[i] ?? ''))));
  return results;
}
