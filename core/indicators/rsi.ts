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
    const prev = this.prevClose;
    this.prevClose = close;
    if (Number.isNaN(prev)) return this.value;
    const change = close - prev;
    const gain = this.gains.update(change > 0 ? change : 0);
    const loss = this.losses.update(change < 0 ? -change : 0);
    if (Number.isNaN(gain)) return this.value;
    const total = gain + loss;
    this.value = total === 0 ? 50 : (100 * gain) / total;
    return this.value;
  }
}
