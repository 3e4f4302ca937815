/**
 * The live cycle's entry point for one symbol: from the feed's bars to signals and snapshots, through
 * exactly the streaming path the backtester uses.
 */
import { closedBars } from '../candles/closed';
import { bucketStart } from '../candles/timeframes';
import { assertValidCandles, type CandleGap } from '../candles/validate';
import { DEFAULT_FEATURE_CONFIG, FeatureEngine, type FeatureConfig } from '../indicators/engine';
import { symbolSnapshot, type SymbolSnapshot } from '../indicators/snapshot';
import { tickSizeOf } from '../ticks';
import { type Candle, type Position, type Signal, type StrategyId } from '../types';
import { featureConfigFor } from './registry';
import { StrategyRunner } from './runner';
import { type Strategy, type SymbolActivity } from './strategy';

export interface AnalyseInput {
  readonly symbol: string;
  /** Base-timeframe bars from the feed, oldest first; a still-forming last bar is dropped here. */
  readonly bars: readonly Candle[];
  /** Market time of the cycle (e.g. 10:05:05 IST as epoch ms). */
  readonly now: number;
  readonly strategies: readonly Strategy[];
  readonly position?: Position;
  readonly activity?: SymbolActivity;
  /** Defaults to the instrument's tick size. */
  readonly tickSize?: number;
  readonly config?: Partial<FeatureConfig>;
}

export interface Analysis {
  readonly signals: readonly Signal[];
  /** Strategies that failed this cycle (their signals are missing). */
  readonly failures: ReadonlyArray<{ readonly strategy: StrategyId; readonly message: string }>;
  readonly snapshot: SymbolSnapshot;
  readonly gaps: readonly CandleGap[];
  /** Closed bars folded in. */
  readonly barsUsed: number;
  /**
   * True when the newest closed bar is not the one that just closed: the feed is behind, so no
   * strategy was evaluated (signals on old data would be stamped as current).
   */
  readonly stale: boolean;
}

/**
 * Validates the feed's bars (throws `CandleValidationError` on broken bars), folds the closed ones
 * into a fresh engine and evaluates the strategies at the newest closed bar.
 *
 * @example
 * const analysis = analyseSymbol({ symbol: 'TCS', bars, now, strategies: createAllStrategies() });
 * analysis.signals;                 // Signal[] for the decision step
 * analysis.snapshot.frames['15m'];  // IndicatorSnapshot for the prompt
 */
export function analyseSymbol(input: AnalyseInput): Analysis {
  const { symbol, now, strategies } = input;
  const tickSize = input.tickSize ?? tickSizeOf(symbol);
  if (tickSize === undefined) throw new RangeError(`unknown symbol '${symbol}': pass its tickSize`);
  // All four frames, so the snapshot can show the LLM every timeframe.
  const config = { ...featureConfigFor(strategies, DEFAULT_FEATURE_CONFIG.timeframes), ...input.config };
  const engine = new FeatureEngine(symbol, config);
  const base = engine.config.base;
  const bars = closedBars(input.bars, base, now);
  const gaps = assertValidCandles(bars, base);
  for (const bar of bars) engine.push(bar);
  const runner = new StrategyRunner(engine, strategies, tickSize);
  // The latest bar boundary at or before `now` is when the newest bar should have closed.
  const stale = !(engine.time >= bucketStart(now, base));
  const signals = stale ? [] : runner.evaluate({ position: input.position, activity: input.activity });
  return {
    signals,
    failures: runner.errors.map((e) => ({ strategy: e.strategy, message: e.message })),
    snapshot: symbolSnapshot(engine),
    gaps,
    barsUsed: bars.length,
    stale,
  };
}
