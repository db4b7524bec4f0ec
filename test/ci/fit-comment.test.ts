import { describe, expect, it } from 'vitest';
import { fitComment, GITHUB_COMMENT_LIMIT } from '../../src/ci/fit-comment.js';

const MARKER = '<!-- streamkap-gitops:comment:plan -->';
const FULL = { limit: GITHUB_COMMENT_LIMIT, fullTextAt: 'The full output is in the job log.' };

function mermaid(nodes: number): string {
  const lines = Array.from(
    { length: nodes },
    (_, i) => `  s${i}["source/db-${i}"] --> p${i}["pipeline/p-${i}"]`,
  );
  return ['```mermaid', 'flowchart LR', ...lines, '```', ''].join('\n');
}

function details(n: number, size: number): string {
  return Array.from(
    { length: n },
    (_, i) =>
      `<details><summary><code>~ update</code> <b>source/db-${i}</b></summary>\n\n${'| row |\n'.repeat(size)}</details>\n`,
  ).join('\n');
}

describe('fitting a comment to the size limit', () => {
  it('leaves a comment under the limit alone', () => {
    const body = `${MARKER}\n${mermaid(3)}${details(3, 3)}`;
    expect(fitComment(body, FULL)).toBe(body);
  });

  it('drops the Mermaid graph first, keeping every detail, and says so', () => {
    const body = `${MARKER}\n${mermaid(1500)}\n${details(20, 10)}`;
    expect(body.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const fitted = fitComment(body, FULL);
    expect(fitted.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(fitted).not.toContain('```mermaid');
    expect(fitted).toContain(details(20, 10));
    expect(fitted.startsWith(MARKER)).toBe(true);
    expect(fitted).toContain('65,536-character comment limit: the pipeline graph left out.');
  });

  it('then collapses each details block to its summary line', () => {
    const body = `${MARKER}\n${mermaid(100)}\n${details(200, 60)}`;
    const fitted = fitComment(body, FULL);
    expect(fitted.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(fitted).not.toContain('<details>');
    expect(fitted).toContain('- <code>~ update</code> <b>source/db-199</b>');
    expect(fitted).toContain('the pipeline graph, field details left out.');
  });

  it('last cuts the end at a line break, closing an open code fence', () => {
    const body = `${MARKER}\n\`\`\`text\n${'a line of a very long text plan\n'.repeat(5000)}\`\`\`\n`;
    const fitted = fitComment(body, FULL);
    expect(fitted.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(fitted.match(/^```/gm)).toHaveLength(2);
    expect(fitted).toContain('the end of the text left out. The full output is in the job log.');
  });
});
