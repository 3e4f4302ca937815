/**
 * Builds coarser bars (15m, 1h, daily…) from finer closed bars, one bar at a time.
 *
 * The streaming {@link CandleAggregator} is the only implementation: the batch
 * {@link aggregateCandles} and the live/backtest feature engine both run through it, so a 1h bar is
 * built the same way everywhere.
 */
import { type Candle, type Timeframe } from '../types';
import { MINUTE_MS } from '../time';
import { type ClosedCandle } from './closed';
import { barCloseTime, bucketStart, isCoarser, TIMEFRAME_MINUTES } from './timeframes';

// Bound once: tsx (esbuild) compiles every imported binding into a getter, far too slow per bar.
const startOf = bucketStart;
const closeOf = barCloseTime;

/**
 * Folds closed `from` bars into `to` bars anchored at 09:15 IST.
 *
 * A `to` bar is handed to `onClose` as soon as it is complete: when a source bar reaching its close
 * time arrives, or, if the last source bars of the bucket are missing, when the first bar of a later
 * bucket arrives (late, never early, so never a look-ahead).
 *
 * The bar handed to `onClose` is one object that the aggregator refills for every bar it closes (the
 * feature engine folds a bar in at once, and a new object per bar costs an allocation): copy it to
 * keep it, as {@link aggregateCandles} does.
 */
export class CandleAggregator {
  /** Start and close time of the bucket being built (NaN: none). */
  private start = NaN;
  private end = NaN;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;
  private volume = 0;
  private readonly fromMs: number;
  private readonly closed = { time: NaN, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN, closeTime: NaN };

  constructor(
    readonly from: Timeframe,
    readonly to: Timeframe,
  ) {
    if (!isCoarser(to, from)) throw new RangeError(`cannot build ${to} bars from ${from} bars`);
    this.fromMs = TIMEFRAME_MINUTES[from] * MINUTE_MS;
  }

  /**
   * Adds the next closed source bar (in time order) and reports every target bar it completes (a
   * reused object: see the class comment).
   */
  push(bar: Candle, onClose: (bar: ClosedCandle) => void): void {
    const t = bar.time;
    // Inside the current bucket there is no calendar arithmetic to do.
    if (t >= this.start && t < this.end) {
      if (bar.high > this.high) this.high = bar.high;
      if (bar.low < this.low) this.low = bar.low;
      this.close = bar.close;
      this.volume += bar.volume;
    } else {
      if (this.building()) onClose(this.take());
      this.start = startOf(t, this.to);
      this.end = closeOf(this.start, this.to);
      this.open = bar.open;
      this.high = bar.high;
      this.low = bar.low;
      this.close = bar.close;
      this.volume = bar.volume;
    }
    // A source bar never runs past its bucket's close, so reaching it means the bucket is complete.
    if (t + this.fromMs >= this.end) onClose(this.take());
  }

  /** The bar being built (not yet closed), for display only: never trade on it. */
  partial(): Candle | undefined {
    return this.building() ? this.current() : undefined;
  }

  private building(): boolean {
    return !Number.isNaN(this.start);
  }

  private current(): Candle {
    const { start: time, open, high, low, close, volume } = this;
    return { time, open, high, low, close, volume };
  }

  /** The bucket as a closed bar (the reused object), and no bucket in progress any more. */
  private take(): ClosedCandle {
    const bar = this.closed;
    bar.time = this.start;
    bar.open = this.open;
    bar.high = this.high;
    bar.low = this.low;
    bar.close = this.close;
    bar.volume = this.volume;
    bar.closeTime = this.end;
    this.start = this.end = NaN;
    return bar;
  }
}

/**
 * Aggregates a time-ordered series of closed `from` bars into the closed `to` bars it completes.
 * A trailing bucket that is not complete yet (e.g. today's daily bar during the session) is left out.
 *
 * @example aggregateCandles(fiveMinuteBars, '5m', '1h') // 09:15, 10:15 … 14:15 bars and the 15:15 stub
 */
export function aggregateCandles(bars: readonly Candle[], from: Timeframe, to: Timeframe): Candle[] {
  const aggregator = new CandleAggregator(from, to);
  const out: Candle[] = [];
  const collect = ({ time, open, high, low, close, volume }: ClosedCandle) =>
    out.push({ time, open, high, low, close, volume });
  for (const bar of bars) aggregator.push(bar, collect);
  return out;
}
