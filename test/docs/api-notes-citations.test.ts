/**
 * Code comments cite docs/streamkap-api-notes.md as `api-notes §x.y` (lists: `api-notes §5.3, §7.9`;
 * ranges: `§5.3–§5.7`). Every cited number must be a heading of the notes, so a citation always
 * resolves inside the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const NOTES = 'docs/streamkap-api-notes.md';
/** Where citations live: code, scripts, tests and the other docs. */
const ROOTS = ['src', 'scripts', 'bench', 'test', 'docs', 'README.md'];
const SECTION = String.raw`§\d+(?:\.\d+)?`;
/** One citation: `api-notes §a` followed by more sections joined with commas, "and" or a dash. */
const CITATION = new RegExp(
  String.raw`api-notes ${SECTION}(?:(?:,\s*|\s+and\s+|\s*[–-]\s*)${SECTION})*`,
  'g',
);

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  if (/\.(ts|md)$/.test(root)) return [root];
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|md)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => f !== NOTES && !f.includes('golden'));
}

/** Section numbers of the notes' headings: `## 1. Base URL` → 1, `### 2.1 List envelope` → 2.1. */
function headingNumbers(markdown: string): Set<string> {
  const numbers = new Set<string>();
  for (const m of markdown.matchAll(/^#{2,4} (\d+(?:\.\d+)?)\.? /gm)) numbers.add(m[1] as string);
  return numbers;
}

/** Every section number cited as `api-notes §…` in `text`. */
function citedSections(text: string): string[] {
  return [...text.matchAll(CITATION)].flatMap((m) =>
    [...m[0].matchAll(/§(\d+(?:\.\d+)?)/g)].map((n) => n[1] as string),
  );
}

describe('api-notes citations', () => {
  const headings = headingNumbers(readFileSync(NOTES, 'utf8'));
  const files = ROOTS.flatMap(filesUnder);

  it('the notes number §1 to §9 and the subsections code cites', () => {
    for (const n of [
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '2.1',
      '3.3',
      '4.2',
      '5.2',
      '7.9',
      '8.15',
      '9.11',
    ]) {
      expect(headings.has(n), `§${n}`).toBe(true);
    }
  });

  it('finds citations in lists and ranges', () => {
    expect(citedSections('see api-notes §5.3, §5.4 and §8.8; api-notes §5.3–§5.7 and §2')).toEqual([
      '5.3',
      '5.4',
      '8.8',
      '5.3',
      '5.7',
      '2',
    ]);
  });

  it('every api-notes §x.y in the repository is a heading of the notes', () => {
    const dangling = files.flatMap((file) =>
      citedSections(readFileSync(file, 'utf8'))
        .filter((n) => !headings.has(n))
        .map((n) => `${file}: api-notes §${n}`),
    );
    expect(dangling).toEqual([]);
  });
});
