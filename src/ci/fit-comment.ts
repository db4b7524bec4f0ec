/**
 * Shrinks a Markdown comment to a provider's size limit, in the order a reviewer loses least:
 * first the Mermaid graph, then the detail inside `<details>` blocks (each keeps its summary line),
 * and last the end of the text. The result says what was cut.
 */

/** GitHub refuses issue and pull-request comments longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** GitLab's limit on a note's body. */
export const GITLAB_NOTE_LIMIT = 1_000_000;
/** GitHub's limit on one step's job summary (1 MiB; counted here in characters, to be safe). */
export const GITHUB_SUMMARY_LIMIT = 1_000_000;

const MERMAID_BLOCK = /^(`{3,})mermaid\n[\s\S]*?\n\1[ \t]*\n?/gm;
const DETAILS_BLOCK = /<details><summary>([\s\S]*?)<\/summary>[\s\S]*?<\/details>\n?/g;

function notice(cut: readonly string[], limit: number, where: string): string {
  return [
    '',
    '> [!NOTE]',
    `> Shortened to fit the ${limit.toLocaleString('en-US')}-character comment limit: ${cut.join(', ')} left out. ${where}`,
    '',
  ].join('\n');
}

/** Cuts at a line break so that the text plus `reserve` fits, closing a code fence left open. */
function cutEnd(text: string, room: number): string {
  let cut = text.slice(0, Math.max(0, room));
  const nl = cut.lastIndexOf('\n');
  if (nl > 0) cut = cut.slice(0, nl);
  const fences = cut.match(/^`{3,}/gm) ?? [];
  if (fences.length % 2 === 1) cut += `\n${fences.at(-1)}`;
  return `${cut}\n…`;
}

export interface FitOptions {
  readonly limit: number;
  /** Where the full text can be read, e.g. "The full plan is in the job summary and log." */
  readonly fullTextAt: string;
}

export function fitComment(body: string, options: FitOptions): string {
  const { limit, fullTextAt } = options;
  if (body.length <= limit) return body;
  const cut: string[] = [];
  let text = body;
  const steps: [string, (t: string) => string][] = [
    ['the pipeline graph', (t) => t.replace(MERMAID_BLOCK, '')],
    ['field details', (t) => t.replace(DETAILS_BLOCK, (_m, summary: string) => `- ${summary}\n`)],
  ];
  for (const [what, shrink] of steps) {
    const next = shrink(text);
    if (next === text) continue;
    text = next;
    cut.push(what);
    if (text.length + notice(cut, limit, fullTextAt).length <= limit)
      return text + notice(cut, limit, fullTextAt);
  }
  cut.push('the end of the text');
  const tail = notice(cut, limit, fullTextAt);
  return cutEnd(text, limit - tail.length - 32) + tail;
}
