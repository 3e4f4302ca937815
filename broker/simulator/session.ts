/**
 * The simulated exchange's trading days and hours. The days come from the market source (the NSE
 * calendar for synthetic markets, the days present in the files for a replay); the hours are NSE's
 * normal market, 09:15–15:30 IST, taken from core/calendar.
 */
import { NSE_CALENDAR } from '../../core/calendar';
import { DAY_MS, istDateKey, istTime, MINUTE_MS } from '../../core/time';

export interface SimSession {
  isTradingDay(dateKey: string): boolean;
  /** 09:15 IST of `dateKey`. */
  open(dateKey: string): number;
  /** 15:30 IST of `dateKey`. */
  close(dateKey: string): number;
  /** A trading day and open ≤ t < close. */
  isOpen(t: number): boolean;
  /** The first trading day strictly after `dateKey`, within `horizonDays`; `undefined` if none. */
  nextTradingDay(dateKey: string, horizonDays?: number): string | undefined;
  /** The trading day at or before `dateKey` that is `n` trading days earlier (n = 0: itself or the last before). */
  tradingDaysBack(dateKey: string, n: number): string;
}

/** Builds the session clock around a predicate that says which days trade. */
export function createSession(isTradingDay: (dateKey: string) => boolean): SimSession {
  const minutes = NSE_CALENDAR.minutes;
  const at = (dateKey: string, minute: number) => istTime(dateKey, 0, 0) + minute * MINUTE_MS;
  const shift = (dateKey: string, days: number) => istDateKey(istTime(dateKey, 12, 0) + days * DAY_MS);
  const session: SimSession = {
    isTradingDay,
    open: (dateKey) => at(dateKey, minutes.open),
    close: (dateKey) => at(dateKey, minutes.close),
    isOpen(t) {
      const dateKey = istDateKey(t);
      return isTradingDay(dateKey) && t >= session.open(dateKey) && t < session.close(dateKey);
    },
    nextTradingDay(dateKey, horizonDays = 31) {
      for (let i = 1; i <= horizonDays; i++) {
        const candidate = shift(dateKey, i);
        if (isTradingDay(candidate)) return candidate;
      }
      return undefined;
    },
    tradingDaysBack(dateKey, n) {
      let day = dateKey;
      let guard = 0;
      while (!isTradingDay(day) && guard++ < 3660) day = shift(day, -1);
      for (let left = n; left > 0 && guard++ < 3660;) {
        day = shift(day, -1);
        if (isTradingDay(day)) left--;
      }
      return day;
    },
  };
  return session;
}
