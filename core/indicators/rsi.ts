import { type Candle } from '../types';
import { WilderAverage } from './wilder';

/**
 * Relative strength index, Wilder smoothing, TA-Lib classic seed, unrounded.
 *
 * - Δ_t = C_t − C_{t−1}; average gain and loss are Wilder averages of max(Δ, 0) and max(−Δ, 0), seeded
 *   with the mean of the first n changes, so the first RSI needs n+1 closes (index n).
 * - RSI = 100·avgGain/(avgGain + avgLoss).
 * - A perfectly flat window (avgGain + avgLoss = 0) gives **50**, not TA-Lib's 0 or technicalindicators'
 *   100: both of those would read a flat market as oversold/overbought and fire false 30/70 crosses.
 */
export class Rsi {
  value = NaN;
  private prevClose = NaN;
  private readonly gains: WilderAverage;
  private readonly losses: WilderAverage;

  constructor(readonly period = 14) {
    this.gains = new WilderAverage(period);
    this.losses = new WilderAverage(period);
  }

  update(close: number): number {
    this.add({ close });
    return this.value;
  }

  /**
   * Folds in one bar; read `value` after. The bar comes as an object and nothing is returned: a call
   * V8 does not inline boxes every number passed or returned (an allocation each).
   */
  add(bar: Pick<Candle, 'close'>): void {
    const close = bar.close;
    const prev = this.prevClose;
    this.prevClose = close;
    if (Number.isNaN(prev)) return;
    const change = close - prev;
    this.gains.add(change > 0 ? change : 0);
    this.losses.add(change < 0 ? -change : 0);
    const gain = this.gains.value;
    if (Number.isNaN(gain)) return;
    const total = gain + this.losses.value;
    this.value = total === 0 ? 50 : (100 * gain) / total;
  }
}
