/**
 * How a backtest turns one symbol's closed bars into signals at each cycle, two ways that give the
 * live cycle's answer:
 * - `stream` (default): one feature engine and strategy runner per symbol, fed each bar once as it
 *   closes, evaluated at every cycle. O(1) per bar; indicators remember the whole history.
 * - `window`: at every cycle, `analyseSymbol` over the bars of the last 21 days, exactly what the
 *   live `computeSignals` activity does. O(window) per bar, for checking the stream against live.
 * The two agree whenever the history is shorter than the window; on longer histories indicators
 * with long memory (EMAs, Wilder averages, SMC structure) can differ in the last digits.
 */
import { bucketStart } from '../../core/candles/timeframes';
import { ANALYSIS_LOOKBACK_MS } from '../../core/cycle';
import { FeatureEngine, symbolSnapshot, type SymbolSnapshot } from '../../core/indicators';
import {
  analyseSymbol,
  featureConfigFor,
  type Strategy,
  StrategyRunner,
  type SymbolActivity,
} from '../../core/strategies';
import { DEFAULT_FEATURE_CONFIG } from '../../core/indicators';
import { type Candle, type Position, type Signal, type StrategyId, type Timeframe } from '../../core/types';
import { type IndicatorSnapshot, indicatorsForPrompt } from '../../llm';
import { type PointInTimeSeries } from './series';

/** One symbol at one cycle. */
export interface SymbolAnalysis {
  readonly signals: readonly Signal[];
  /** The newest closed bar is not the one that just closed: no strategy was evaluated. */
  readonly stale: boolean;
  /** Strategy failures at this cycle (their signals are missing). */
  readonly failures: readonly string[];
  /** The prompt's indicator values, computed when first read (the rules decider never reads them). */
  indicators(): Partial<Record<Timeframe, IndicatorSnapshot>>;
}

export interface SymbolAnalyser {
  /** A bar of this symbol closed (called in time order, before `analyse` at that time). */
  onBar(bar: Candle): void;
  /** This cycle's analysis; valid until the next call (the stream analyser reuses one object). */
  analyse(now: number, position: Position | undefined, activity: SymbolActivity | undefined): SymbolAnalysis;
}

export interface AnalyserOptions {
  readonly series: PointInTimeSeries;
  readonly strategies: readonly Strategy[];
  readonly strategyIds: readonly StrategyId[];
  readonly tickSize: number;
  /**
   * Build every frame the live snapshot shows (for an LLM's prompt). Off for the rules decider,
   * which reads signals only: the engine then computes just what the strategies read.
   */
  readonly snapshotFrames: boolean;
}

// Shared empty lists typed readonly, not frozen: a frozen array has its own elements kind, and the
// loops over these lists would then see two kinds instead of one.
const NO_FAILURES: readonly string[] = [];
const NO_SIGNALS: readonly Signal[] = [];

/** The streaming analyser (see the module comment). */
export function streamAnalyser(options: AnalyserOptions): SymbolAnalyser {
  const { strategies, strategyIds, tickSize } = options;
  const extra = options.snapshotFrames ? DEFAULT_FEATURE_CONFIG.timeframes : [];
  const engine = new FeatureEngine(options.series.symbol, featureConfigFor(strategies, extra));
  const runner = new StrategyRunner(engine, strategies, tickSize);
  const indicators = () => indicatorsForPrompt(symbolSnapshot(engine), strategyIds);
  // One result object, filled in at every cycle: the account reads it before the next.
  const result: {
    signals: readonly Signal[];
    stale: boolean;
    failures: readonly string[];
    indicators: typeof indicators;
  } = { signals: NO_SIGNALS, stale: true, failures: NO_FAILURES, indicators };
  return {
    onBar: (bar) => engine.push(bar),
    analyse(now, position, activity) {
      // As analyseSymbol: the latest bar boundary at or before `now` is when the newest bar should have closed.
      const stale = !(engine.time >= bucketStart(now, '5m'));
      result.stale = stale;
      result.signals = stale ? NO_SIGNALS : runner.evaluate({ position, activity });
      result.failures = runner.errors.length > 0 ? runner.errors.splice(0).map((e) => e.message) : NO_FAILURES;
      return result;
    },
  };
}

/** The live cycle's analysis, verbatim (see the module comment). */
export function windowAnalyser(options: AnalyserOptions): SymbolAnalyser {
  const { series, strategies, strategyIds, tickSize } = options;
  return {
    onBar: () => undefined,
    analyse(now, position, activity) {
      const bars = series.window(now - ANALYSIS_LOOKBACK_MS, now);
      const analysis = analyseSymbol({ symbol: series.symbol, bars, now, strategies, position, activity, tickSize });
      const snapshot: SymbolSnapshot = analysis.snapshot;
      return {
        signals: analysis.signals,
        stale: analysis.stale,
        failures: analysis.failures.map((f) => `strategy '${f.strategy}': ${f.message}`),
        indicators: () => indicatorsForPrompt(snapshot, strategyIds),
      };
    },
  };
}
