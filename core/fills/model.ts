/**
 * Shared pieces of the paper fill model: options, slippage and "did the bar reach this price".
 */
import { ceilToTick, floorToTick } from '../ticks';
import { type Candle, type Side } from '../types';

export interface FillModelOptions {
  /** The instrument's tick; every slipped price is rounded to it, against the trader. */
  readonly tickSize: number;
  /** Adverse slippage on market-like fills (market orders, triggered stops), in basis points. */
  readonly slippageBps: number;
  /**
   * Limit-like fills (limits, targets) need the bar to trade *through* the price rather than merely
   * touch it: the stricter choice, since a touch may leave the order unfilled behind the queue.
   * Default false: touching fills, as in strategies.md §1.0.
   */
  readonly requireTradeThrough?: boolean;
}

/** A fill the model decided on. `time` is the bar start (or the price's time) it happened in. */
export interface ModelFill {
  readonly price: number;
  readonly time: number;
  /** `open`: at the bar's open (market order, or a gap through the price); `level`: at the order's price. */
  readonly at: 'open' | 'level';
}

/**
 * The price a market-like order gets for a reference price: moved `slippageBps` against the
 * trader (up for a buy, down for a sell) and rounded to the tick, also against the trader.
 */
export function slippedPrice(side: Side, reference: number, options: FillModelOptions): number {
  const slip = options.slippageBps / 10_000;
  return side === 'BUY'
    ? ceilToTick(reference * (1 + slip), options.tickSize)
    : floorToTick(reference * (1 - slip), options.tickSize);
}

/** Whether a bar's prices reached `level` from below (`'up'`) or from above (`'down'`). */
export function barReaches(bar: Candle, level: number, way: 'up' | 'down', strict = false): boolean {
  if (way === 'up') return strict ? bar.high > level : bar.high >= level;
  return strict ? bar.low < level : bar.low <= level;
}
