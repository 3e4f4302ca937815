/**
 * The strategy registry: one line per strategy. Adding a fifth strategy means its file, its id in
 * core/strategy-ids.ts and one line in {@link STRATEGY_FACTORIES} (the `Record` type makes the
 * compiler ask for that line as soon as the id exists).
 */
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from '../indicators/engine';
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
 * Engine settings covering the strategies' needs: the default frames and EMA periods plus any extra
 * timeframe or EMA period a strategy's parameters ask for.
 */
export function featureConfigFor(strategies: readonly Strategy[]): Pick<FeatureConfig, 'timeframes' | 'emaPeriods'> {
  const timeframes = new Set<Timeframe>(DEFAULT_FEATURE_CONFIG.timeframes);
  const emaPeriods = new Set<number>(DEFAULT_FEATURE_CONFIG.emaPeriods);
  for (const s of strategies) {
    s.timeframes.forEach((tf) => timeframes.add(tf));
    s.emaPeriods.forEach((n) => emaPeriods.add(n));
  }
  return { timeframes: [...timeframes], emaPeriods: [...emaPeriods] };
}

/** Closed 5-minute bars the live cycle should fold in before evaluating these strategies. */
export function warmupBarsFor(strategies: readonly Strategy[]): number {
  return Math.max(0, ...strategies.map((s) => s.warmupBars));
}
