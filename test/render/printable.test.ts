import { describe, expect, it } from 'vitest';
import { codeSpan, escapeCell } from '../../src/render/markdown-util.js';
import { printable, printableJson } from '../../src/render/printable.js';

describe('printable', () => {
  it('escapes C0 (NUL, ESC, CR, LF), DEL, C1 and the bidi controls', () => {
    expect(printable('a\u0000b\u001b[31mc\rd\ne\u007ff\u0085g\u009bh')).toBe(
      'a\\u0000b\\u001b[31mc\\rd\\ne\\u007ff\\u0085g\\u009bh',
    );
    for (let c = 0x202a; c <= 0x202e; c++) expect(printable(String.fromCharCode(c))).toMatch(/^\\u202[a-e]$/);
    for (let c = 0x2066; c <= 0x2069; c++) expect(printable(String.fromCharCode(c))).toMatch(/^\\u206[6-9]$/);
    expect(printable('\u2028\u2029\u200e\u200f\u061c')).toBe('\\u2028\\u2029\\u200e\\u200f\\u061c');
  });

  it('leaves tabs, printable text and other Unicode alone, and is idempotent', () => {
    const plain = 'orders-db\tcafé 東京 ✓ `x` | <b>';
    expect(printable(plain)).toBe(plain);
    const once = printable('e\u001bvil\u202e');
    expect(printable(once)).toBe(once);
  });
});

describe('printableJson', () => {
  it('escapes what JSON.stringify leaves raw and parses back to the same value', () => {
    const value = { name: 'a\u001b\u009b\u202eb', n: 1 };
    const text = printableJson(value);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain('"a\\u001b\\u009b\\u202eb"');
    expect(JSON.parse(text)).toEqual(value);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('escapeCell', () => {
  it('keeps a name inside its table cell and HTML tag', () => {
    expect(escapeCell('a|b<script>&\nc')).toBe('a&#124;b&lt;script&gt;&amp;&#92;nc');
  });

  it('neutralises code spans, emphasis, strike-through, links and backslash escapes', () => {
    expect(escapeCell('`x` *y* ~~z~~ [ok](https://evil) \\|')).toBe(
      '&#96;x&#96; &#42;y&#42; &#126;&#126;z&#126;&#126; [ok]&#40;https://evil) &#92;&#124;',
    );
  });

  it('leaves ordinary names, paths and JSON as they were', () => {
    expect(escapeCell('config.database_port')).toBe('config.database_port');
    expect(escapeCell('transforms[enrich-orders]')).toBe('transforms[enrich-orders]');
    expect(escapeCell('["gitops:shop"]')).toBe('["gitops:shop"]');
  });
});

describe('codeSpan', () => {
  it('is a plain code span for ordinary text', () => {
    expect(codeSpan('source/orders-db')).toBe('`source/orders-db`');
  });

  it('uses a longer fence than any backtick run inside, padded at a backtick edge', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('x``y`')).toBe('``` x``y` ```');
    expect(codeSpan('`')).toBe('`` ` ``');
  });

  it('keeps the span on one line and escapes control characters', () => {
    expect(codeSpan('a\n# b\u001b')).toBe('`a\\n# b\\u001b`');
  });
});
