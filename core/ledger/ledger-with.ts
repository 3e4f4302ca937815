/**
 * Changing a few fields of a ledger without a spread.
 */
import { type Ledger } from './types';

/**
 * `ledger` with some fields replaced, built field by field: every ledger then shares one object
 * shape, where spreads of ledgers made along different paths leave V8 many (the backtester changes
 * the ledger at every cycle).
 */
export function ledgerWith(ledger: Ledger, changes: Partial<Ledger>): Ledger {
  return {
    accountId: changes.accountId ?? ledger.accountId,
    capital: changes.capital ?? ledger.capital,
    cash: changes.cash ?? ledger.cash,
    positions: changes.positions ?? ledger.positions,
    marks: changes.marks ?? ledger.marks,
    realisedPnl: changes.realisedPnl ?? ledger.realisedPnl,
    charges: changes.charges ?? ledger.charges,
    peakEquity: changes.peakEquity ?? ledger.peakEquity,
    maxDrawdown: changes.maxDrawdown ?? ledger.maxDrawdown,
    day: changes.day ?? ledger.day,
    closedTrades: changes.closedTrades ?? ledger.closedTrades,
    fillCount: changes.fillCount ?? ledger.fillCount,
  };
}
