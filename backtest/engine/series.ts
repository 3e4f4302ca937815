/**
 * The bars of one symbol as a backtest sees them: only those that have closed by the replay's market
 * time. The replay moves time forward with `advance`; asking for anything later is a look-ahead and
 * throws, so no decider, strategy or report code can read the future by accident.
 */
import { istDayNumber } from '../../core/candles/timeframes';
import { LookaheadError } from '../../core/indicators';
import { istDateKey } from '../../core/time';
import { type Candle } from '../../core/types';

const BAR_MS = 5 * 60_000;

export class PointInTimeSeries {
  /** Index of the first bar that has not closed yet. */
  private closed = 0;
  private now = -Infinity;

  /** @param bars the symbol's 5-minute bars, validated and in time order. */
  constructor(
    readonly symbol: string,
    private readonly bars: readonly Candle[],
  ) {}

  /** The replay's market time. */
  get time(): number {
    return this.now;
  }

  /**
   * Moves the series to market time `now` and hands each bar that closed since to `sink`, in order.
   * Time never goes back. Returns how many bars closed.
   */
  advance(now: number, sink?: { onBar(bar: Candle): void }): number {
    if (now < this.now) throw new RangeError(`${this.symbol}: time cannot go back to ${new Date(now).toISOString()}`);
    this.now = now;
    const bars = this.bars;
    const from = this.closed;
    while (this.closed < bars.length && bars[this.closed]!.time + BAR_MS <= now) sink?.onBar(bars[this.closed++]!);
    return this.closed - from;
  }

  /** IST dates that have bars, in order (for warnings about missing days). */
  days(): string[] {
    const days: string[] = [];
    let last = NaN;
    for (const bar of this.bars) {
      // Bars are in time order: a date is formatted once, when its first bar comes.
      const day = istDayNumber(bar.time);
      if (day !== last) days.push(istDateKey(bar.time));
      last = day;
    }
    return days;
  }

  /** The newest bar closed by now, if any. */
  get last(): Candle | undefined {
    return this.closed > 0 ? this.bars[this.closed - 1] : undefined;
  }

  /**
   * The closed bars that start in `[from, to)`, oldest first (what the live cycle reads from the
   * candles table). Throws `LookaheadError` when `to` lies after the replay's market time.
   */
  window(from: number, to: number): readonly Candle[] {
    if (to > this.now)
      throw new LookaheadError(
        `${this.symbol} bars up to ${new Date(to).toISOString()} (market time ${new Date(this.now).toISOString()})`,
      );
    let start = this.closed;
    while (start > 0 && this.bars[start - 1]!.time >= from) start--;
    let end = this.closed;
    while (end > start && this.bars[end - 1]!.time >= to) end--;
    return this.bars.slice(start, end);
  }
}
