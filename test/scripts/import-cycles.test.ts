import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findImportCycles, importGraph } from '../../scripts/import-cycles.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sg-cycles-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('import cycles', () => {
  it('finds cycles through type-only, re-export, dynamic and index imports', () => {
    const root = tree({
      'a.ts': "import type { B } from './b.js';\nexport type A = B;\n",
      'b.ts': "export type B = 1;\nexport const load = () => import('./a.js');\n",
      'cli/c.ts': "export * from '../d/index.js';\n",
      'd/index.ts': "import { c } from '../cli/c.js';\nexport const d = c;\n",
      'self.ts': "import './self.js';\n",
      'leaf.ts': "import { load } from './b.js';\nexport const l = load;\n",
    });
    expect(findImportCycles(importGraph(root))).toEqual([
      'a.ts → b.ts → a.ts',
      'cli/c.ts → d/index.ts → cli/c.ts',
      'self.ts → self.ts',
    ]);
  });

  it('names a shortest path around a larger cycle and the other modules caught in it', () => {
    const root = tree({
      'a.ts': "import './b.js';\n",
      'b.ts': "import './c.js';\nimport './d.js';\n",
      'c.ts': "import './a.js';\n",
      'd.ts': "import './b.js';\n",
    });
    expect(findImportCycles(importGraph(root))).toEqual(['a.ts → b.ts → c.ts → a.ts (also: d.ts)']);
  });

  it('ignores imports in comments and strings, packages and files outside the tree', () => {
    const root = tree({
      'a.ts':
        "// import './b.js';\nconst s = \"import './b.js'\";\nimport 'node:fs';\nimport '../x.js';\nexport { s };\n",
      'b.ts': "import './a.js';\n",
    });
    expect(importGraph(root).get('a.ts')).toEqual([]);
    expect(findImportCycles(importGraph(root))).toEqual([]);
  });
});
