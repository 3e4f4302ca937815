/** Number and time formats shared by the printed summary, the CSV and the HTML report. */
import { istClock, istDateKey } from '../../core/time';

/** `2026-06-01 09:35` (IST). */
export const istDateTime = (t: number): string => `${istDateKey(t)} ${istClock(t)}`;

/** `₹1,23,456.78` (Indian digit grouping), `-₹…` for losses. */
export function inr(x: number, decimals = 2): string {
  const text = Math.abs(x).toLocaleString('en-IN', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return `${x < 0 ? '-' : ''}₹${text}`;
}

/** A fraction as a percentage (`0.0123` → `1.23 %`); `n/a` for null. */
export const pct = (x: number | null, decimals = 2): string =>
  x === null ? 'n/a' : `${(x * 100).toFixed(decimals)} %`;

/** A ratio with two decimals; `n/a` for null. */
export const ratio = (x: number | null, decimals = 2): string => (x === null ? 'n/a' : x.toFixed(decimals));
