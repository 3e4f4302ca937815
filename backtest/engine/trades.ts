/**
 * Closed round trips as a backtest reports them: the ledger's closed trades (net of charges) with
 * the stop the position carried, so each can be measured in R (net P&L over the risk taken at entry).
 */
import { type ClosedTrade } from '../../core/ledger';

export interface BacktestTrade extends ClosedTrade {
  /** The position's protective stop when it closed, if it had one. */
  readonly stopLoss?: number;
  /** Net P&L ÷ (|entry − stop| × quantity); undefined without a stop. */
  readonly rMultiple?: number;
}

/** A closed trade with its R-multiple. */
export function withRisk(trade: ClosedTrade, stopLoss: number | undefined): BacktestTrade {
  const risk = stopLoss === undefined ? 0 : Math.abs(trade.entryPrice - stopLoss) * trade.quantity;
  // Field by field rather than a spread of the trade: one object shape, and several times faster.
  const t = trade;
  const closed: { -readonly [K in keyof BacktestTrade]: BacktestTrade[K] } = {
    symbol: t.symbol,
    direction: t.direction,
    quantity: t.quantity,
    entryPrice: t.entryPrice,
    exitPrice: t.exitPrice,
    openedAt: t.openedAt,
    closedAt: t.closedAt,
    grossPnl: t.grossPnl,
    charges: t.charges,
    netPnl: t.netPnl,
    exitOrderKey: t.exitOrderKey,
    strategy: t.strategy,
    stopLoss,
  };
  if (risk > 0) closed.rMultiple = t.netPnl / risk;
  return closed;
}
