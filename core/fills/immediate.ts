/**
 * Orders that are marketable when they reach the exchange fill at once against the last traded
 * price: a buy lifts the offer (half the spread above the last price), a sell hits the bid, and a
 * market order slips a little further. The built-in Dhan simulator fills its orders with these
 * functions and the backtester fills its market orders with them, so both give the same price.
 */
import { ceilToTick, floorToTick } from '../ticks';
import { type Side } from '../types';
import { slippedPrice, type FillModelOptions, type ModelFill } from './model';

/** The simulator's default bid–ask spread, in basis points (an immediate fill pays half of it). */
export const DEFAULT_SPREAD_BPS = 2;
/** The simulator's default extra slippage of market orders, in basis points. */
export const DEFAULT_SLIPPAGE_BPS = 1;

export interface ImmediateFillOptions extends FillModelOptions {
  /** Bid–ask spread in basis points; the fill pays half of it. */
  readonly spreadBps: number;
}

/**
 * The best price on the other side of the book: the offer for a buy (last + half the spread,
 * rounded up to the tick), the bid for a sell (last − half the spread, rounded down).
 */
export function touchPrice(side: Side, lastPrice: number, spreadBps: number, tickSize: number): number {
  const half = spreadBps / 20_000;
  return side === 'BUY' ? ceilToTick(lastPrice * (1 + half), tickSize) : floorToTick(lastPrice * (1 - half), tickSize);
}

/**
 * A market order filled at once at market time `time`: at the touch, then slipped against the trader.
 *
 * @example
 * // Last 1400, 2 bps spread, 1 bp slippage, tick 0.1: the offer is 1400.2, the fill 1400.4.
 * immediateMarketFill('BUY', 1400, t, { tickSize: 0.1, spreadBps: 2, slippageBps: 1 }).price;
 */
export function immediateMarketFill(
  side: Side,
  lastPrice: number,
  time: number,
  options: ImmediateFillOptions,
): ModelFill {
  const touch = touchPrice(side, lastPrice, options.spreadBps, options.tickSize);
  return { price: slippedPrice(side, touch, options), time, at: 'open' };
}
