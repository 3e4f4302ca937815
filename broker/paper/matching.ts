/**
 * When and at what price a paper order fills: the trading core's fill model (core/fills) applied to
 * the prices the data source reports. Pure: prices, bars and times arrive as arguments.
 *
 * - At placement the order meets the last traded price (LTP) the way the built-in simulator and the
 *   backtester fill (core/fills `immediateMarketFill`): a MARKET order fills at the touch (LTP ± half
 *   the spread) slipped against the trader; a LIMIT fills at the touch when its limit reaches it; a stop
 *   whose trigger the LTP has already reached triggers at once.
 * - An order that did not fill rests, and is matched against each later bar that has closed
 *   (`fillOnBar`: limits fill at their price or a better gapped open, stops at the trigger slipped or
 *   the gapped open). A stop-limit that triggers without filling works on as a LIMIT at its price.
 * - Paper orders fill in full: there is no volume cap and no partial fill.
 */
import {
  fillOnBar,
  immediateMarketFill,
  touchPrice,
  type FillModelOptions,
  type ImmediateFillOptions,
  type ModelFill,
  type PaperOrder,
} from '../../core/fills';
import { type Candle, type OrderType, type Side } from '../../core/types';

/** The parts of a stored paper order that matching needs. */
export interface MatchableOrder {
  readonly side: Side;
  readonly orderType: OrderType;
  readonly price?: number;
  readonly triggerPrice?: number;
  /** A stop whose trigger was reached earlier. */
  readonly triggered: boolean;
}

export interface MatchResult {
  /** The fill, if the order filled. */
  readonly fill?: ModelFill;
  /** Whether the order is (now) a triggered stop. */
  readonly triggered: boolean;
}

const isStop = (type: OrderType) => type === 'STOP_LOSS' || type === 'STOP_LOSS_MARKET';

/** The order as the fill model sees it: a triggered stop works as its limit, or as a market order. */
function modelOrder(o: MatchableOrder): PaperOrder {
  if (isStop(o.orderType) && o.triggered)
    return o.orderType === 'STOP_LOSS'
      ? { side: o.side, orderType: 'LIMIT', price: o.price }
      : { side: o.side, orderType: 'MARKET' };
  return { side: o.side, orderType: o.orderType, price: o.price, triggerPrice: o.triggerPrice };
}

/**
 * Matches the order against `bars` in order (each a bar that closed after the order was placed),
 * stopping at the first fill.
 *
 * @example
 * // A buy limit at 99.5 resting through a bar that trades down to 99.2: filled at 99.5.
 * matchOnBars({ side: 'BUY', orderType: 'LIMIT', price: 99.5, triggered: false }, [bar], { tickSize: 0.05, slippageBps: 2 });
 */
export function matchOnBars(order: MatchableOrder, bars: readonly Candle[], options: FillModelOptions): MatchResult {
  let triggered = order.triggered;
  for (const bar of bars) {
    const outcome = fillOnBar(modelOrder({ ...order, triggered }), bar, options);
    if (outcome.status === 'pending') continue;
    if (isStop(order.orderType)) triggered = true;
    if (outcome.status === 'filled') return { fill: outcome.fill, triggered };
  }
  return { triggered };
}

/**
 * Matches a new order against the last traded price at `time`, as the built-in simulator and the
 * backtester fill: a stop first needs the price at or through its trigger; then a market order (or a
 * triggered stop-market) fills at the touch (half the spread away) slipped against the trader
 * (`immediateMarketFill`), and a limit fills at the touch when its limit reaches it.
 */
export function matchAtPrice(
  order: MatchableOrder,
  lastPrice: number,
  time: number,
  options: ImmediateFillOptions,
): MatchResult {
  let triggered = order.triggered;
  if (isStop(order.orderType) && !triggered) {
    const trigger = order.triggerPrice as number;
    if (order.side === 'BUY' ? lastPrice < trigger : lastPrice > trigger) return { triggered: false };
    triggered = true;
  }
  const limit = order.orderType === 'LIMIT' || order.orderType === 'STOP_LOSS' ? order.price : undefined;
  if (limit === undefined) return { fill: immediateMarketFill(order.side, lastPrice, time, options), triggered };
  const touch = touchPrice(order.side, lastPrice, options.spreadBps, options.tickSize);
  const marketable = order.side === 'BUY' ? limit >= touch : limit <= touch;
  return marketable ? { fill: { price: touch, time, at: 'open' }, triggered } : { triggered };
}
