/**
 * Questions about trading days and the session clock. All take the instant or date as an argument
 * (never the clock) and a calendar that defaults to `NSE_CALENDAR`.
 */
import { DAY_MS, istDateKey, istMinuteOfDay, istTime, istWeekday, MINUTE_MS } from '../time';
import { NSE_CALENDAR, type TradingCalendar } from './calendar';

/** A date key `YYYY-MM-DD` (IST) or an instant (epoch ms). */
export type DayLike = string | number;

function dateKeyOf(day: DayLike): string {
  return typeof day === 'number' ? istDateKey(day) : day;
}

/** The instant `minutes` after IST midnight of `dateKey`. */
function atMinute(dateKey: string, minutes: number): number {
  return istTime(dateKey, 0, 0) + minutes * MINUTE_MS;
}

/** Whether the calendar has a holiday list for the year of `day` (otherwise only weekends close). */
export function calendarCovers(day: DayLike, cal: TradingCalendar = NSE_CALENDAR): boolean {
  return cal.years.has(Number(dateKeyOf(day).slice(0, 4)));
}

/** A weekday that is not a listed holiday. */
export function isTradingDay(day: DayLike, cal: TradingCalendar = NSE_CALENDAR): boolean {
  const dateKey = dateKeyOf(day);
  const weekday = istWeekday(istTime(dateKey, 12, 0));
  return weekday !== 0 && weekday !== 6 && !cal.holidays.has(dateKey);
}

/** Session open (09:15 IST) of `dateKey`; does not check that the day trades. */
export function sessionOpen(dateKey: string, cal: TradingCalendar = NSE_CALENDAR): number {
  return atMinute(dateKey, cal.minutes.open);
}

/** Session close (15:30 IST) of `dateKey`; does not check that the day trades. */
export function sessionClose(dateKey: string, cal: TradingCalendar = NSE_CALENDAR): number {
  return atMinute(dateKey, cal.minutes.close);
}

/** Whether the normal market is open at `t`: a trading day and open ≤ t < close. */
export function isMarketOpen(t: number, cal: TradingCalendar = NSE_CALENDAR): boolean {
  const dateKey = istDateKey(t);
  return isTradingDay(dateKey, cal) && t >= sessionOpen(dateKey, cal) && t < sessionClose(dateKey, cal);
}

/** The first trading day strictly after `dateKey`. */
export function nextTradingDay(dateKey: string, cal: TradingCalendar = NSE_CALENDAR): string {
  // A month without a trading day would mean broken holiday data; fail loudly instead of looping.
  for (let i = 1, t = istTime(dateKey, 12, 0); i <= 31; i++) {
    const candidate = istDateKey(t + i * DAY_MS);
    if (isTradingDay(candidate, cal)) return candidate;
  }
  throw new RangeError(`no trading day within 31 days after ${dateKey}: check the holiday data`);
}

/** The first session open strictly after `t` (today's if `t` is before 09:15 on a trading day). */
export function nextSessionOpen(t: number, cal: TradingCalendar = NSE_CALENDAR): number {
  const today = istDateKey(t);
  if (isTradingDay(today, cal) && t < sessionOpen(today, cal)) return sessionOpen(today, cal);
  return sessionOpen(nextTradingDay(today, cal), cal);
}

/**
 * The next cycle time strictly after `t`. Cycles run on bar closes inside the session
 * (09:20, 09:25, …, 15:30 for 5-minute bars: 75 a day), each `offsetMs` late so the bar that just
 * closed is complete at the data source (strategies.md §1.0 suggests 09:20:05, i.e. 5 000 ms).
 *
 * @example nextTick(istTime('2026-06-19', 9, 21), cal, 5000) === istTime('2026-06-19', 9, 25) + 5000
 */
export function nextTick(t: number, cal: TradingCalendar = NSE_CALENDAR, offsetMs = 0): number {
  const barMs = cal.barMinutes * MINUTE_MS;
  const boundary = t - offsetMs; // the latest boundary whose cycle has already started (or not)
  const dateKey = istDateKey(boundary);
  if (isTradingDay(dateKey, cal)) {
    const open = sessionOpen(dateKey, cal);
    const bars = Math.max(1, Math.floor((boundary - open) / barMs) + 1);
    const candidate = open + bars * barMs;
    if (candidate <= sessionClose(dateKey, cal)) return candidate + offsetMs;
  }
  return nextSessionOpen(boundary, cal) + barMs + offsetMs;
}

/**
 * Minutes from `t` to the day's square-off time (15:15 IST): positive before, zero at, negative
 * after it; `null` on a day that does not trade.
 */
export function minutesToSquareOff(t: number, cal: TradingCalendar = NSE_CALENDAR): number | null {
  const dateKey = istDateKey(t);
  if (!isTradingDay(dateKey, cal)) return null;
  return (atMinute(dateKey, cal.minutes.squareOff) - t) / MINUTE_MS;
}

/**
 * Where `t` falls in the trading day, which is what the risk rules need:
 * - `closed`: not a trading day, or outside 09:15–15:30;
 * - `opening`: market open but before the entry window (09:15–09:30);
 * - `entry`: new entries allowed (09:30–14:45);
 * - `no-new-entries`: exits only by choice (14:45–15:15);
 * - `square-off`: intraday positions must be flattened (15:15–15:30).
 */
export type SessionPhase = 'closed' | 'opening' | 'entry' | 'no-new-entries' | 'square-off';

/** The phase of the trading day at `t` (see `SessionPhase`). */
export function sessionPhase(t: number, cal: TradingCalendar = NSE_CALENDAR): SessionPhase {
  if (!isMarketOpen(t, cal)) return 'closed';
  const minute = istMinuteOfDay(t);
  if (minute < cal.minutes.entryStart) return 'opening';
  if (minute < cal.minutes.entryEnd) return 'entry';
  if (minute < cal.minutes.squareOff) return 'no-new-entries';
  return 'square-off';
}
