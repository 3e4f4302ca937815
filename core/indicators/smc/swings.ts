/**
 * Swing points (fractal pivots) of length L, streaming.
 *
 * Bar i is a swing high if H_i > max(H_{i−L..i−1}) and H_i ≥ max(H_{i+1..i+L}); a swing low is the
 * mirror. The point is only **confirmed at bar i+L**: after `update` of bar j, `highConfirmed` says
 * whether bar j−L just became a swing high (its level in `highLevel`).
 */
import { type BarPrices } from './zone';

export class SwingDetector {
  highConfirmed = false;
  highLevel = NaN;
  lowConfirmed = false;
  lowLevel = NaN;
  /** Bars in the window: the candidate and L on each side. */
  private readonly size: number;
  // Each bar is written twice, at `slot` and `slot + size`, so the window ending at the newest bar is
  // always one contiguous run (`slot + 1 … slot + size`): no wrap-around arithmetic per comparison.
  private readonly highs: Float64Array;
  private readonly lows: Float64Array;
  private seen = 0;
  private slot = 0;

  constructor(readonly length: number) {
    if (!Number.isInteger(length) || length < 1) throw new RangeError('swing length must be a whole number ≥ 1');
    this.size = 2 * length + 1;
    this.highs = new Float64Array(2 * this.size);
    this.lows = new Float64Array(2 * this.size);
  }

  update(bar: Pick<BarPrices, 'high' | 'low'>): void {
    const { size, highs, lows, length } = this;
    const slot = this.slot;
    highs[slot] = highs[slot + size] = bar.high;
    lows[slot] = lows[slot + size] = bar.low;
    this.slot = slot + 1 === size ? 0 : slot + 1;
    this.seen++;
    this.highConfirmed = false;
    this.lowConfirmed = false;
    if (this.seen < size) return;
    // The window runs from `slot + 1` (oldest) to `slot + size` (newest); the candidate sits L bars
    // back from the newest, in the middle.
    const middle = slot + size - length;
    const h = highs[middle]!;
    const l = lows[middle]!;
    let isHigh = true;
    let isLow = true;
    // Stop as soon as neither can hold: most bars fail within a step or two.
    for (let k = 1; k <= length && (isHigh || isLow); k++) {
      if (highs[middle + k]! > h || highs[middle - k]! >= h) isHigh = false;
      if (lows[middle + k]! < l || lows[middle - k]! <= l) isLow = false;
    }
    this.highConfirmed = isHigh;
    this.highLevel = h;
    this.lowConfirmed = isLow;
    this.lowLevel = l;
  }
}
