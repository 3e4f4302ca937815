/**
 * Exponential moving average, streaming, TA-Lib "classic" convention:
 * EMA_t = α·x_t + (1 − α)·EMA_{t−1} with α = 2/(n+1), seeded with the SMA of the first n inputs, so the
 * first value appears after n inputs (index n−1). `value` is NaN until then.
 */
export class Ema {
  value = NaN;
  private readonly alpha: number;
  private seen = 0;
  private seedSum = 0;

  constructor(readonly period: number) {
    if (!Number.isInteger(period) || period < 1) throw new RangeError(`EMA period must be a whole number ≥ 1`);
    this.alpha = 2 / (period + 1);
  }

  update(x: number): number {
    this.add(x);
    return this.value;
  }

  /** Folds in `x`; read `value` after (returns nothing, so a call that is not inlined boxes nothing back). */
  add(x: number): void {
    if (this.seen < this.period) {
      this.seedSum += x;
      if (++this.seen === this.period) this.value = this.seedSum / this.period;
      return;
    }
    // Same operation order as TA-Lib's INT_EMA, so results agree to the last bits.
    this.value = (x - this.value) * this.alpha + this.value;
  }
}
