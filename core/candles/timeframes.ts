/**
 * Timeframe grid of the NSE session: where a bar of each timeframe starts and when it closes.
 *
 * Every intraday grid is anchored at the 09:15 IST open, so hourly bars are 09:15, 10:15 … 14:15 plus a
 * 15:15–15:30 stub, and the daily bar runs 09:15–15:30. Pure integer arithmetic on the fixed +05:30
 * offset (see core/time.ts): no time-zone database, safe in workflows and the backtester.
 */
import { NSE_SESSION } from '../calendar/calendar';
import { DAY_MS, hm, IST_OFFSET_MS, MINUTE_MS } from '../time';
import { type Timeframe } from '../types';

// Bound once: tsx (esbuild) compiles every imported binding into a getter, far too slow per bar.
const DAY = DAY_MS;
const MINUTE = MINUTE_MS;
const IST_OFFSET = IST_OFFSET_MS;

/** Minutes after IST midnight of the session open (09:15) and close (15:30). */
export const SESSION_OPEN_MINUTE = hm(NSE_SESSION.open);
export const SESSION_CLOSE_MINUTE = hm(NSE_SESSION.close);

/** Length of one bar in minutes; the daily bar is one whole session. */
export const TIMEFRAME_MINUTES: Readonly<Record<Timeframe, number>> = {
  '1m': 1,
  '5m': 5,
  '15m': 15,
  '1h': 60,
  '1d': SESSION_CLOSE_MINUTE - SESSION_OPEN_MINUTE,
};

/** Timeframes from finest to coarsest. */
export const TIMEFRAME_ORDER: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '1d'];

/** Whether `coarse` is strictly coarser than `fine` (so it can be built from it). */
export function isCoarser(coarse: Timeframe, fine: Timeframe): boolean {
  return TIMEFRAME_ORDER.indexOf(coarse) > TIMEFRAME_ORDER.indexOf(fine);
}

/** The IST calendar day of `t` as a whole number of days since 1970-01-01 IST (cheap session key). */
export function istDayNumber(t: number): number {
  return Math.floor((t + IST_OFFSET) / DAY);
}

/** The instant of IST midnight that starts day number `day`. */
function istMidnight(day: number): number {
  return day * DAY - IST_OFFSET;
}

/** The instant `minute` minutes after IST midnight on the IST day of `t`. */
export function atIstMinute(t: number, minute: number): number {
  return istMidnight(istDayNumber(t)) + minute * MINUTE;
}

/**
 * Start of the `tf` bar that contains instant `t`.
 * Intraday grids count whole bars from 09:15 IST; the daily bar starts at 09:15 IST of its day.
 */
export function bucketStart(t: number, tf: Timeframe): number {
  const open = atIstMinute(t, SESSION_OPEN_MINUTE);
  if (tf === '1d') return open;
  const size = TIMEFRAME_MINUTES[tf] * MINUTE;
  return open + Math.floor((t - open) / size) * size;
}

/**
 * Instant at which the `tf` bar starting at `start` is complete.
 * A bar never runs past the 15:30 close: the 15:15 hourly stub closes at 15:30, and so does the
 * daily bar (whatever time of day it is stamped with, e.g. Dhan's midnight stamps).
 */
export function barCloseTime(start: number, tf: Timeframe): number {
  const sessionClose = atIstMinute(start, SESSION_CLOSE_MINUTE);
  if (tf === '1d') return sessionClose;
  const end = start + TIMEFRAME_MINUTES[tf] * MINUTE;
  return start < sessionClose && end > sessionClose ? sessionClose : end;
}

/** Whether `t` lies inside the normal market (09:15 ≤ t < 15:30 IST). */
export function isInSession(t: number): boolean {
  return t >= atIstMinute(t, SESSION_OPEN_MINUTE) && t < atIstMinute(t, SESSION_CLOSE_MINUTE);
}

/**
 * Tracks the IST day of a stream of instants in time order: `enter(t)` says whether `t` starts a new
 * day, and `minuteOf(t)` gives minutes since IST midnight. Within a day both are one comparison or
 * one subtraction, so per-bar code does no calendar arithmetic.
 */
export class IstDayTracker {
  /** IST day number (days since 1970-01-01 IST) of the current day, NaN before the first instant. */
  day = NaN;
  private start = NaN;
  private end = NaN;

  /** Moves to the day of `t`; true when that is a different day from the previous instant's. */
  enter(t: number): boolean {
    if (t >= this.start && t < this.end) return false;
    const day = istDayNumber(t);
    this.start = istMidnight(day);
    this.end = this.start + DAY;
    if (day === this.day) return false;
    this.day = day;
    return true;
  }

  /** The instant of IST midnight that starts the current day (NaN before the first instant). */
  get midnight(): number {
    return this.start;
  }

  /** Minutes since IST midnight of `t`, which must lie in the current day. */
  minuteOf(t: number): number {
    return Math.floor((t - this.start) / MINUTE);
  }
}
