/**
 * What a cycle reads off the ledger before it decides: the open positions in core terms and the
 * entries already taken today. Pure views shared by the live activities and the backtester, so both
 * hand the strategies and the deciders the same facts.
 */
import { type SymbolActivity } from '../strategies/strategy';
import { istDayNumber } from '../candles/timeframes';
import { type Position } from '../types';
import { type Ledger, type LedgerPosition } from './types';

/** One ledger position as a core `Position` (with its stop, target and strategy). */
export function positionOf(p: LedgerPosition): Position {
  return {
    symbol: p.symbol,
    quantity: p.quantity,
    avgPrice: p.avgPrice,
    stopLoss: p.stopLoss,
    takeProfit: p.takeProfit,
    strategy: p.strategy,
    openedAt: p.openedAt,
  };
}

/** The ledger's open positions in core terms. */
export function positionsOf(ledger: Ledger): Position[] {
  return Object.values(ledger.positions).map(positionOf);
}

/**
 * Entries already taken today per symbol, for the strategies' re-entry rules: today's closed trades
 * plus the entries of an open position opened today (market times, from the ledger's fills). A
 * losing closed trade counts as a stop-out at its close time.
 */
export function symbolActivity(ledger: Ledger, marketTime: number): Record<string, SymbolActivity> {
  const result: Record<string, SymbolActivity> = {};
  const trades = ledger.closedTrades;
  const positions = Object.values(ledger.positions);
  if (trades.length === 0 && positions.length === 0) return result;
  // IST day numbers: the same test as comparing IST dates, without formatting one per trade.
  const today = istDayNumber(marketTime);
  for (const trade of trades) {
    if (istDayNumber(trade.openedAt) === today)
      result[trade.symbol] = counted(result[trade.symbol], 1, trade.netPnl < 0 ? trade.closedAt : undefined);
  }
  for (const position of positions) {
    if (istDayNumber(position.openedAt) === today)
      result[position.symbol] = counted(result[position.symbol], position.entries, undefined);
  }
  return result;
}

/** `current` plus `entries` more entries and, if given, a later stop-out time. */
function counted(current: SymbolActivity | undefined, entries: number, stopOut: number | undefined): SymbolActivity {
  const lastStopOutTime = Math.max(current?.lastStopOutTime ?? 0, stopOut ?? 0) || undefined;
  return { entriesToday: (current?.entriesToday ?? 0) + entries, lastStopOutTime };
}
