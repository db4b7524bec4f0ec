import { describe, expect, it } from 'vitest';
import { PARALLEL_MIN_BYTES, parseTexts } from '../../src/schema/parse-pool.js';
import { parseYaml } from '../../src/schema/parse-yaml.js';

function manifest(i: number, items: number): string {
  let text = `namespace: ns\ntags:\n`;
  for (let k = 0; k < items; k++) text += `  - name: tag-${i}-${k}\n    description: "tag ${k} of file ${i}"\n`;
  return text;
}

describe('parseTexts', () => {
  it('gives the same results in worker threads as inline, in input order', async () => {
    const texts = [0, 1, 2, 3].map((i) => manifest(i, 1700));
    texts.push('a: [unclosed\n', 'x: &a [1]\ny: *a\n---\n- second document\n');
    expect(texts.reduce((n, t) => n + t.length, 0)).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const errors: unknown[] = [];
    const parallel = await parseTexts(texts, { parallel: 'always', onWorkerError: (e) => errors.push(e) });
    expect(errors).toEqual([]);
    expect(parallel).toEqual(texts.map(parseYaml));
  });

  it('records positions of the namespace and of every top-level list item', () => {
    const result = parseYaml('namespace: shop\nsources:\n  - name: a\n  -   name: b\n');
    expect('docs' in result && result.docs[0]?.anchors).toEqual({
      namespace: { line: 1, col: 12 },
      'sources/0': { line: 3, col: 5 },
      'sources/1': { line: 4, col: 7 },
    });
  });
});
