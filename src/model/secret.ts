/**
 * A secret config value held in memory only. Every way of turning it into text (JSON, string
 * templates, util.inspect, pino) yields a mask; the plaintext comes out only through `reveal()`,
 * which is called where the value must go on the wire or be hashed.
 */
const MASK = '(sensitive)';

export class SecretValue {
  readonly #value: string;
  /** Where the desired value came from (`env:NAME`); undefined for values read from the API. */
  readonly ref: string | undefined;

  constructor(value: string, ref?: string) {
    this.#value = value;
    this.ref = ref;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return MASK;
  }

  toString(): string {
    return MASK;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SecretValue${this.ref ? `(${this.ref})` : ''}`;
  }
}

export function isSecret(value: unknown): value is SecretValue {
  return value instanceof SecretValue;
}
