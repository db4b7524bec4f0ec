/**
 * The YAML parser's errors in plain words, at the line of the real mistake: a tab indent, a quote
 * never closed (the parser notices at the end of the file; the mistake is where the quote opened), a
 * key without its colon, list items or keys out of line, a duplicate key (named). Anything else keeps
 * the parser's own words.
 */
/** 1-based line and column (RawPosition of parse-yaml.ts has the same shape). */
interface RawPosition {
  readonly line: number;
  readonly col: number;
}

export interface YamlMistake {
  readonly pos: RawPosition;
  readonly message: string;
  readonly hint?: string;
}

/** 1-based line and column of `offset` in `text`. */
function positionOf(text: string, offset: number): RawPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

function lineText(text: string, line: number): string {
  return text.split('\n')[line - 1] ?? '';
}

/** The line without a trailing `# comment` (a whole-line comment included). */
function withoutComment(line: string): string {
  return line.replace(/(^|\s)#.*$/, '');
}

/** Quote characters of one kind in a line that are not escaped (`\"`, or `''` inside single quotes). */
function countQuotes(line: string, quote: string): number {
  const body = quote === '"' ? line.replace(/\\./g, '') : line.replace(/''/g, '');
  return body.split(quote).length - 1;
}

/** The first line at or before `upTo` with an odd number of `quote`: where the open quote starts. */
function openingQuoteLine(text: string, quote: string, upTo: number): number {
  const lines = text.split('\n');
  for (let i = 0; i < Math.min(upTo, lines.length); i++) {
    if (countQuotes(withoutComment(lines[i] ?? ''), quote) % 2 === 1) return i + 1;
  }
  return upTo;
}

function unclosedQuote(text: string, message: string, pos: RawPosition): YamlMistake {
  const quote = message.includes("'") ? "'" : '"';
  const line = openingQuoteLine(text, quote, pos.line);
  const col = lineText(text, line).indexOf(quote) + 1;
  return {
    pos: { line, col: col > 0 ? col : 1 },
    message: `this value opens a quote (${quote}) that is never closed, so the rest of the file reads as part of it`,
    hint: `close the quote at the end of the value, or remove it: name: ${quote}orders-db${quote}`,
  };
}

/** A `[` or `{` list or map written inline and never closed: found where it opens. */
function unclosedFlow(text: string, message: string, pos: RawPosition): YamlMistake {
  const [open, close] = /flow map/i.test(message) ? ['{', '}'] : ['[', ']'];
  const lines = text.split('\n');
  let line = pos.line;
  for (let i = 0; i < Math.min(pos.line, lines.length); i++) {
    const l = withoutComment(lines[i] ?? '');
    if (l.split(open).length > l.split(close).length) {
      line = i + 1;
      break;
    }
  }
  const col = lineText(text, line).indexOf(open) + 1;
  return {
    pos: { line, col: col > 0 ? col : 1 },
    message: `this ${open === '[' ? 'list' : 'mapping'} opens with "${open}" but is never closed with "${close}"`,
    hint: `end it with "${close}" on the same line, e.g. tags: ${open === '[' ? '[a, b]' : '{a: 1}'}`,
  };
}

function missingColon(text: string, pos: RawPosition): YamlMistake {
  const written = lineText(text, pos.line).trim();
  const m = /^(-\s+)?([^\s:#]+)(?:\s+(.*))?$/.exec(written);
  const fix = m ? `${m[1] ?? ''}${m[2] ?? ''}:${m[3] === undefined ? '' : ` ${m[3]}`}` : undefined;
  return {
    pos,
    message: `"${written}" has no colon after its key, so YAML cannot tell the key from the value`,
    hint: fix === undefined ? 'write key: value (a colon and a space)' : `write "${fix}"`,
  };
}

function misaligned(text: string, pos: RawPosition, what: 'keys' | 'items'): YamlMistake {
  const written = lineText(text, pos.line).trim();
  return {
    pos,
    message:
      what === 'keys'
        ? `"${written}" is not lined up with the keys above it: the keys of one mapping (one list item) must start in the same column`
        : `"${written}" is not lined up with the list items above it: every "- " of one list must start in the same column`,
    hint:
      what === 'keys'
        ? 'indent it with spaces to the column of the first key after "- " in its list item'
        : 'indent every "- " of the list by the same number of spaces',
  };
}

/** The plain-words version of one parser error (`code`, `message` at `offset` of `text`). */
export function explainYamlError(
  text: string,
  code: string,
  message: string,
  range: readonly [number, number],
): YamlMistake {
  const pos = positionOf(text, range[0]);
  switch (code) {
    case 'TAB_AS_INDENT':
      return {
        pos,
        message: 'this line is indented with a tab; YAML indents with spaces only',
        hint: 'replace the tab with spaces (two per level, as in the lines around it)',
      };
    case 'MULTILINE_IMPLICIT_KEY':
      return missingColon(text, pos);
    case 'BAD_INDENT':
      if (/^flow (sequence|map)/i.test(message)) return unclosedFlow(text, message, pos);
      return misaligned(text, pos, /sequence/i.test(message) ? 'items' : 'keys');
    case 'DUPLICATE_KEY': {
      // NOTE: the parser's range covers the key's first character only; the key runs to the colon.
      const key = (
        lineText(text, pos.line)
          .slice(pos.col - 1)
          .split(':')[0] ?? ''
      ).trim();
      return {
        pos,
        message: `duplicate key "${key}": this mapping already has one`,
        hint: `keep one "${key}" (YAML would silently keep only the last)`,
      };
    }
    case 'MISSING_CHAR':
      if (/missing closing/i.test(message)) return unclosedQuote(text, message, pos);
      if (/sequence item without - indicator/i.test(message)) return misaligned(text, pos, 'keys');
      return { pos, message: `YAML syntax: ${message}` };
    default:
      return { pos, message: `YAML syntax: ${message}` };
  }
}
