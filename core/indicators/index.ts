/**
 * Indicators, streaming (O(1) per bar, TA-Lib conventions, NaN until warmed up), and the per-symbol
 * feature engine that folds bars into them.
 */
export * from './ring';
export * from './sma';
export * from './ema';
export * from './wilder';
export * from './rsi';
export * from './atr';
export * from './macd';
export * from './vwap';
export * from './rvol';
export * from './session';
export * from './frame';
export * from './engine';
export * from './snapshot';
export * from './smc';
