/**
 * Wilder's smoothing (RMA/SMMA, α = 1/n) with the TA-Lib seed: the mean of the first n inputs, then
 * avg_t = ((n−1)·avg_{t−1} + x_t)/n. Shared by RSI (gains, losses) and ATR (true range).
 */
export class WilderAverage {
  value = NaN;
  private seen = 0;
  private seedSum = 0;

  constructor(readonly period: number) {
    if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be a whole number ≥ 1`);
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
    // TA-Lib's order of operations: multiply, add, divide.
    this.value = (this.value * (this.period - 1) + x) / this.period;
  }
}
