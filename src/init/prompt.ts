/** Questions on a terminal: one line per answer, a default on an empty line, a retry on a bad one. */
import type { Readable, Writable } from 'node:stream';
import { UserError } from '../errors/index.js';

export interface LineReader {
  /** The next line; undefined at the end of the input. */
  next(): Promise<string | undefined>;
  /** Stops reading (a terminal's stdin would keep the process alive). */
  close(): void;
}

export function lineReader(input: Readable): LineReader {
  const lines: string[] = [];
  let buffered = '';
  let ended = false;
  let wake: (() => void) | undefined;
  const onData = (chunk: Buffer | string): void => {
    buffered += chunk.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      lines.push(buffered.slice(0, nl).replace(/\r$/, ''));
      buffered = buffered.slice(nl + 1);
    }
    wake?.();
  };
  const onEnd = (): void => {
    ended = true;
    if (buffered !== '') lines.push(buffered);
    wake?.();
  };
  input.on('data', onData);
  input.on('end', onEnd);
  return {
    async next(): Promise<string | undefined> {
      while (lines.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
      return lines.shift();
    },
    close() {
      input.off('data', onData);
      input.off('end', onEnd);
      input.pause();
    },
  };
}

export interface Question {
  readonly text: string;
  readonly fallback: string;
  /** Undefined when the answer is fine, else why not (shown before asking again). */
  readonly check: (answer: string) => string | undefined;
}

const ATTEMPTS = 3;

export async function ask(reader: LineReader, out: Writable, q: Question): Promise<string> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    out.write(`${q.text} [${q.fallback}]: `);
    const line = await reader.next();
    if (line === undefined) throw new UserError('init: the input ended before every question was answered');
    const answer = line.trim() === '' ? q.fallback : line.trim();
    const problem = q.check(answer);
    if (problem === undefined) return answer;
    out.write(`  ${problem}\n`);
  }
  throw new UserError(`init: no valid answer to "${q.text}" after ${ATTEMPTS} tries`);
}
