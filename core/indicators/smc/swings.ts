/**
 * Swing points (fractal pivots) of length L, streaming.
 *
 * Bar i is a swing high if H_i > max(H_{i−L..i−1}) and H_i ≥ max(H_{i+1..i+L}); a swing low is the
 * mirror. The point is only **confirmed at bar i+L**: after `update` of bar j, `highConfirmed` says
 * whether bar j−L just became a swing high (its level in `highLevel`).
 */
export class SwingDetector {
  highConfirmed = false;
  highLevel = NaN;
  lowConfirmed = false;
  lowLevel = NaN;
  private readonly size: number;
  private readonly highs: Float64Array;
  private readonly lows: Float64Array;
  private seen = 0;
  private next = 0;

  constructor(readonly length: number) {
    if (!Number.isInteger(length) || length < 1) throw new RangeError('swing length must be a whole number ≥ 1');
    this.size = 2 * length + 1;
    this.highs = new Float64Array(this.size);
    this.lows = new Float64Array(this.size);
  }

  update(high: number, low: number): void {
    const { size, highs, lows, length } = this;
    // Ring positions by conditional subtraction: an integer % is a slow division on the hot path.
    const slot = this.next;
    this.next = slot + 1 === size ? 0 : slot + 1;
    highs[slot] = high;
    lows[slot] = low;
    this.seen++;
    this.highConfirmed = false;
    this.lowConfirmed = false;
    if (this.seen < size) return;
    // The candidate sits L bars back, in the middle of the window.
    const middle = wrap(slot + size - length, size);
    const h = highs[middle]!;
    const l = lows[middle]!;
    let isHigh = true;
    let isLow = true;
    // Stop as soon as neither can hold: most bars fail within a step or two.
    for (let k = 1; k <= length && (isHigh || isLow); k++) {
      const after = wrap(middle + k, size);
      const before = wrap(middle + size - k, size);
      if (highs[after]! > h || highs[before]! >= h) isHigh = false;
      if (lows[after]! < l || lows[before]! <= l) isLow = false;
    }
    this.highConfirmed = isHigh;
    this.highLevel = h;
    this.lowConfirmed = isLow;
    this.lowLevel = l;
  }
}

/** `i` modulo `size` for 0 ≤ i < 2·size. */
function wrap(i: number, size: number): number {
  return i >= size ? i - size : i;
}
