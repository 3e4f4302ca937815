import { WilderAverage } from './wilder';

/**
 * Average true range, Wilder smoothing, TA-Lib convention: true range needs the previous close, so it
 * starts at the second bar; ATR is seeded with the mean of the first n true ranges and first appears
 * after n+1 bars (index n). `value` is NaN until then.
 */
export class Atr {
  value = NaN;
  private prevClose = NaN;
  private readonly average: WilderAverage;

  constructor(readonly period = 14) {
    this.average = new WilderAverage(period);
  }

  update(high: number, low: number, close: number): number {
    const prev = this.prevClose;
    this.prevClose = close;
    if (Number.isNaN(prev)) return this.value;
    const trueRange = Math.max(high - low, Math.abs(prev - high), Math.abs(low - prev));
    this.value = this.average.update(trueRange);
    return this.value;
  }
}
