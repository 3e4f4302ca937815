/**
 * Strategies: the contract, the four shipped strategies, the registry, the safe runner, the live
 * analysis entry point and the look-ahead guard.
 */
export * from './strategy';
export * from './params';
export * from './signals';
export * from './define';
export * from './vwap';
export * from './ema-cross';
export * from './rsi';
export * from './smc';
export * from './registry';
export * from './runner';
export * from './analyse';
export * from './lookahead';
