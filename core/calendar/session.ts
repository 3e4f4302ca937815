/**
 * Questions about trading days and the session clock. All take the instant or date as an argument
 * (never the clock) and a calendar that defaults to `NSE_CALENDAR`.
 *
 * Internally days are IST day numbers (see `istDayNumber`): a weekday is `(day + 4) mod 7`
 * because 1 Jan 1970 was a Thursday, and midnight IST of a day is `day × DAY_MS − IST_OFFSET_MS`.
 * This keeps the functions a few arithmetic steps each, cheap enough for every workflow tick.
 */
import { DAY_MS, istDateKey, istTime, IST_OFFSET_MS, MINUTE_MS } from '../time';
import { istDayNumber, NSE_CALENDAR, type TradingCalendar } from './calendar';

/** A date key `YYYY-MM-DD` (IST) or an instant (epoch ms). */
export type DayLike = string | number;

/** Longest run of closed days tolerated before the holiday data is declared broken. */
const MAX_CLOSED_RUN = 31;

function dayNumberOf(day: DayLike): number {
  return istDayNumber(typeof day === 'number' ? day : istTime(day, 12, 0));
}

/** The instant of IST midnight starting day number `day`. */
function midnightOf(day: number): number {
  return day * DAY_MS - IST_OFFSET_MS;
}

function tradingDayNumber(day: number, cal: TradingCalendar): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday; day 0 (1 Jan 1970) was a Thursday
  return weekday !== 0 && weekday !== 6 && !cal.holidayDays.has(day);
}

function nextTradingDayNumber(day: number, cal: TradingCalendar): number {
  for (let next = day + 1; next <= day + MAX_CLOSED_RUN; next++) {
    if (tradingDayNumber(next, cal)) return next;
  }
  throw new RangeError(
    `no trading day within ${MAX_CLOSED_RUN} days after ${istDateKey(midnightOf(day))}: check the holiday data`,
  );
}

function openOf(day: number, cal: TradingCalendar): number {
  return midnightOf(day) + cal.minutes.open * MINUTE_MS;
}

function closeOf(day: number, cal: TradingCalendar): number {
  return midnightOf(day) + cal.minutes.close * MINUTE_MS;
}

// The IST year of the last day number asked: the risk gate asks about the same day at every order,
// and a Date per question is far slower than a comparison.
let memoDay = NaN;
let memoYear = NaN;

/** The IST calendar year of the instant `t`. */
function istYear(t: number): number {
  const day = istDayNumber(t);
  if (day !== memoDay) {
    memoYear = new Date(t + IST_OFFSET_MS).getUTCFullYear();
    memoDay = day;
  }
  return memoYear;
}

/** Whether the calendar has a holiday list for the year of `day` (otherwise only weekends close). */
export function calendarCovers(day: DayLike, cal: TradingCalendar = NSE_CALENDAR): boolean {
  return cal.years.has(typeof day === 'number' ? istYear(day) : Number(day.slice(0, 4)));
}

/** A weekday that is not a listed holiday. */
export function isTradingDay(day: DayLike, cal: TradingCalendar = NSE_CALENDAR): boolean {
  return tradingDayNumber(dayNumberOf(day), cal);
}

/** Session open (09:15 IST) of `dateKey`; does not check that the day trades. */
export function sessionOpen(dateKey: string, cal: TradingCalendar = NSE_CALENDAR): number {
  return openOf(dayNumberOf(dateKey), cal);
}

/** Session close (15:30 IST) of `dateKey`; does not check that the day trades. */
export function sessionClose(dateKey: string, cal: TradingCalendar = NSE_CALENDAR): number {
  return closeOf(dayNumberOf(dateKey), cal);
}

/** Whether the normal market is open at `t`: a trading day and open ≤ t < close. */
export function isMarketOpen(t: number, cal: TradingCalendar = NSE_CALENDAR): boolean {
  const day = istDayNumber(t);
  return tradingDayNumber(day, cal) && t >= openOf(day, cal) && t < closeOf(day, cal);
}

/** The first trading day strictly after `dateKey`. */
export function nextTradingDay(dateKey: string, cal: TradingCalendar = NSE_CALENDAR): string {
  return istDateKey(midnightOf(nextTradingDayNumber(dayNumberOf(dateKey), cal)));
}

/** The first session open strictly after `t` (today's if `t` is before 09:15 on a trading day). */
export function nextSessionOpen(t: number, cal: TradingCalendar = NSE_CALENDAR): number {
  const today = istDayNumber(t);
  if (tradingDayNumber(today, cal) && t < openOf(today, cal)) return openOf(today, cal);
  return openOf(nextTradingDayNumber(today, cal), cal);
}

/**
 * The next cycle time strictly after `t`. Cycles run on bar closes inside the session
 * (09:20, 09:25, …, 15:30 for 5-minute bars: 75 a day), each `offsetMs` late so the bar that just
 * closed is complete at the data source (strategies.md §1.0 suggests 09:20:05, i.e. 5 000 ms).
 *
 * @example nextTick(istTime('2026-06-19', 9, 21), NSE_CALENDAR, 5000) === istTime('2026-06-19', 9, 25) + 5000
 */
export function nextTick(t: number, cal: TradingCalendar = NSE_CALENDAR, offsetMs = 0): number {
  const barMs = cal.barMinutes * MINUTE_MS;
  const boundary = t - offsetMs; // a tick at boundary b runs at b + offset: find the first b > t − offset
  const day = istDayNumber(boundary);
  if (tradingDayNumber(day, cal)) {
    const open = openOf(day, cal);
    const bars = Math.max(1, Math.floor((boundary - open) / barMs) + 1);
    const candidate = open + bars * barMs;
    if (candidate <= closeOf(day, cal)) return candidate + offsetMs;
  }
  return nextSessionOpen(boundary, cal) + barMs + offsetMs;
}

/**
 * Minutes from `t` to the day's square-off time (15:15 IST): positive before, zero at, negative
 * after it; `null` on a day that does not trade.
 */
export function minutesToSquareOff(t: number, cal: TradingCalendar = NSE_CALENDAR): number | null {
  const day = istDayNumber(t);
  if (!tradingDayNumber(day, cal)) return null;
  return (midnightOf(day) + cal.minutes.squareOff * MINUTE_MS - t) / MINUTE_MS;
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
  const day = istDayNumber(t);
  if (!tradingDayNumber(day, cal)) return 'closed';
  const minute = (t - midnightOf(day)) / MINUTE_MS; // fractional: 09:29:59 is before 09:30
  const m = cal.minutes;
  if (minute < m.open || minute >= m.close) return 'closed';
  if (minute < m.entryStart) return 'opening';
  if (minute < m.entryEnd) return 'entry';
  if (minute < m.squareOff) return 'no-new-entries';
  return 'square-off';
}
