/**
 * The paper account's positions and funds, derived from its executions and working orders. Pure.
 *
 * Accounting (a documented simplification of Dhan's RMS, without leverage):
 * - Positions net executions per (symbol, product) at average cost, over the whole paper history
 *   (the trading core's ledger does the arithmetic); realised P&L is gross, charges are kept apart.
 * - An open position ties up its cost (|quantity| × average price); a working order holds the funds
 *   it would need to fill (`marginPerShare` × unfilled quantity) until it fills, lapses or is cancelled.
 * - available = capital + realised P&L − charges − position margin − funds held by working orders.
 * - A CNC sell needs CNC shares bought earlier (no short delivery); an INTRADAY order that reduces a
 *   position needs no funds for the reduced part.
 */
import { applyFill, openLedger, type Ledger } from '../../core/ledger';
import { roundPaise } from '../../core/ticks';
import { type Charges, type ProductType, type Side } from '../../core/types';
import { type BrokerFunds, type BrokerPosition } from '../broker';

/** One execution of a paper order. */
export interface PaperTrade {
  readonly tradeId: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly product: ProductType;
  readonly quantity: number;
  readonly price: number;
  readonly charges: Charges;
  /** Market time, epoch ms. */
  readonly time: number;
}

/** A working order, as far as funds are concerned. */
export interface HeldFunds {
  readonly symbol: string;
  readonly product: ProductType;
  readonly side: Side;
  readonly unfilled: number;
  readonly marginPerShare: number;
}

/** The book's key for one position: the ledger nets by this string, so products stay apart. */
const positionKey = (symbol: string, product: ProductType) => `${symbol}:${product}`;

/** The executions (oldest first) folded into the trading core's ledger. */
export function ledgerOf(trades: readonly PaperTrade[], capital: number): Ledger {
  let ledger = openLedger('paper', capital, trades[0]?.time ?? 0);
  for (const t of trades)
    ledger = applyFill(ledger, {
      orderKey: t.orderId,
      symbol: positionKey(t.symbol, t.product),
      side: t.side,
      quantity: t.quantity,
      price: t.price,
      time: t.time,
      product: t.product,
      charges: t.charges,
    });
  return ledger;
}

/** Symbols with an open position in any product. */
export function openSymbols(trades: readonly PaperTrade[], capital: number): string[] {
  const open = Object.values(ledgerOf(trades, capital).positions).map((p) => p.symbol.split(':')[0] as string);
  return [...new Set(open)];
}

/** Net open quantity of `symbol` in `product` (> 0 long, < 0 short). */
export function netQuantity(ledger: Ledger, symbol: string, product: ProductType): number {
  return ledger.positions[positionKey(symbol, product)]?.quantity ?? 0;
}

/**
 * Funds a new order holds per share: the reference price for every share that opens or adds to a
 * position; nothing for a CNC sell (it delivers shares) or for the part that reduces a position.
 */
export function marginPerShare(
  order: { readonly side: Side; readonly product: ProductType; readonly quantity: number },
  referencePrice: number,
  net: number,
): number {
  if (order.product === 'CNC') return order.side === 'BUY' ? referencePrice : 0;
  const reducing = order.side === 'BUY' ? Math.max(0, -net) : Math.max(0, net);
  return (Math.max(0, order.quantity - reducing) * referencePrice) / order.quantity;
}

/** CNC shares of `symbol` a new sell may still deliver: the CNC long less working CNC sells. */
export function sellableQuantity(ledger: Ledger, working: readonly HeldFunds[], symbol: string): number {
  const committed = working
    .filter((w) => w.symbol === symbol && w.product === 'CNC' && w.side === 'SELL')
    .reduce((n, w) => n + w.unfilled, 0);
  return Math.max(0, netQuantity(ledger, symbol, 'CNC') - committed);
}

function positionMargin(ledger: Ledger): number {
  return Object.values(ledger.positions).reduce((sum, p) => sum + Math.abs(p.quantity) * p.avgPrice, 0);
}

/** Funds free for new orders: capital + realised P&L − charges − position margin − funds held by working orders. */
export function availableFunds(ledger: Ledger, working: readonly HeldFunds[], capital: number): number {
  const held = working.reduce((sum, w) => sum + w.unfilled * w.marginPerShare, 0);
  return roundPaise(capital + ledger.realisedPnl - ledger.charges - positionMargin(ledger) - held);
}

/** Funds of the paper account (Dhan's fund limit fields); `dayStart` splits off the start-of-day balance. */
export function fundsOf(
  trades: readonly PaperTrade[],
  working: readonly HeldFunds[],
  capital: number,
  dayStart: number,
): BrokerFunds {
  const ledger = ledgerOf(trades, capital);
  const available = availableFunds(ledger, working, capital);
  const before = ledgerOf(
    trades.filter((t) => t.time < dayStart),
    capital,
  );
  return {
    available,
    startOfDay: availableFunds(before, [], capital),
    utilized: roundPaise(capital + ledger.realisedPnl - ledger.charges - available),
    withdrawable: Math.max(0, available),
    collateral: 0,
    receivable: 0,
    blockedPayout: 0,
  };
}

/**
 * Positions per (symbol, product) that are open or traded since `dayStart` (like Dhan's day
 * positions), marked at `prices` (falling back to the last execution price).
 */
export function positionsOf(
  trades: readonly PaperTrade[],
  capital: number,
  dayStart: number,
  securityIdOf: (symbol: string) => string,
  prices: Readonly<Record<string, number>> = {},
): BrokerPosition[] {
  const ledger = ledgerOf(trades, capital);
  const shown = new Map<string, { symbol: string; product: ProductType }>();
  for (const t of trades) {
    const key = positionKey(t.symbol, t.product);
    if (t.time >= dayStart || ledger.positions[key]) shown.set(key, { symbol: t.symbol, product: t.product });
  }
  return [...shown].map(([key, { symbol, product }]) => {
    const mine = trades.filter((t) => t.symbol === symbol && t.product === product);
    const open = ledger.positions[key];
    const mark = prices[symbol] ?? ledger.marks[key] ?? 0;
    const sum = (side: Side) => mine.filter((t) => t.side === side).reduce((n, t) => n + t.quantity, 0);
    return {
      symbol,
      securityId: securityIdOf(symbol),
      product,
      quantity: open?.quantity ?? 0,
      avgPrice: open?.avgPrice ?? 0,
      buyQuantity: sum('BUY'),
      sellQuantity: sum('SELL'),
      realizedPnl: roundPaise(ledger.closedTrades.filter((c) => c.symbol === key).reduce((n, c) => n + c.grossPnl, 0)),
      unrealizedPnl: open ? roundPaise((mark - open.avgPrice) * open.quantity) : 0,
    };
  });
}
