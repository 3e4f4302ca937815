import { type Candle } from '../types';
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
    this.add({ high, low, close });
    return this.value;
  }

  /**
   * Folds in one bar; read `value` after. The bar comes as an object and nothing is returned: a call
   * V8 does not inline boxes every number passed or returned (an allocation each).
   */
  add(bar: Pick<Candle, 'high' | 'low' | 'close'>): void {
    const { high, low, close } = bar;
    const prev = this.prevClose;
    this.prevClose = close;
    if (Number.isNaN(prev)) return;
    const trueRange = Math.max(high - low, Math.abs(prev - high), Math.abs(low - prev));
    this.average.add(trueRange);
    this.value = this.average.value;
  }
}
