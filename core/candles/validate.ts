/**
 * Checks a candle series before anything trades on it.
 *
 * Broken bars (non-finite numbers, high below the body, bars out of order…) are *issues*: the series
 * must not be used until they are fixed. Missing bars inside a session are *gaps*: real data has them
 * (halts, feed drops), so they are reported as data and the series stays usable.
 */
import { MINUTE_MS } from '../time';
import { type Candle, type Timeframe } from '../types';
import {
  atIstMinute,
  bucketStart,
  IstDayTracker,
  SESSION_CLOSE_MINUTE,
  SESSION_OPEN_MINUTE,
  TIMEFRAME_MINUTES,
} from './timeframes';

export type CandleIssueCode =
  | 'not-finite'
  | 'non-positive-price'
  | 'negative-volume'
  | 'high-below-body'
  | 'low-above-body'
  | 'misaligned'
  | 'out-of-session'
  | 'duplicate'
  | 'out-of-order';

export interface CandleIssue {
  /** Position of the offending bar in the input. */
  readonly index: number;
  readonly time: number;
  readonly code: CandleIssueCode;
  readonly message: string;
}

/** Bars missing between two bars of one session: starts `from` … `to` (inclusive), `missing` bars. */
export interface CandleGap {
  readonly from: number;
  readonly to: number;
  readonly missing: number;
}

export interface CandleReport {
  readonly ok: boolean;
  readonly issues: readonly CandleIssue[];
  readonly gaps: readonly CandleGap[];
}

/** Thrown by {@link assertValidCandles}; carries every issue found. */
export class CandleValidationError extends Error {
  constructor(readonly issues: readonly CandleIssue[]) {
    const shown = issues.slice(0, 5).map((i) => `#${i.index} ${new Date(i.time).toISOString()}: ${i.message}`);
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super(`invalid candle series: ${shown.join('; ')}${more}`);
    this.name = 'CandleValidationError';
  }
}

type Report = (index: number, code: CandleIssueCode, message: string) => void;

// Bound once: tsx (esbuild) compiles every imported binding into a getter, far too slow per bar.
const OPEN_MS = SESSION_OPEN_MINUTE * MINUTE_MS;
const CLOSE_MS = SESSION_CLOSE_MINUTE * MINUTE_MS;
const MINUTES = TIMEFRAME_MINUTES;
const MINUTE = MINUTE_MS;

/**
 * Reports the problems of bar `i` on its own (no neighbours needed); allocates nothing when fine.
 * `day` follows the bars' IST days, so the session grid is computed once per day, not per bar.
 */
function checkBar(c: Candle, i: number, tf: Timeframe, day: IstDayTracker, report: Report): void {
  const { time, open, high, low, close, volume } = c;
  const finite =
    Number.isFinite(time) &&
    Number.isFinite(open) &&
    Number.isFinite(high) &&
    Number.isFinite(low) &&
    Number.isFinite(close) &&
    Number.isFinite(volume);
  if (!finite) return report(i, 'not-finite', 'a field is not a finite number');
  if (open <= 0 || high <= 0 || low <= 0 || close <= 0) report(i, 'non-positive-price', 'a price is ≤ 0');
  if (volume < 0) report(i, 'negative-volume', `volume ${volume} is negative`);
  if (high < open || high < close) report(i, 'high-below-body', `high ${high} < max(open, close)`);
  if (low > open || low > close) report(i, 'low-above-body', `low ${low} > min(open, close)`);
  if (tf === '1d') return;
  day.enter(time);
  const sessionOpen = day.midnight + OPEN_MS;
  // On the grid: a whole number of bars from 09:15 (what `bucketStart(time, tf) === time` says).
  // Tested by division, not `%`: V8 computes a remainder of non-int32 numbers with a slow C call. The
  // offset is under a day, so a quotient that is not whole can never round to a whole number.
  const bars = (time - sessionOpen) / (MINUTES[tf] * MINUTE);
  if (bars !== Math.floor(bars)) {
    report(i, 'misaligned', `start is not on the ${tf} grid from 09:15 IST`);
  }
  if (!(time >= sessionOpen && time < day.midnight + CLOSE_MS))
    report(i, 'out-of-session', 'starts outside 09:15–15:30 IST');
}

/** Gaps of an intraday series: inside a session, and at the edges of every session but the first and last. */
function findGaps(bars: readonly Candle[], tf: Timeframe): CandleGap[] {
  const size = TIMEFRAME_MINUTES[tf] * MINUTE_MS;
  const gaps: CandleGap[] = [];
  const add = (from: number, to: number) => {
    // Slots from `from` to `to` inclusive; none when `to` comes before `from`.
    const missing = Math.round((to - from) / size) + 1;
    if (missing > 0) gaps.push({ from, to, missing });
  };
  // The bars are in time order here: a bar whose IST day differs from the previous bar's ends one
  // session and starts the next, so each pair of neighbours is looked at once.
  const tracker = new IstDayTracker();
  let prevDay = NaN;
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i]!;
    const day = dayOf(tracker, bar.time);
    // The first day may start mid-session (a warm-up window) and the last may still be trading.
    if (i > 0) {
      const prev = bars[i - 1]!;
      if (day !== prevDay) {
        const lastStart = bucketStart(atIstMinute(prev.time, SESSION_CLOSE_MINUTE) - 1, tf);
        add(prev.time + size, lastStart);
        add(atIstMinute(bar.time, SESSION_OPEN_MINUTE), bar.time - size);
      } else {
        add(prev.time + size, bar.time - size);
      }
    }
    prevDay = day;
  }
  return gaps;
}

/** The IST day number of `t` through `tracker` (no division within a day). */
function dayOf(tracker: IstDayTracker, t: number): number {
  tracker.enter(t);
  return tracker.day;
}

/**
 * Validates a candle series of timeframe `tf` (bar starts in time order, one bar per slot).
 *
 * - issues: non-finite fields, prices ≤ 0, negative volume, high < max(open, close),
 *   low > min(open, close), starts off the timeframe grid or outside 09:15–15:30 IST, duplicates,
 *   bars out of time order;
 * - gaps (intraday timeframes): missing slots inside a session, and missing opening/closing slots of
 *   every session except the first (a window may start mid-session) and the last (it may be live).
 */
export function validateCandles(bars: readonly Candle[], tf: Timeframe): CandleReport {
  const issues: CandleIssue[] = [];
  const report: Report = (index, code, message) => {
    issues.push({ index, time: bars[index]!.time, code, message });
  };
  const day = new IstDayTracker();
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i]!;
    checkBar(bar, i, tf, day, report);
    const prev = bars[i - 1];
    if (prev === undefined) continue;
    if (bar.time === prev.time) report(i, 'duplicate', 'same start as the previous bar');
    else if (bar.time < prev.time) report(i, 'out-of-order', 'starts before the previous bar');
  }
  const ordered = !issues.some((i) => i.code === 'duplicate' || i.code === 'out-of-order');
  const gaps = tf !== '1d' && ordered ? findGaps(bars, tf) : [];
  return { ok: issues.length === 0, issues, gaps };
}

/**
 * Validates like {@link validateCandles} and throws a {@link CandleValidationError} naming the first
 * issues if there are any; otherwise returns the gaps.
 */
export function assertValidCandles(bars: readonly Candle[], tf: Timeframe): readonly CandleGap[] {
  const { issues, gaps } = validateCandles(bars, tf);
  if (issues.length > 0) throw new CandleValidationError(issues);
  return gaps;
}
