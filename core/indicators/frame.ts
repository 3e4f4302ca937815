/**
 * One timeframe of one symbol: its recent closed bars and every indicator folded over them.
 *
 * Strategies read a frame through {@link FrameView}: newest-first accessors (`close(0)` is the last
 * closed bar, `close(1)` the one before) that refuse to look forward. Bars and values are kept in
 * preallocated typed arrays, so folding a bar allocates nothing.
 */
import { type ClosedCandle } from '../candles/closed';
import { type Timeframe } from '../types';
import { Atr } from './atr';
import { Ema } from './ema';
import { Macd } from './macd';
import { ALL_FRAME_INDICATORS, type FrameIndicator, withImplied } from './needs';
import { RelativeVolume } from './rvol';
import { Rsi } from './rsi';
import { type SessionLevels } from './smc/liquidity';
import { type BarHistory, MarketStructure, type StructureOptions } from './smc/structure';
import { SessionVwap } from './vwap';

/** Fixed indicator periods: the snapshot names them (rsi14, atr14), so they are not configurable. */
export const RSI_PERIOD = 14;
export const ATR_PERIOD = 14;
export const MACD_PERIODS = { fast: 12, slow: 26, signal: 9 } as const;

/** Thrown when code asks for a bar that has not closed yet. */
export class LookaheadError extends Error {
  constructor(what: string) {
    super(`look-ahead: ${what} has not closed yet; only closed bars (back ≥ 0) can be read`);
    this.name = 'LookaheadError';
  }
}

/** Indicator values at one bar. NaN means "not available yet" (warm-up, no volume yet…). */
export class FrameValues {
  /** Start of the bar (epoch ms). */
  time = NaN;
  open = NaN;
  high = NaN;
  low = NaN;
  close = NaN;
  volume = NaN;
  vwap = NaN;
  vwapSigma = NaN;
  vwapSlope = NaN;
  rsi = NaN;
  atr = NaN;
  macd = NaN;
  macdSignal = NaN;
  macdHistogram = NaN;
  rvol = NaN;
  /** EMA values in the order of the frame's `emaPeriods`; read them with `FrameView.ema(period)`. */
  readonly ema: Float64Array;

  constructor(emaCount: number) {
    this.ema = new Float64Array(emaCount).fill(NaN);
  }
}

/** What a strategy may read of a frame. */
export interface FrameView extends BarHistory {
  readonly timeframe: Timeframe;
  /** Closed bars folded in so far; the newest has index `count − 1`. */
  readonly count: number;
  /** Close time of the newest closed bar (NaN before the first). */
  readonly lastCloseTime: number;
  /** Values at the newest closed bar and at the one before. */
  readonly now: Readonly<FrameValues>;
  readonly prev: Readonly<FrameValues>;
  readonly structure: MarketStructure;
  /** EMA periods computed on this frame (none when the frame does not compute EMAs). */
  readonly emaPeriods: readonly number[];
  time(back: number): number;
  volume(back: number): number;
  /** Session VWAP `back` bars ago. */
  vwapAt(back: number): number;
  /** EMA of `period` now (`back` 0) or at the previous bar (`back` 1). */
  ema(period: number, back?: 0 | 1): number;
  /** Lowest low / highest high of the last `bars` closed bars (NaN if fewer exist). */
  lowestLow(bars: number): number;
  highestHigh(bars: number): number;
}

export interface FrameOptions {
  readonly emaPeriods: readonly number[];
  /** Closed bars kept for look-back (SMC windows, lowest low…); rounded up to a power of two. */
  readonly historyBars: number;
  readonly rvolSessions: number;
  readonly rvolFallbackBars: number;
  readonly structure: StructureOptions;
}

export class Frame implements FrameView {
  count = 0;
  lastCloseTime = NaN;
  now: FrameValues;
  prev: FrameValues;
  readonly structure: MarketStructure;
  private readonly capacity: number;
  /** capacity − 1: the capacity is a power of two, so a ring index is a bit mask. */
  private readonly mask: number;
  /** EMA slot of each period (−1: not computed), so `ema(period)` is one array read. */
  private readonly emaSlot: Int16Array;
  private readonly times: Float64Array;
  private readonly opens: Float64Array;
  private readonly highs: Float64Array;
  private readonly lows: Float64Array;
  private readonly closes: Float64Array;
  private readonly volumes: Float64Array;
  private readonly vwaps: Float64Array;
  private readonly vwap = new SessionVwap();
  private readonly emas: Ema[];
  private readonly emaPeriodList: readonly number[];
  private readonly rsi = new Rsi(RSI_PERIOD);
  private readonly atr = new Atr(ATR_PERIOD);
  private readonly macd = new Macd(MACD_PERIODS.fast, MACD_PERIODS.slow, MACD_PERIODS.signal);
  private readonly rvol: RelativeVolume;
  // Which indicators `push` folds in: plain booleans, a predictable branch per bar.
  private readonly hasVwap: boolean;
  private readonly hasRsi: boolean;
  private readonly hasAtr: boolean;
  private readonly hasMacd: boolean;
  private readonly hasRvol: boolean;
  private readonly hasStructure: boolean;

  constructor(
    readonly timeframe: Timeframe,
    options: FrameOptions,
    /** Indicators to compute; the others stay NaN (see core/indicators/needs.ts). */
    indicators: readonly FrameIndicator[] = ALL_FRAME_INDICATORS,
  ) {
    const n = 2 ** Math.ceil(Math.log2(Math.max(2, options.historyBars)));
    this.capacity = n;
    this.mask = n - 1;
    [this.times, this.opens, this.highs, this.lows, this.closes, this.volumes, this.vwaps] = Array.from(
      { length: 7 },
      () => new Float64Array(n),
    ) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    this.vwaps.fill(NaN); // stays NaN when the frame does not compute VWAP
    const wanted = withImplied(indicators);
    this.hasVwap = wanted.has('vwap');
    this.hasRsi = wanted.has('rsi');
    this.hasAtr = wanted.has('atr');
    this.hasMacd = wanted.has('macd');
    this.hasRvol = wanted.has('rvol');
    this.hasStructure = wanted.has('structure');
    this.emaPeriodList = wanted.has('ema') ? options.emaPeriods : [];
    this.emas = this.emaPeriodList.map((p) => new Ema(p));
    this.emaSlot = new Int16Array(Math.max(0, ...this.emaPeriodList) + 1).fill(-1);
    this.emaPeriodList.forEach((p, k) => (this.emaSlot[p] = k));
    this.now = new FrameValues(this.emas.length);
    this.prev = new FrameValues(this.emas.length);
    this.rvol = new RelativeVolume(options.rvolSessions, options.rvolFallbackBars);
    this.structure = new MarketStructure(options.structure, wanted.has('zones'));
  }

  /**
   * Folds in the next closed bar. It comes as one object with its close time, read at once: a number
   * passed to a call V8 does not inline would be boxed (an allocation).
   */
  push(bar: ClosedCandle, levels?: SessionLevels): void {
    const i = this.count & this.mask;
    const { time, open, high, low, close, volume, closeTime } = bar;
    this.times[i] = time;
    this.opens[i] = open;
    this.highs[i] = high;
    this.lows[i] = low;
    this.closes[i] = close;
    this.volumes[i] = volume;
    this.count++;
    this.lastCloseTime = closeTime;

    // Reuse the older values object: no allocation per bar.
    const values = this.prev;
    this.prev = this.now;
    this.now = values;
    values.time = time;
    values.open = open;
    values.high = high;
    values.low = low;
    values.close = close;
    values.volume = volume;
    // An indicator the frame does not compute keeps the NaN its values object was born with.
    // The indicators read the bar from `values` and leave their results in fields (see SessionVwap.add).
    if (this.hasVwap) {
      this.vwap.add(values);
      values.vwap = this.vwaps[i] = this.vwap.value;
      values.vwapSigma = this.vwap.sigma;
      values.vwapSlope = this.vwap.slope;
    }
    for (let k = 0; k < this.emas.length; k++) {
      const ema = this.emas[k]!;
      ema.add(close);
      values.ema[k] = ema.value;
    }
    if (this.hasRsi) {
      this.rsi.add(values);
      values.rsi = this.rsi.value;
    }
    if (this.hasAtr) {
      this.atr.add(values);
      values.atr = this.atr.value;
    }
    if (this.hasMacd) {
      this.macd.add(values);
      values.macd = this.macd.macd;
      values.macdSignal = this.macd.signal;
      values.macdHistogram = this.macd.histogram;
    }
    if (this.hasRvol) {
      this.rvol.add(values);
      values.rvol = this.rvol.value;
    }
    if (this.hasStructure) this.structure.update(this.count - 1, values, levels);
  }

  time(back: number): number {
    return this.read(this.times, back);
  }
  open(back: number): number {
    return this.read(this.opens, back);
  }
  high(back: number): number {
    return this.read(this.highs, back);
  }
  low(back: number): number {
    return this.read(this.lows, back);
  }
  close(back: number): number {
    return this.read(this.closes, back);
  }
  volume(back: number): number {
    return this.read(this.volumes, back);
  }
  vwapAt(back: number): number {
    return this.read(this.vwaps, back);
  }

  get emaPeriods(): readonly number[] {
    return this.emaPeriodList;
  }

  ema(period: number, back: 0 | 1 = 0): number {
    const k = this.emaSlot[period] ?? -1;
    if (k < 0) {
      throw new RangeError(
        `EMA(${period}) is not computed on ${this.timeframe}; add it to emaPeriods (and 'ema' to the frame's indicators)`,
      );
    }
    return (back === 0 ? this.now : this.prev).ema[k]!;
  }

  lowestLow(bars: number): number {
    return this.extreme(this.lows, bars, -1);
  }

  highestHigh(bars: number): number {
    return this.extreme(this.highs, bars, 1);
  }

  private extreme(series: Float64Array, bars: number, sign: 1 | -1): number {
    let best = NaN;
    for (let back = 0; back < bars; back++) {
      const x = this.read(series, back);
      if (Number.isNaN(x)) return NaN;
      if (Number.isNaN(best) || (sign === 1 ? x > best : x < best)) best = x;
    }
    return best;
  }

  /**
   * The guard: a negative `back` is the future; beyond the kept history is a configuration error.
   * Only the common case is tested here: a small method is inlined by V8 into the strategies and the
   * SMC code that call it on every bar, while the error messages live in {@link readOutside}.
   */
  private read(series: Float64Array, back: number): number {
    if (back >= 0 && back < this.count && back < this.capacity && (back | 0) === back) {
      return series[(this.count - 1 - back) & this.mask]!;
    }
    return this.readOutside(back);
  }

  /** `read` of a `back` outside the kept closed bars: throws, or NaN for a bar before the first. */
  private readOutside(back: number): number {
    if (back < 0) throw new LookaheadError(`bar back=${back} on ${this.timeframe}`);
    if ((back | 0) !== back) throw new RangeError(`back must be a whole number of bars, got ${back}`);
    if (back >= this.capacity) {
      throw new RangeError(`${this.timeframe} keeps ${this.capacity} bars; back=${back} needs a larger historyBars`);
    }
    return NaN; // older than the first bar: still warming up
  }
}
