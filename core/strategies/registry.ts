/**
 * The strategy registry: one line per strategy. Adding a fifth strategy means its file, its id in
 * core/strategy-ids.ts and one line in {@link STRATEGY_FACTORIES} (the `Record` type makes the
 * compiler ask for that line as soon as the id exists).
 */
import { TIMEFRAME_ORDER } from '../candles/timeframes';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from '../indicators/engine';
import { addNeeds, ALL_FRAME_INDICATORS, type FrameIndicator, SNAPSHOT_INDICATORS } from '../indicators/needs';
import { STRATEGY_IDS } from '../strategy-ids';
import { type StrategyId, type Timeframe } from '../types';
import { createEmaCrossStrategy } from './ema-cross';
import { createRsiStrategy } from './rsi';
import { createSmcStrategy } from './smc';
import { type Strategy } from './strategy';
import { createVwapStrategy } from './vwap';

/** Builds a strategy from parameter overrides (validated; throws `StrategyParamsError`). */
export type StrategyFactory = (params?: unknown) => Strategy;

export const STRATEGY_FACTORIES: Readonly<Record<StrategyId, StrategyFactory>> = Object.freeze({
  vwap: createVwapStrategy,
  ema: createEmaCrossStrategy,
  rsi: createRsiStrategy,
  smc: createSmcStrategy,
});

function isStrategyId(id: string): id is StrategyId {
  return (STRATEGY_IDS as readonly string[]).includes(id);
}

/**
 * Creates the strategy `id` with optional parameter overrides.
 * @example createStrategy('vwap', { rewardRisk: 3, stopMode: 'trailing' })
 */
export function createStrategy(id: string, params?: unknown): Strategy {
  if (!isStrategyId(id)) throw new RangeError(`unknown strategy '${id}'; known: ${STRATEGY_IDS.join(', ')}`);
  return STRATEGY_FACTORIES[id](params);
}

/** Every registered strategy with its default parameters. */
export function createAllStrategies(): Strategy[] {
  return STRATEGY_IDS.map((id) => createStrategy(id));
}

/**
 * Engine settings covering the strategies' needs: the base frame, the frames, EMA periods and
 * indicators the strategies read, and any `extraTimeframes` wanted for snapshots, which get every
 * indicator the snapshot shows (the live cycle asks for all four frames so the prompt can show them;
 * a backtest builds and computes only what the strategies read).
 */
export function featureConfigFor(
  strategies: readonly Strategy[],
  extraTimeframes: readonly Timeframe[] = [],
): Pick<FeatureConfig, 'timeframes' | 'emaPeriods' | 'indicators'> {
  const wanted = new Set<Timeframe>([DEFAULT_FEATURE_CONFIG.base, ...extraTimeframes]);
  const emaPeriods = new Set<number>(DEFAULT_FEATURE_CONFIG.emaPeriods);
  const indicators: Partial<Record<Timeframe, FrameIndicator[]>> = { [DEFAULT_FEATURE_CONFIG.base]: [] };
  for (const tf of extraTimeframes) addNeeds(indicators, tf, SNAPSHOT_INDICATORS);
  for (const s of strategies) {
    s.timeframes.forEach((tf) => wanted.add(tf));
    s.emaPeriods.forEach((n) => emaPeriods.add(n));
    // A strategy that does not say what it reads gets everything on its frames.
    for (const tf of s.timeframes)
      addNeeds(indicators, tf, s.indicators ? (s.indicators[tf] ?? []) : ALL_FRAME_INDICATORS);
  }
  return {
    timeframes: TIMEFRAME_ORDER.filter((tf) => wanted.has(tf)),
    emaPeriods: [...emaPeriods],
    indicators,
  };
}

/** Closed 5-minute bars the live cycle should fold in before evaluating these strategies. */
export function warmupBarsFor(strategies: readonly Strategy[]): number {
  return Math.max(0, ...strategies.map((s) => s.warmupBars));
}
