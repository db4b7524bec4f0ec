/**
 * Planted secrets and the scanner that proves none of them reaches text a user or a log collector
 * sees. Every value carries a unique random core of letters that hex, base64 of other data or
 * ids cannot produce by accident, so a partial leak (a truncated snippet, one line of a PEM key)
 * is caught as well as the whole value and its encoded forms.
 */
import { randomInt } from 'node:crypto';

const CORE_ALPHABET = 'ghjkmnpqrstvwxyz';

/** A random run of letters that is never hex and very unlikely inside base64 of other data. */
export function randomCore(length = 14): string {
  let out = 'Zq';
  for (let i = 0; i < length; i += 1) out += CORE_ALPHABET[randomInt(CORE_ALPHABET.length)] ?? 'g';
  return out;
}

export interface Planted {
  /** Where it came from, for failure messages (`env PG_PASSWORD`). */
  readonly label: string;
  readonly value: string;
  readonly core: string;
}

export function plant(label: string, make: (core: string) => string): Planted {
  const core = randomCore();
  return { label, value: make(core), core };
}

/** The forms a value may take on its way out: as is, JSON-escaped (once, twice), base64, URL-encoded. */
export function encodedForms(value: string): string[] {
  const once = JSON.stringify(value).slice(1, -1);
  const forms = [
    value,
    once,
    JSON.stringify(once).slice(1, -1),
    Buffer.from(value, 'utf8').toString('base64'),
    Buffer.from(value, 'utf8').toString('base64url'),
    encodeURIComponent(value),
  ];
  // Each line of a multi-line value (a PEM key) on its own, when long enough to be meaningful.
  for (const line of value.split('\n')) if (line.length >= 12 && !line.startsWith('-----')) forms.push(line);
  return [...new Set(forms)];
}

/** Every planted value found in `text` (as `label: form`), empty when clean. */
export function findLeaks(text: string, planted: readonly Planted[]): string[] {
  const found: string[] = [];
  for (const p of planted) {
    if (text.includes(p.core)) found.push(`${p.label}: random core ${p.core}`);
    for (const form of encodedForms(p.value)) {
      if (text.includes(form)) found.push(`${p.label}: ${JSON.stringify(form.slice(0, 60))}`);
    }
  }
  return found;
}

/** `Bearer <anything but the mask>`: an access token written out. */
export const BEARER_TOKEN = /bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/i;

/** A short excerpt around the first occurrence of `needle`, for failure messages. */
export function around(text: string, needle: string): string {
  const at = text.indexOf(needle);
  if (at < 0) return '';
  return text.slice(Math.max(0, at - 160), at + needle.length + 80);
}
