/**
 * IST wall-clock arithmetic without a time-zone database (safe in workflows and replays).
 * India has used a fixed UTC+05:30 offset with no daylight saving since 1945.
 */
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const IST_OFFSET_MS = 330 * MINUTE_MS;

/** Minutes since IST midnight of the instant `t` (0..1439). */
export function istMinuteOfDay(t: number): number {
  const ist = t + IST_OFFSET_MS;
  return Math.floor((((ist % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

// The IST day of the last `istDateKey` call: cycles and backtests ask about the same day many
// times in a row, and formatting a date is far slower than two comparisons.
let memoStart = NaN;
let memoEnd = NaN;
let memoKey = '';

/** IST calendar date of `t` as `YYYY-MM-DD`. */
export function istDateKey(t: number): string {
  if (t >= memoStart && t < memoEnd) return memoKey;
  const dayStartIst = Math.floor((t + IST_OFFSET_MS) / DAY_MS) * DAY_MS;
  const key = new Date(dayStartIst).toISOString().slice(0, 10);
  memoStart = dayStartIst - IST_OFFSET_MS;
  memoEnd = memoStart + DAY_MS;
  memoKey = key;
  return key;
}

/** Day of week in IST, 0 = Sunday … 6 = Saturday. */
export function istWeekday(t: number): number {
  return new Date(t + IST_OFFSET_MS).getUTCDay();
}

/** The instant of `HH:MM` IST on the IST date `dateKey` (`YYYY-MM-DD`). */
export function istTime(dateKey: string, hour: number, minute: number): number {
  const [y, m, d] = dateKey.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, hour, minute) - IST_OFFSET_MS;
}

/** `HH:MM` IST of `t`, for reasons and summaries. */
export function istClock(t: number): string {
  const m = istMinuteOfDay(t);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes since midnight for an `HH:MM` literal, e.g. `hm('09:15') === 555`. */
export function hm(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
