import { describe, expect, it } from 'vitest';
import { resample, sparkline } from '../../src/render/sparkline.js';

describe('sparkline', () => {
  it('draws the lowest value as ▁ and the highest as █, one bar per value', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, 0, 5], 12)).toBe('█▁▅');
  });

  it('draws a flat series at ▁, a missing value as a space, nothing for no values', () => {
    expect(sparkline([3, 3, 3])).toBe('▁▁▁');
    expect(sparkline([0, null, 7])).toBe('▁ █');
    expect(sparkline([])).toBe('');
    expect(sparkline([null, null])).toBe('');
  });

  it('cuts a long series into width buckets, each at its peak (a lag spike survives)', () => {
    const values = Array.from({ length: 120 }, (_, i) => (i === 61 ? 1000 : 1));
    const line = sparkline(values, 12);
    expect([...line]).toHaveLength(12);
    expect(line).toBe('▁▁▁▁▁▁█▁▁▁▁▁');
    expect(resample([1, 2, 3, 4, null, null], 3)).toEqual([2, 4, null]);
  });

  it('never draws outside the eight bars, whatever the numbers', () => {
    const line = sparkline([-5, 1e12, 0.5, -1e9, Number.NaN, 42], 6);
    expect(line).toMatch(/^[▁▂▃▄▅▆▇█ ]{6}$/);
    expect(line[4]).toBe(' ');
  });
});
