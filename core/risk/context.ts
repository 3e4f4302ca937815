/**
 * What the risk rules look at: the account, the market, and what the order would do to the position.
 */
import { type TradingCalendar } from '../calendar';
import { type OrderProposal, type Position, type ProductType, type RiskState, type Side } from '../types';
import { type RiskLimits } from './limits';

/** An open position as the rules need it. A ledger `PositionSnapshot` fits as is. */
export interface RiskPosition extends Position {
  /** Current price; exposure falls back to the average price without it. */
  readonly mark?: number;
  /** Orders that opened or added to the position (default 1). */
  readonly entries?: number;
  /** Default INTRADAY. */
  readonly product?: ProductType;
}

/** An order already sent and not finished. `quantity` is what remains to fill. */
export interface WorkingOrder {
  readonly orderKey: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: number;
  /** Limit or reference price, for the buying power it ties up. */
  readonly price: number;
}

export interface AccountState {
  readonly allowedSymbols: readonly string[];
  readonly limits: RiskLimits;
  readonly riskState: RiskState;
  /** Equity at the start of the day: the base of sizing and of the daily loss limit. */
  readonly startOfDayEquity: number;
  /** Equity now (cash plus positions marked to market). */
  readonly equity: number;
  readonly positions: readonly RiskPosition[];
  readonly workingOrders: readonly WorkingOrder[];
  /**
   * Times (epoch ms) of order requests already sent: places, modifies and cancels. Pass the whole
   * desk's, not one account's: the exchange and Dhan count per trading client.
   */
  readonly recentOrderTimes: readonly number[];
}

export interface MarketState {
  /** The market time of the decision (epoch ms). */
  readonly now: number;
  /** Last traded price of the proposal's symbol: the reference for market orders and order value. */
  readonly lastPrice: number;
  /** Today's price band (circuit limits) of the symbol, when known. */
  readonly circuit?: { readonly lower: number; readonly upper: number };
  /** Tick size; defaults to the instrument table's. */
  readonly tickSize?: number;
  /** Defaults to `NSE_CALENDAR`. */
  readonly calendar?: TradingCalendar;
}

/**
 * What an order does to the account's position in its symbol:
 * - `entry`: opens a position or adds to one (risk grows);
 * - `reduce`: shrinks a position without crossing zero (risk falls);
 * - `flip`: closes a position and opens the other side in one order.
 */
export type OrderEffect = 'entry' | 'reduce' | 'flip';

/** The effect of buying or selling `quantity` against a signed position. */
export function orderEffect(positionQty: number, side: Side, quantity: number): OrderEffect {
  const opposite = (positionQty > 0 && side === 'SELL') || (positionQty < 0 && side === 'BUY');
  if (!opposite) return 'entry';
  return quantity <= Math.abs(positionQty) ? 'reduce' : 'flip';
}

/** Signed quantity held in `symbol` (0 when flat). */
export function heldQuantity(account: AccountState, symbol: string): number {
  return account.positions.filter((p) => p.symbol === symbol).reduce((sum, p) => sum + p.quantity, 0);
}

/** The price an order is judged at: its limit, else its trigger, else the last traded price. */
export function referencePrice(proposal: OrderProposal, market: MarketState): number {
  if (proposal.orderType === 'LIMIT' || proposal.orderType === 'STOP_LOSS') return proposal.price ?? market.lastPrice;
  if (proposal.orderType === 'STOP_LOSS_MARKET') return proposal.triggerPrice ?? market.lastPrice;
  return market.lastPrice;
}

/** Working orders that would open or add to a position (as opposed to closing one). */
export function workingEntries(account: AccountState): WorkingOrder[] {
  return account.workingOrders.filter(
    (o) => orderEffect(heldQuantity(account, o.symbol), o.side, o.quantity) !== 'reduce',
  );
}
