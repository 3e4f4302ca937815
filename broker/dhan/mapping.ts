/**
 * Dhan wire objects → the desk's plain data (broker/broker.ts). Pure functions; the instrument
 * table turns Dhan's `securityId` back into the desk's symbol.
 */
import { type Instrument } from '../../core/instruments';
import { type Candle } from '../../core/types';
import {
  ORDER_STATUSES,
  type BrokerFunds,
  type BrokerOrder,
  type BrokerPosition,
  type BrokerQuote,
  type BrokerTrade,
  type OrderStatus,
} from '../broker';
import { parseIstDateTime, parseIstDmy } from './dates';
import {
  type DhanCandles,
  type DhanFundLimit,
  type DhanOrder,
  type DhanPosition,
  type DhanQuoteEntry,
  type DhanTrade,
} from './responses';

const KNOWN: ReadonlySet<string> = new Set(ORDER_STATUSES);
// Portal-only words for an order that is still working.
const STILL_WORKING: ReadonlySet<string> = new Set(['MODIFIED', 'TRIGGERED']);

/** Dhan's status word → the desk's `OrderStatus` (`UNKNOWN` for words this code does not know). */
export function statusOf(raw: string): OrderStatus {
  const word = raw.toUpperCase();
  if (KNOWN.has(word)) return word as OrderStatus;
  return STILL_WORKING.has(word) ? 'PENDING' : 'UNKNOWN';
}

/** Finds the desk symbol of a Dhan security id; falls back to Dhan's trading symbol, then the id. */
export function symbolResolver(instruments: readonly Instrument[]) {
  const bySecurityId = new Map(instruments.map((i) => [i.securityId, i.symbol]));
  return (securityId: string, tradingSymbol?: string): string =>
    bySecurityId.get(securityId) ?? tradingSymbol ?? securityId;
}

type SymbolOf = ReturnType<typeof symbolResolver>;

/** A time field, `undefined` when missing or not a Dhan time string. */
function timeOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseIstDateTime(text);
}

export function toBrokerOrder(o: DhanOrder, symbolOf: SymbolOf): BrokerOrder {
  const filled = o.filledQty ?? 0;
  return {
    orderId: o.orderId,
    correlationId: o.correlationId,
    symbol: symbolOf(o.securityId, o.tradingSymbol),
    securityId: o.securityId,
    side: o.transactionType,
    quantity: o.quantity,
    filledQuantity: filled,
    remainingQuantity: o.remainingQuantity ?? Math.max(0, o.quantity - filled),
    averagePrice: filled > 0 && o.averageTradedPrice ? o.averageTradedPrice : undefined,
    orderType: o.orderType,
    product: o.productType,
    validity: o.validity,
    price: o.price && o.price > 0 ? o.price : undefined,
    triggerPrice: o.triggerPrice && o.triggerPrice > 0 ? o.triggerPrice : undefined,
    status: statusOf(o.orderStatus),
    rawStatus: o.orderStatus,
    rejectionReason: o.omsErrorDescription,
    createdAt: timeOf(o.createTime),
    updatedAt: timeOf(o.updateTime),
  };
}

export function toBrokerTrade(t: DhanTrade, symbolOf: SymbolOf): BrokerTrade {
  return {
    orderId: t.orderId,
    tradeId: t.exchangeTradeId ?? `${t.orderId}-${t.exchangeTime ?? t.createTime ?? ''}`,
    symbol: symbolOf(t.securityId, t.tradingSymbol),
    side: t.transactionType,
    quantity: t.tradedQuantity,
    price: t.tradedPrice,
    product: t.productType,
    time: timeOf(t.exchangeTime) ?? timeOf(t.createTime),
  };
}

export function toBrokerPosition(p: DhanPosition, symbolOf: SymbolOf): BrokerPosition {
  const avgPrice = p.netQty > 0 ? (p.buyAvg ?? p.costPrice ?? 0) : p.netQty < 0 ? (p.sellAvg ?? p.costPrice ?? 0) : 0;
  return {
    symbol: symbolOf(p.securityId, p.tradingSymbol),
    securityId: p.securityId,
    product: p.productType,
    quantity: p.netQty,
    avgPrice,
    buyQuantity: p.buyQty ?? p.dayBuyQty ?? 0,
    sellQuantity: p.sellQty ?? p.daySellQty ?? 0,
    realizedPnl: p.realizedProfit ?? 0,
    unrealizedPnl: p.unrealizedProfit ?? 0,
  };
}

export function toBrokerFunds(f: DhanFundLimit): BrokerFunds {
  return {
    available: f.availabelBalance,
    startOfDay: f.sodLimit ?? 0,
    utilized: f.utilizedAmount ?? 0,
    withdrawable: f.withdrawableBalance ?? 0,
    collateral: f.collateralAmount ?? 0,
    receivable: f.receiveableAmount ?? 0,
    blockedPayout: f.blockedPayoutAmount ?? 0,
  };
}

/** Dhan writes `01/01/1980 00:00:00` for "never traded"; that is no time at all. */
const NEVER_TRADED_BEFORE = Date.UTC(1990, 0, 1);

export function toBrokerQuote(symbol: string, q: DhanQuoteEntry): BrokerQuote {
  const lastTradeTime = q.last_trade_time === undefined ? undefined : parseIstDmy(q.last_trade_time);
  return {
    symbol,
    lastPrice: q.last_price,
    open: q.ohlc?.open,
    high: q.ohlc?.high,
    low: q.ohlc?.low,
    previousClose: q.ohlc?.close,
    volume: q.volume,
    lowerCircuit: q.lower_circuit_limit,
    upperCircuit: q.upper_circuit_limit,
    lastTradeTime: lastTradeTime !== undefined && lastTradeTime > NEVER_TRADED_BEFORE ? lastTradeTime : undefined,
  };
}

/** Parallel arrays → `Candle` rows (UNIX seconds → epoch ms), in the order Dhan sent them. */
export function toCandles(c: DhanCandles): Candle[] {
  return c.timestamp.map((t, i) => ({
    time: t * 1000,
    open: c.open[i] as number,
    high: c.high[i] as number,
    low: c.low[i] as number,
    close: c.close[i] as number,
    volume: c.volume[i] as number,
  }));
}
