/**
 * Itemised Indian charges of an executed order, and of each fill of it.
 *
 * Rounding (Dhan's table, dhan-api-v2.md §9.1): STT and stamp duty to the nearest rupee, every
 * other charge to the paisa. Each item is rounded on its own; GST is 18 % of the *rounded*
 * brokerage + exchange + SEBI items, then rounded; the total is the sum of the rounded items.
 * The transaction charge and the IPFT contribution are rounded separately and reported together
 * as `exchange`, because `Charges` has one line for exchange levies.
 *
 * Rounding applies per executed order, as a contract note does. A fill is charged the increase
 * of the order's charges (see `fillCharges`), so partial fills add up to exactly the order's charges
 * and brokerage's ₹20 cap applies once per order, not once per fill.
 */
import { roundPaise, roundRupee } from '../ticks';
import { type Charges, type ProductType, type Side } from '../types';
import { DHAN_NSE_EQUITY_RATES, type ChargeRates } from './rates';

/** Charges of nothing, the start of every sum. */
export const NO_CHARGES: Charges = { brokerage: 0, stt: 0, exchange: 0, sebi: 0, stamp: 0, gst: 0, total: 0 };

function withTotal(items: Omit<Charges, 'total'>): Charges {
  const { brokerage, stt, exchange, sebi, stamp, gst } = items;
  return {
    brokerage,
    stt,
    exchange,
    sebi,
    stamp,
    gst,
    total: roundPaise(brokerage + stt + exchange + sebi + stamp + gst),
  };
}

/** Adds two itemised charges line by line (to the paisa). */
export function addCharges(a: Charges, b: Charges): Charges {
  return withTotal({
    brokerage: roundPaise(a.brokerage + b.brokerage),
    stt: roundPaise(a.stt + b.stt),
    exchange: roundPaise(a.exchange + b.exchange),
    sebi: roundPaise(a.sebi + b.sebi),
    stamp: roundPaise(a.stamp + b.stamp),
    gst: roundPaise(a.gst + b.gst),
  });
}

/** `a − b` line by line; used for the charges a fill adds to its order. */
function subtractCharges(a: Charges, b: Charges): Charges {
  return withTotal({
    brokerage: roundPaise(a.brokerage - b.brokerage),
    stt: roundPaise(a.stt - b.stt),
    exchange: roundPaise(a.exchange - b.exchange),
    sebi: roundPaise(a.sebi - b.sebi),
    stamp: roundPaise(a.stamp - b.stamp),
    gst: roundPaise(a.gst - b.gst),
  });
}

export interface ExecutedOrder {
  readonly side: Side;
  readonly product: ProductType;
  /** Price × quantity of everything executed for the order, in rupees. */
  readonly turnover: number;
}

/**
 * Charges of one executed order (all its fills together), itemised and rounded as a contract note is.
 *
 * @example orderCharges({ side: 'SELL', product: 'INTRADAY', turnover: 141_000 }).stt === 35 // 0.025 % of 141 000 = 35.25
 */
export function orderCharges(order: ExecutedOrder, rates: ChargeRates = DHAN_NSE_EQUITY_RATES): Charges {
  const turnover = order.turnover;
  if (!(turnover >= 0) || !Number.isFinite(turnover)) throw new RangeError(`turnover must be ≥ 0, got ${turnover}`);
  const product = rates.products[order.product];
  const isBuy = order.side === 'BUY';
  const brokerage = roundPaise(Math.min(product.brokerageCap, product.brokerageRate * turnover));
  const exchange = roundPaise(rates.exchangeRate * turnover) + roundPaise(rates.ipftRate * turnover);
  const sebi = roundPaise(rates.sebiRate * turnover);
  return withTotal({
    brokerage,
    stt: roundRupee((isBuy ? product.sttBuyRate : product.sttSellRate) * turnover),
    exchange: roundPaise(exchange),
    sebi,
    stamp: isBuy ? roundRupee(product.stampBuyRate * turnover) : 0,
    gst: roundPaise(rates.gstRate * (brokerage + exchange + sebi)),
  });
}

export interface FillOfOrder {
  readonly side: Side;
  readonly product: ProductType;
  readonly price: number;
  readonly quantity: number;
  /** Turnover of the same order's earlier fills (0 for the first or only fill). */
  readonly priorTurnover?: number;
}

/**
 * Charges of one fill: what it adds to its order's charges. Every item is ≥ 0 because each item of
 * `orderCharges` grows with turnover, and a one-fill order is charged exactly `orderCharges`.
 */
export function fillCharges(fill: FillOfOrder, rates: ChargeRates = DHAN_NSE_EQUITY_RATES): Charges {
  if (!(fill.quantity > 0) || !(fill.price > 0)) {
    throw new RangeError(`a fill needs a positive price and quantity, got ${fill.quantity} @ ${fill.price}`);
  }
  const { side, product } = fill;
  const prior = roundPaise(fill.priorTurnover ?? 0);
  const after = roundPaise(prior + fill.price * fill.quantity);
  const charges = orderCharges({ side, product, turnover: after }, rates);
  // A first fill adds its order's charges (every item is already rounded: subtracting nothing changes none).
  if (!(prior > 0)) return charges;
  return subtractCharges(charges, orderCharges({ side, product, turnover: prior }, rates));
}

export interface RoundTrip {
  readonly product: ProductType;
  readonly quantity: number;
  readonly buyPrice: number;
  readonly sellPrice: number;
}

/** Charges of a buy order and a sell order of the same quantity (either order first: long or short). */
export function roundTripCharges(
  trip: RoundTrip,
  rates: ChargeRates = DHAN_NSE_EQUITY_RATES,
): { readonly buy: Charges; readonly sell: Charges; readonly total: Charges } {
  const buy = fillCharges({ side: 'BUY', product: trip.product, price: trip.buyPrice, quantity: trip.quantity }, rates);
  const sell = fillCharges(
    { side: 'SELL', product: trip.product, price: trip.sellPrice, quantity: trip.quantity },
    rates,
  );
  return { buy, sell, total: addCharges(buy, sell) };
}
