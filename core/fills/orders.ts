/**
 * Paper fills of working orders against the next bar(s). The backtester and the paper broker both
 * call these, so a strategy is judged by the same fills in both.
 *
 * Rules (strategies.md §1.0, conservative where a bar hides the order of events):
 * - MARKET: the bar's open (or the next known price), slipped against the trader, rounded to the tick.
 * - LIMIT: fills when the bar reaches the limit, at the limit; if the bar opens beyond it on the
 *   trader's side (a favourable gap), at the open. No slippage: a limit never fills worse.
 * - STOP_LOSS_MARKET: triggers when the bar reaches the trigger, fills at the trigger slipped;
 *   a gap through the trigger fills at the open, slipped.
 * - STOP_LOSS (stop-limit): triggers as above, then fills like a limit at its price from the
 *   trigger (or the gapped open); when the gap already passed the limit it only becomes a LIMIT
 *   order, to be tried on later bars.
 */
import { type Candle, type OrderType, type Side } from '../types';
import { barReaches, slippedPrice, type FillModelOptions, type ModelFill } from './model';

/** The parts of an order the fill model needs. */
export interface PaperOrder {
  readonly side: Side;
  readonly orderType: OrderType;
  /** Limit price (LIMIT, STOP_LOSS). */
  readonly price?: number;
  /** Trigger price (STOP_LOSS, STOP_LOSS_MARKET). */
  readonly triggerPrice?: number;
}

export type BarOutcome =
  | { readonly status: 'filled'; readonly fill: ModelFill }
  /** A stop-limit triggered without filling: from now on it is a LIMIT order at its price. */
  | { readonly status: 'triggered' }
  | { readonly status: 'pending' };

const PENDING: BarOutcome = { status: 'pending' };

function filled(price: number, time: number, at: ModelFill['at']): BarOutcome {
  return { status: 'filled', fill: { price, time, at } };
}

function required(value: number | undefined, name: string, order: PaperOrder): number {
  if (value === undefined || !(value > 0)) throw new RangeError(`${order.orderType} order needs a positive ${name}`);
  return value;
}

/** A market order filled at a known price (the next tick or LTP rather than a bar open). */
export function fillMarketAt(side: Side, price: number, time: number, options: FillModelOptions): ModelFill {
  return { price: slippedPrice(side, price, options), time, at: 'open' };
}

/** A buy wants lower prices (it is reached on the way down); a sell wants higher ones. */
function favourableWay(side: Side): 'up' | 'down' {
  return side === 'BUY' ? 'down' : 'up';
}

/** Whether `open` is already at or beyond `level` on the given way. */
function opensBeyond(open: number, level: number, way: 'up' | 'down'): boolean {
  return way === 'up' ? open >= level : open <= level;
}

function limitOnBar(side: Side, limit: number, bar: Candle, options: FillModelOptions): BarOutcome {
  const way = favourableWay(side);
  const strict = options.requireTradeThrough ?? false;
  if (opensBeyond(bar.open, limit, way) && bar.open !== limit) return filled(bar.open, bar.time, 'open');
  return barReaches(bar, limit, way, strict) ? filled(limit, bar.time, 'level') : PENDING;
}

/** Stops trigger against the trader: a buy stop on the way up, a sell stop on the way down. */
function stopWay(side: Side): 'up' | 'down' {
  return side === 'BUY' ? 'up' : 'down';
}

/** The price a triggered stop starts from: the open when the bar gapped through, else the trigger. */
function triggerReference(side: Side, trigger: number, bar: Candle): number | undefined {
  const way = stopWay(side);
  if (opensBeyond(bar.open, trigger, way)) return bar.open;
  return barReaches(bar, trigger, way) ? trigger : undefined;
}

/**
 * What happens to a working order during one bar.
 *
 * @example
 * // A buy limit at 99.5; the bar opens at 100, trades down to 99.2: filled at 99.5.
 * fillOnBar({ side: 'BUY', orderType: 'LIMIT', price: 99.5 }, bar, { tickSize: 0.05, slippageBps: 0 });
 */
export function fillOnBar(order: PaperOrder, bar: Candle, options: FillModelOptions): BarOutcome {
  switch (order.orderType) {
    case 'MARKET':
      return filled(slippedPrice(order.side, bar.open, options), bar.time, 'open');
    case 'LIMIT':
      return limitOnBar(order.side, required(order.price, 'price', order), bar, options);
    case 'STOP_LOSS_MARKET': {
      const trigger = required(order.triggerPrice, 'triggerPrice', order);
      const reference = triggerReference(order.side, trigger, bar);
      if (reference === undefined) return PENDING;
      return filled(slippedPrice(order.side, reference, options), bar.time, reference === trigger ? 'level' : 'open');
    }
    case 'STOP_LOSS': {
      const trigger = required(order.triggerPrice, 'triggerPrice', order);
      const limit = required(order.price, 'price', order);
      const reference = triggerReference(order.side, trigger, bar);
      if (reference === undefined) return PENDING;
      const withinLimit = order.side === 'BUY' ? reference <= limit : reference >= limit;
      if (!withinLimit) return { status: 'triggered' };
      return filled(reference, bar.time, reference === trigger ? 'level' : 'open');
    }
  }
}

/**
 * Walks `bars` (the bars after the order was placed, oldest first) until the order fills; a
 * stop-limit that triggers without filling continues as a LIMIT at its price.
 *
 * @returns the fill and the index of the bar it happened in, or `undefined` if it never filled.
 */
export function fillOnBars(
  order: PaperOrder,
  bars: readonly Candle[],
  options: FillModelOptions,
): { readonly fill: ModelFill; readonly barIndex: number } | undefined {
  let working = order;
  for (let i = 0; i < bars.length; i++) {
    const outcome = fillOnBar(working, bars[i] as Candle, options);
    if (outcome.status === 'filled') return { fill: outcome.fill, barIndex: i };
    if (outcome.status === 'triggered') working = { side: working.side, orderType: 'LIMIT', price: working.price };
  }
  return undefined;
}
