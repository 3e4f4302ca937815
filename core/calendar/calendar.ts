/**
 * The NSE trading calendar: which days trade, and the clock times the desk works to.
 *
 * Built once from plain data (holiday lists and session times) and then only read, so workflow
 * code can call it freely: every question is a Set lookup and some integer arithmetic.
 */
import { DAY_MS, hm, IST_OFFSET_MS, istTime } from '../time';
import { holidayListSchema, NSE_HOLIDAYS_2026, type HolidayList } from './holidays';

/** Whole days since 1970-01-01 on the IST calendar, for the instant `t`. */
export function istDayNumber(t: number): number {
  return Math.floor((t + IST_OFFSET_MS) / DAY_MS);
}

/** Clock times of one session, as `HH:MM` IST. */
export interface SessionTimes {
  /** Normal market opens (first bar starts). */
  readonly open: string;
  /** Normal market closes (last bar ends). */
  readonly close: string;
  /** No new entries before this time: the first bars carry opening-auction noise. */
  readonly entryStart: string;
  /** No new entries from this time on. */
  readonly entryEnd: string;
  /** Flatten intraday positions from this time on; only reducing orders pass. */
  readonly squareOff: string;
  /** Bar length in minutes; the cycle grid runs on bar closes. */
  readonly barMinutes: number;
}

/**
 * The desk's NSE session (strategies.md §1.0): market 09:15–15:30, entries 09:30–14:45,
 * square-off at 15:15 so the desk is flat before Dhan's own 15:20 auto square-off.
 */
export const NSE_SESSION: SessionTimes = {
  open: '09:15',
  close: '15:30',
  entryStart: '09:30',
  entryEnd: '14:45',
  squareOff: '15:15',
  barMinutes: 5,
};

export interface TradingCalendar {
  /**
   * Holidays of every loaded year as IST day numbers (whole days since 1970-01-01 IST), so that
   * every question is integer arithmetic and one Set lookup: no string or Date work per call.
   */
  readonly holidayDays: ReadonlySet<number>;
  /** Years whose holiday list is loaded; other years are treated as having no holidays. */
  readonly years: ReadonlySet<number>;
  /** Session times as minutes after IST midnight. */
  readonly minutes: {
    readonly open: number;
    readonly close: number;
    readonly entryStart: number;
    readonly entryEnd: number;
    readonly squareOff: number;
  };
  readonly barMinutes: number;
}

/**
 * Builds a calendar from holiday lists (validated: bad data fails here, not mid-session) and session times.
 *
 * @example
 * const cal = createCalendar([NSE_HOLIDAYS_2026, holidays2027FromDb]);
 */
export function createCalendar(lists: readonly HolidayList[], session: SessionTimes = NSE_SESSION): TradingCalendar {
  const parsed = lists.map((list) => holidayListSchema.parse(list));
  const minutes = {
    open: hm(session.open),
    close: hm(session.close),
    entryStart: hm(session.entryStart),
    entryEnd: hm(session.entryEnd),
    squareOff: hm(session.squareOff),
  };
  const ordered =
    minutes.open <= minutes.entryStart &&
    minutes.entryStart <= minutes.entryEnd &&
    minutes.entryEnd <= minutes.squareOff &&
    minutes.squareOff <= minutes.close;
  if (!ordered) throw new RangeError('session times must satisfy open ≤ entryStart ≤ entryEnd ≤ squareOff ≤ close');
  if (
    !Number.isInteger(session.barMinutes) ||
    session.barMinutes <= 0 ||
    (minutes.close - minutes.open) % session.barMinutes
  ) {
    throw new RangeError('barMinutes must be a positive whole number that divides the session length');
  }
  return {
    holidayDays: new Set(parsed.flatMap((list) => list.holidays.map((h) => istDayNumber(istTime(h.date, 12, 0))))),
    years: new Set(parsed.map((list) => list.year)),
    minutes,
    barMinutes: session.barMinutes,
  };
}

/** The default calendar: NSE 2026 holidays and the desk's session times. */
export const NSE_CALENDAR: TradingCalendar = createCalendar([NSE_HOLIDAYS_2026]);
