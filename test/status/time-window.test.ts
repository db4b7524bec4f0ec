import { describe, expect, it } from 'vitest';
import { metricsWindow } from '../../src/status/time-window.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('metricsWindow', () => {
  it('asks for about 30 buckets over the window, in the smallest fitting unit', () => {
    expect(metricsWindow(3_600_000, NOW)).toEqual({
      time_interval: 2,
      time_unit: 'minute',
      timestamp_from: '2026-03-01T11:00:00.000Z',
      timestamp_to: '2026-03-01T12:00:00.000Z',
    });
    expect(metricsWindow(24 * 3_600_000, NOW)).toMatchObject({ time_interval: 48, time_unit: 'minute' });
    expect(metricsWindow(7 * 24 * 3_600_000, NOW)).toMatchObject({ time_interval: 6, time_unit: 'hour' });
    expect(metricsWindow(90 * 24 * 3_600_000, NOW)).toMatchObject({ time_interval: 3, time_unit: 'day' });
    expect(metricsWindow(60_000, NOW)).toMatchObject({ time_interval: 1, time_unit: 'minute' });
  });
});
