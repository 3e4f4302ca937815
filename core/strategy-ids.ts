/** The strategies the desk ships. The trading core's registry maps each id to its implementation. */
export const STRATEGY_IDS = ['vwap', 'ema', 'rsi', 'smc'] as const;
export type StrategyId = (typeof STRATEGY_IDS)[number];
