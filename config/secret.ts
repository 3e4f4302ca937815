import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A credential that refuses to be printed: string conversion, JSON and `util.inspect` all show
 * `[redacted]`. Only `reveal()` gives the value, at the one place that sends it (an HTTP header).
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

/** Masks a secret for an error message: enough to recognise it, never enough to use it. */
export function maskSecret(value: string): string {
  return value.length <= 8 ? '****' : `${value.slice(0, 2)}****${value.slice(-2)} (${value.length} chars)`;
}
