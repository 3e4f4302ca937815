/**
 * The ledger's working form: the same fields, changed in place by the one code path that owns it.
 *
 * The ledger functions the live desk calls (`applyFill`, `markToMarket`, `startDay`,
 * `protectEntries`) are immutable: they copy the ledger's containers into a working ledger, change
 * that with the in-place function of the same job (`bookFill`, `markInPlace`, `startDayInPlace`,
 * `protectEntriesInPlace`) and hand it back. So the arithmetic lives once, in the in-place
 * functions, and a backtest can keep one working ledger for the whole run and change it at every
 * cycle without copying it.
 *
 * In-place functions change only the ledger's own fields and containers (the positions and marks
 * records, the closed-trades array); they replace, never change, the objects inside them (a
 * position, a closed trade, the day), which a copy shares with the ledger it was copied from.
 */
import { type ClosedTrade, type Ledger, type LedgerPosition } from './types';

/** A ledger its owner changes in place. Every working ledger is a `Ledger`. */
export interface WorkingLedger extends Ledger {
  cash: number;
  positions: Record<string, LedgerPosition>;
  marks: Record<string, number>;
  realisedPnl: number;
  charges: number;
  peakEquity: number;
  maxDrawdown: number;
  day: Ledger['day'];
  closedTrades: ClosedTrade[];
  fillCount: number;
}

/**
 * A working copy of `ledger`: its containers copied, everything else shared. Built field by field,
 * so every ledger has one object shape (spreads of ledgers from different paths leave V8 many).
 */
export function workingCopy(ledger: Ledger): WorkingLedger {
  return {
    accountId: ledger.accountId,
    capital: ledger.capital,
    cash: ledger.cash,
    positions: { ...ledger.positions },
    marks: { ...ledger.marks },
    realisedPnl: ledger.realisedPnl,
    charges: ledger.charges,
    peakEquity: ledger.peakEquity,
    maxDrawdown: ledger.maxDrawdown,
    day: ledger.day,
    closedTrades: [...ledger.closedTrades],
    fillCount: ledger.fillCount,
  };
}
