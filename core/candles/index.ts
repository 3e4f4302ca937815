/** Candles and timeframes: grid, validation, aggregation and the closed-bar guard. */
export * from './timeframes';
export * from './validate';
export * from './aggregate';
export * from './closed';
