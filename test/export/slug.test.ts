import { describe, expect, it } from 'vitest';
import { slugify, uniqueSlugs } from '../../src/export/slug.js';

const SAFE = /^[a-z0-9][a-z0-9_-]*$/;

describe('slugify: names from the API as file names', () => {
  it.each([
    ['orders-db', 'orders-db'],
    ['Orders DB', 'orders-db'],
    ['../../etc/passwd', 'etc-passwd'],
    ['a/b\\c', 'a-b-c'],
    ['.hidden', 'hidden'],
    ['..', 'unnamed'],
    ['', 'unnamed'],
    ['x\u0000y\u001b[2J', 'x-y-2j'],
    ['Café crème', 'cafe-creme'],
    ['日本語', 'unnamed'],
    ['CON', 'con-1'],
    ['lpt1', 'lpt1-1'],
    ['__x__', 'x'],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('is short, and safe for any input', () => {
    const hostile = [
      'a'.repeat(500),
      '-'.repeat(9),
      '\u202e\u2066evil',
      'a\nb',
      'C:\\x',
      '~/.ssh/id',
      '%2e%2e',
    ];
    for (let i = 0; i < 200; i++)
      hostile.push(String.fromCharCode(...Array.from({ length: 12 }, (_, j) => (i * 31 + j * 7) % 0x2100)));
    for (const name of hostile) {
      const slug = slugify(name);
      expect(slug, JSON.stringify(name)).toMatch(SAFE);
      expect(slug.length).toBeLessThanOrEqual(64);
    }
  });
});

describe('uniqueSlugs', () => {
  it('resolves collisions the same way whatever the order', () => {
    const names = ['Orders DB', 'orders-db', 'orders_db?', 'ORDERS/DB', 'orders-db-2'];
    const a = uniqueSlugs(names);
    const b = uniqueSlugs([...names].reverse());
    expect(a).toEqual(b);
    expect(new Set(a.values()).size).toBe(names.length);
    // A name whose slug is itself keeps it; the others take the next free suffix.
    expect(a.get('orders-db')).toBe('orders-db');
    expect(a.get('orders-db-2')).toBe('orders-db-2');
    expect(a.get('ORDERS/DB')).toBe('orders-db-3');
    expect(a.get('Orders DB')).toBe('orders-db-4');
  });
});
