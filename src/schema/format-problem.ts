import type { Problem } from '../errors/index.js';

/** `file:line:col  path  message  (hint)`; warnings are marked. */
export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  const level = p.severity === 'warning' ? 'warning: ' : '';
  const path = p.path === '' ? '(document)' : p.path;
  return `${where}  ${path}  ${level}${p.message}${p.hint ? `  (${p.hint})` : ''}`;
}
