import { atIstMinute, IstDayTracker } from '../candles/timeframes';
import { hm } from '../time';
import { type ClosedCandle } from '../candles/closed';
import { Sma } from './sma';
import { type SessionLevels } from './smc/liquidity';

/** Opening range: the bars of 09:15–09:30 IST (the first three 5-minute bars). */
export const OPENING_RANGE_END = '09:30';

/**
 * Per-session facts of one symbol, from the base bars: today's high/low so far, the previous session's
 * high/low/close (PDH/PDL/PDC), today's opening range once it is complete, and the average session
 * range of the previous sessions. NaN = not known yet.
 */
export class SessionTracker implements SessionLevels {
  high = NaN;
  low = NaN;
  prevHigh = NaN;
  prevLow = NaN;
  prevClose = NaN;
  /** High and low of the bars starting before 09:30, known once the 09:30 boundary has passed. */
  openingHigh = NaN;
  openingLow = NaN;
  /** Mean high−low of the previous `rangeSessions` sessions (NaN until that many exist). */
  averageRange = NaN;
  private readonly day = new IstDayTracker();
  private started = false;
  private close = NaN;
  private openingEnd = NaN;
  private openingDone = false;
  private rangeHigh = -Infinity;
  private rangeLow = Infinity;
  private readonly ranges: Sma;
  private readonly openingEndMinute: number;

  constructor(rangeSessions = 10, openingRangeEnd = OPENING_RANGE_END) {
    this.ranges = new Sma(rangeSessions);
    this.openingEndMinute = hm(openingRangeEnd);
  }

  /** Today's range so far (high − low). */
  get range(): number {
    return this.high - this.low;
  }

  /** Folds in the next base bar. */
  update(bar: ClosedCandle): void {
    if (this.day.enter(bar.time)) this.startSession(bar);
    this.high = Math.max(this.high, bar.high);
    this.low = Math.min(this.low, bar.low);
    this.close = bar.close;
    if (this.openingDone) return;
    if (bar.time < this.openingEnd) {
      this.rangeHigh = Math.max(this.rangeHigh, bar.high);
      this.rangeLow = Math.min(this.rangeLow, bar.low);
    }
    // The levels are published only once the range is complete: a forming range is not a level.
    if (bar.closeTime >= this.openingEnd) {
      this.openingDone = true;
      if (this.rangeHigh >= this.rangeLow) {
        this.openingHigh = this.rangeHigh;
        this.openingLow = this.rangeLow;
      }
    }
  }

  private startSession(bar: ClosedCandle): void {
    if (this.started) {
      this.prevHigh = this.high;
      this.prevLow = this.low;
      this.prevClose = this.close;
      this.averageRange = this.ranges.update(this.high - this.low);
    }
    this.started = true;
    this.high = bar.high;
    this.low = bar.low;
    this.openingEnd = atIstMinute(bar.time, this.openingEndMinute);
    this.openingDone = false;
    this.openingHigh = this.openingLow = NaN;
    this.rangeHigh = -Infinity;
    this.rangeLow = Infinity;
  }
}
