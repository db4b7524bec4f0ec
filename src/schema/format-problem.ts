import type { Problem } from '../errors/index.js';
import { printable } from '../render/printable.js';

/** `file:line:col  path  message  (hint)`; warnings are marked. Safe to print: keys are the manifest's. */
export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  const level = p.severity === 'warning' ? 'warning: ' : '';
  const path = p.path === '' ? '(document)' : p.path;
  return printable(`${where}  ${path}  ${level}${p.message}${p.hint ? `  (${p.hint})` : ''}`);
}
