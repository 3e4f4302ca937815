/**
 * Replay and the look-ahead guard.
 *
 * {@link replaySignals} streams a series through engine and strategies exactly as the backtester
 * does. {@link findLookahead} proves a pipeline causal by truncation (freqtrade's lookahead analysis):
 * the signals up to bar k must not change when the bars after k are removed. A strategy or feature
 * that peeks at later bars produces different signals on the truncated series and is reported.
 */
import { barCloseTime } from '../candles/timeframes';
import { FeatureEngine, type FeatureConfig } from '../indicators/engine';
import { type Candle, type Position, type Signal } from '../types';
import { featureConfigFor } from './registry';
import { StrategyRunner } from './runner';
import { type Strategy } from './strategy';

export interface ReplayOptions {
  readonly tickSize: number;
  readonly config?: Partial<FeatureConfig>;
  /** The open position at each market time (default: always flat, so only entries fire). */
  readonly positionAt?: (time: number) => Position | undefined;
}

/** Every signal the strategies emit while `bars` (base timeframe, in order) stream through an engine. */
export function replaySignals(
  symbol: string,
  bars: readonly Candle[],
  strategies: readonly Strategy[],
  options: ReplayOptions,
): Signal[] {
  const engine = new FeatureEngine(symbol, { ...featureConfigFor(strategies), ...options.config });
  const runner = new StrategyRunner(engine, strategies, options.tickSize);
  const signals: Signal[] = [];
  for (const bar of bars) {
    engine.push(bar);
    signals.push(...runner.evaluate({ position: options.positionAt?.(engine.time) }));
  }
  const failure = runner.errors[0];
  if (failure) throw failure;
  return signals;
}

export interface LookaheadFinding {
  /** Index of the last bar kept in the truncated run. */
  readonly cut: number;
  /** Signals up to that bar's close in the full run and in the truncated run. */
  readonly full: readonly Signal[];
  readonly truncated: readonly Signal[];
}

/**
 * Runs `run` on the whole series and on `bars[0..cut]` for each cut; returns the first cut whose
 * signals (up to the close of bar `cut`) differ, or undefined when the pipeline is causal.
 *
 * @param run builds everything from the bars it is given (strategies included), as a backtest would.
 */
export function findLookahead(
  run: (bars: readonly Candle[]) => readonly Signal[],
  bars: readonly Candle[],
  cuts: readonly number[],
  base: '1m' | '5m' = '5m',
): LookaheadFinding | undefined {
  const full = run(bars);
  for (const cut of cuts) {
    const until = barCloseTime(bars[cut]!.time, base);
    const expected = full.filter((s) => s.time <= until);
    const truncated = run(bars.slice(0, cut + 1));
    if (JSON.stringify(truncated) !== JSON.stringify(expected)) return { cut, full: expected, truncated };
  }
  return undefined;
}
