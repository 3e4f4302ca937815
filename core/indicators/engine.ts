/**
 * The feature engine: one per symbol, it folds closed base bars (5m, or 1m) into every frame the
 * strategies and the LLM need (5m, 15m, 1h, daily by default) and the session facts.
 *
 * One code path for live and backtest: the backtester streams a year through `push`; the live
 * activity pushes the last N closed bars (its warm-up window) and then reads the same state.
 *
 * @example
 * const engine = new FeatureEngine('RELIANCE');
 * for (const bar of closedBars(bars, '5m', now)) engine.push(bar);
 * engine.frame('15m').now.rsi; // RSI(14) of the last closed 15-minute bar
 */
import { CandleAggregator } from '../candles/aggregate';
import { type ClosedCandle } from '../candles/closed';
import { isCoarser, TIMEFRAME_MINUTES, TIMEFRAME_ORDER } from '../candles/timeframes';
import { MINUTE_MS } from '../time';
import { type Candle, type Timeframe } from '../types';
import { Frame, type FrameOptions } from './frame';
import { type FrameNeeds } from './needs';
import { SessionTracker } from './session';
import { DEFAULT_STRUCTURE_OPTIONS } from './smc/structure';

export interface FeatureConfig extends FrameOptions {
  /** Timeframe of the bars given to `push` (these divide the session, so a bar closes at start + length). */
  readonly base: '1m' | '5m' | '15m';
  /** Frames to build, base included. */
  readonly timeframes: readonly Timeframe[];
  /** Sessions averaged for the "day's range" filter. */
  readonly rangeSessions: number;
  /**
   * Indicators to compute per frame (see core/indicators/needs.ts); a frame left out, or all of them
   * when this is absent, computes everything. `featureConfigFor` fills it from the strategies.
   */
  readonly indicators?: FrameNeeds;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = Object.freeze({
  base: '5m',
  timeframes: Object.freeze(['5m', '15m', '1h', '1d'] as const),
  emaPeriods: Object.freeze([9, 21, 50]),
  historyBars: 256,
  rvolSessions: 10,
  rvolFallbackBars: 20,
  rangeSessions: 10,
  structure: DEFAULT_STRUCTURE_OPTIONS,
});

/** A coarser frame and the aggregator that feeds it. */
interface Derived {
  readonly aggregator: CandleAggregator;
  readonly onClose: (bar: ClosedCandle) => void;
}

export class FeatureEngine {
  /** Market time: the close of the newest base bar (NaN before the first). */
  time = NaN;
  readonly session: SessionTracker;
  readonly config: FeatureConfig;
  // A plain object with every key present: a faster lookup than a Map on the per-bar path.
  private readonly frames: Record<Timeframe, Frame | undefined> = {
    '1m': undefined,
    '5m': undefined,
    '15m': undefined,
    '1h': undefined,
    '1d': undefined,
  };
  private readonly baseFrame: Frame;
  private readonly derived: Derived[] = [];
  private lastStart = -Infinity;
  private readonly baseMs: number;
  /**
   * The base bar being folded in, with its close time: one object refilled for every bar, so the
   * frames read a single object shape whatever the feed's bars look like, and nothing is allocated.
   */
  private readonly bar = { time: NaN, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN, closeTime: NaN };

  constructor(
    readonly symbol: string,
    config: Partial<FeatureConfig> = {},
  ) {
    this.config = { ...DEFAULT_FEATURE_CONFIG, ...config };
    const { base, timeframes } = this.config;
    this.baseMs = TIMEFRAME_MINUTES[base] * MINUTE_MS;
    this.session = new SessionTracker(this.config.rangeSessions);
    this.baseFrame = this.newFrame(base);
    this.frames[base] = this.baseFrame;
    for (const tf of timeframes) {
      if (tf === base) continue;
      if (!isCoarser(tf, base)) throw new RangeError(`cannot build ${tf} frames from ${base} bars`);
      const frame = this.newFrame(tf);
      this.frames[tf] = frame;
      // Intraday frames see the session levels for sweeps; the daily frame has no intraday levels.
      const levels = tf === '1d' ? undefined : this.session;
      const onClose = (bar: ClosedCandle) => frame.push(bar, levels);
      this.derived.push({ aggregator: new CandleAggregator(base, tf), onClose });
    }
  }

  /**
   * Folds in the next closed base bar. Bars must come in strictly increasing time; validate a series
   * with `validateCandles` and cut forming bars with `closedBars` before pushing.
   */
  push(input: Candle): void {
    const time = input.time;
    if (!(time > this.lastStart)) {
      throw new RangeError(`${this.symbol}: bar ${new Date(time).toISOString()} is not after the previous bar`);
    }
    this.lastStart = time;
    const bar = this.bar;
    bar.time = time;
    bar.open = input.open;
    bar.high = input.high;
    bar.low = input.low;
    bar.close = input.close;
    bar.volume = input.volume;
    bar.closeTime = time + this.baseMs;
    this.session.update(bar);
    this.baseFrame.push(bar, this.session);
    for (const d of this.derived) d.aggregator.push(bar, d.onClose);
    this.time = bar.closeTime;
  }

  private newFrame(tf: Timeframe): Frame {
    return new Frame(tf, this.config, this.config.indicators?.[tf]);
  }

  /** The frame of `tf`; throws if the engine does not build it. */
  frame(tf: Timeframe): Frame {
    const frame = this.lookup(tf);
    if (!frame) throw new RangeError(`${this.symbol}: no ${tf} frame (built: ${this.timeframes.join(', ')})`);
    return frame;
  }

  // A switch of constant keys rather than `this.frames[tf]`: strategies ask for several timeframes
  // from one call site, and V8 makes a lookup by varying string keys a slow megamorphic one.
  private lookup(tf: Timeframe): Frame | undefined {
    switch (tf) {
      case '1m':
        return this.frames['1m'];
      case '5m':
        return this.frames['5m'];
      case '15m':
        return this.frames['15m'];
      case '1h':
        return this.frames['1h'];
      case '1d':
        return this.frames['1d'];
    }
  }

  /** Timeframes built, base first. */
  get timeframes(): Timeframe[] {
    const built = TIMEFRAME_ORDER.filter((tf) => this.frames[tf] !== undefined);
    return [this.config.base, ...built.filter((tf) => tf !== this.config.base)];
  }
}
