import { type BarHistory } from './structure';
import { type BarPrices, type Direction, Zone } from './zone';

/**
 * Finds the order block of a break while the break is still to come: the candle to use is chosen among
 * the bars after the swing point that is later broken.
 *
 * Bullish (a swing high broken upwards): the last down-close candle (C < O) after the swing high; if
 * there is none, the candle with the lowest low (the `smartmoneyconcepts` variant). Bearish: the last
 * up-close candle, else the candle with the highest high. The zone is the candle's range [low, high],
 * or its body [min(O, C), max(O, C)] when `body` is set.
 */
export class OrderBlockCandidate {
  private lastIndex = -1;
  private lastTop = NaN;
  private lastBottom = NaN;
  private extremeIndex = -1;
  private extreme = NaN;
  private extremeTop = NaN;
  private extremeBottom = NaN;
  /** A re-scanned bar of {@link restart}, reused: one object for every bar read back. */
  private readonly rescanned = { open: NaN, high: NaN, low: NaN, close: NaN };

  constructor(
    readonly direction: Direction,
    readonly body: boolean,
  ) {}

  /** Forgets every candle: called when a new swing point starts a new search. */
  reset(): void {
    this.lastIndex = -1;
    this.extremeIndex = -1;
  }

  /**
   * Considers the bar `index` (the newest). The bar comes as an object: a call V8 does not inline
   * boxes every number passed (an allocation each).
   */
  add(index: number, bar: BarPrices): void {
    const { open, high, low, close } = bar;
    const top = this.body ? Math.max(open, close) : high;
    const bottom = this.body ? Math.min(open, close) : low;
    const bullish = this.direction === 1;
    if (bullish ? close < open : close > open) {
      this.lastIndex = index;
      this.lastTop = top;
      this.lastBottom = bottom;
    }
    const extreme = bullish ? low : high;
    if (this.extremeIndex < 0 || (bullish ? extreme < this.extreme : extreme > this.extreme)) {
      this.extremeIndex = index;
      this.extreme = extreme;
      this.extremeTop = top;
      this.extremeBottom = bottom;
    }
  }

  /**
   * Forgets every candle and considers the last `count` closed bars of `bars` instead (back
   * `count − 1` … 0, the newest being `index`): a new swing point starts a new search.
   */
  restart(bars: BarHistory, count: number, index: number): void {
    this.reset();
    const bar = this.rescanned;
    for (let back = count - 1; back >= 0; back--) {
      bar.open = bars.open(back);
      bar.high = bars.high(back);
      bar.low = bars.low(back);
      bar.close = bars.close(back);
      this.add(index - back, bar);
    }
  }

  /** The order block of a break detected at `detectedIndex`, or undefined if no candle was seen. */
  toZone(detectedIndex: number): Zone | undefined {
    if (this.lastIndex >= 0) {
      return new Zone('orderBlock', this.direction, this.lastTop, this.lastBottom, this.lastIndex, detectedIndex);
    }
    if (this.extremeIndex >= 0) {
      return new Zone(
        'orderBlock',
        this.direction,
        this.extremeTop,
        this.extremeBottom,
        this.extremeIndex,
        detectedIndex,
      );
    }
    return undefined;
  }
}
