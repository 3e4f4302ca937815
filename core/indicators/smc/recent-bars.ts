import { type BarHistory } from './structure';
import { type BarPrices } from './zone';

/**
 * The prices of the last `size` bars folded in, newest first (`back` 0 = the newest), in one typed
 * array. The order-block search re-reads the few bars after a new swing point from here: cheaper
 * than the frame's guarded accessors, and the bars are still in the cache.
 */
export class RecentBars implements BarHistory {
  // Four numbers per bar (open, high, low, close), slot by slot.
  private readonly prices: Float64Array;
  private newest = -1;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a whole number ≥ 1');
    this.prices = new Float64Array(4 * size);
  }

  push(bar: BarPrices): void {
    const slot = this.newest + 1 === this.size ? 0 : this.newest + 1;
    const at = 4 * slot;
    this.prices[at] = bar.open;
    this.prices[at + 1] = bar.high;
    this.prices[at + 2] = bar.low;
    this.prices[at + 3] = bar.close;
    this.newest = slot;
  }

  open(back: number): number {
    return this.prices[this.at(back)]!;
  }
  high(back: number): number {
    return this.prices[this.at(back) + 1]!;
  }
  low(back: number): number {
    return this.prices[this.at(back) + 2]!;
  }
  close(back: number): number {
    return this.prices[this.at(back) + 3]!;
  }

  /** Offset of the bar `back` steps before the newest (callers stay within `size`). */
  private at(back: number): number {
    const slot = this.newest - back;
    return 4 * (slot < 0 ? slot + this.size : slot);
  }
}
