/** Smart Money Concepts market structure (swings, BOS/CHoCH, order blocks, FVGs, liquidity). */
export * from './zone';
export * from './swings';
export * from './liquidity';
export * from './order-block';
export * from './structure';
