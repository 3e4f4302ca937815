/**
 * Compact number formatting for prompts: few characters means few tokens, and fixed rules mean the
 * same context always renders to the same text.
 */

/** A number with at most `decimals` decimals and no trailing zeros: 1320.10 → "1320.1". */
export function num(value: number, decimals = 2): string {
  return String(Number(value.toFixed(decimals)));
}

/** Whole rupees with a sign: 342.4 → "+342", -120 → "-120", 0 → "0". */
export function signedRupees(value: number): string {
  const rounded = Math.round(value);
  return rounded > 0 ? `+${rounded}` : String(rounded === 0 ? 0 : rounded);
}

/** Whole rupees: 412345.6 → "412346". */
export function rupees(value: number): string {
  return String(Math.round(value));
}

/** An indicator value, `-` while it is still warming up. */
export function indicator(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '-' : num(value);
}
