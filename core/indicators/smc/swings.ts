import { RingBuffer } from '../ring';

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
  private readonly highs: RingBuffer;
  private readonly lows: RingBuffer;

  constructor(readonly length: number) {
    if (!Number.isInteger(length) || length < 1) throw new RangeError('swing length must be a whole number ≥ 1');
    this.highs = new RingBuffer(2 * length + 1);
    this.lows = new RingBuffer(2 * length + 1);
  }

  update(high: number, low: number): void {
    this.highs.push(high);
    this.lows.push(low);
    this.highConfirmed = false;
    this.lowConfirmed = false;
    if (!this.highs.full) return;
    const L = this.length;
    const h = this.highs.get(L);
    const l = this.lows.get(L);
    let isHigh = true;
    let isLow = true;
    // back < L: bars after the candidate (ties allowed); back > L: bars before it (strict).
    for (let back = 0; back <= 2 * L; back++) {
      if (back === L) continue;
      const after = back < L;
      const hb = this.highs.get(back);
      const lb = this.lows.get(back);
      if (after ? hb > h : hb >= h) isHigh = false;
      if (after ? lb < l : lb <= l) isLow = false;
    }
    this.highConfirmed = isHigh;
    this.highLevel = h;
    this.lowConfirmed = isLow;
    this.lowLevel = l;
  }
}
