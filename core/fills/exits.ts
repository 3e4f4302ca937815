/**
 * Paper exits of an open position that carries a protective stop and, optionally, a target.
 *
 * Within one bar the order of prices is unknown, so (strategies.md §1.0):
 * 1. a bar that opens through the stop exits at the open (slipped): the stop was hit first;
 * 2. a bar that opens through the target exits at the open: the target was hit first;
 * 3. a bar that touches both the stop and the target exits at the stop: the conservative guess;
 * 4. otherwise the level that was reached, the stop slipped, the target at its price.
 */
import { type Candle } from '../types';
import { barReaches, slippedPrice, type FillModelOptions, type ModelFill } from './model';

export interface Bracket {
  readonly direction: 'LONG' | 'SHORT';
  readonly stopLoss: number;
  readonly takeProfit?: number;
}

export interface BracketExit extends ModelFill {
  readonly exit: 'stop' | 'target';
}

/**
 * Whether, and how, the bar closes a bracketed position (see the rules above).
 *
 * @example
 * // Long, stop 98, target 103; the bar's low is 97.5 and its high 103.5: both touched, stop first → 98.
 * exitOnBar({ direction: 'LONG', stopLoss: 98, takeProfit: 103 }, bar, { tickSize: 0.05, slippageBps: 0 });
 */
export function exitOnBar(bracket: Bracket, bar: Candle, options: FillModelOptions): BracketExit | undefined {
  const long = bracket.direction === 'LONG';
  const exitSide = long ? 'SELL' : 'BUY';
  const { stopLoss, takeProfit } = bracket;
  const stopWay = long ? 'down' : 'up';
  const targetWay = long ? 'up' : 'down';
  const strict = options.requireTradeThrough ?? false;

  const opensThroughStop = long ? bar.open <= stopLoss : bar.open >= stopLoss;
  if (opensThroughStop)
    return { exit: 'stop', at: 'open', time: bar.time, price: slippedPrice(exitSide, bar.open, options) };

  if (takeProfit !== undefined) {
    const opensThroughTarget = long ? bar.open > takeProfit : bar.open < takeProfit;
    if (opensThroughTarget) return { exit: 'target', at: 'open', time: bar.time, price: bar.open };
  }
  if (barReaches(bar, stopLoss, stopWay)) {
    return { exit: 'stop', at: 'level', time: bar.time, price: slippedPrice(exitSide, stopLoss, options) };
  }
  if (takeProfit !== undefined && barReaches(bar, takeProfit, targetWay, strict)) {
    return { exit: 'target', at: 'level', time: bar.time, price: takeProfit };
  }
  return undefined;
}
