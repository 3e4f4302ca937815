/**
 * Opening a ledger, starting a trading day, and recording a position's stop and target.
 */
import { istDateKey } from '../time';
import { type StrategyId } from '../types';
import { LedgerError } from './apply-fill';
import { type Ledger, type Prices } from './types';
import { markInPlace } from './valuation';
import { type WorkingLedger, workingCopy } from './working';

/**
 * A fresh ledger holding `capital` in cash and nothing else.
 *
 * @param time the opening instant; its IST date becomes the first trading day.
 */
export function openLedger(accountId: string, capital: number, time: number): Ledger {
  if (!Number.isFinite(capital) || capital <= 0) {
    throw new LedgerError(`allocated capital must be > 0, got ${capital}`);
  }
  return {
    accountId,
    capital,
    cash: capital,
    positions: {},
    marks: {},
    realisedPnl: 0,
    charges: 0,
    peakEquity: capital,
    maxDrawdown: 0,
    day: { date: istDateKey(time), startEquity: capital },
    closedTrades: [],
    fillCount: 0,
  };
}

/**
 * Starts the trading day of `time`: marks positions at `prices`, fixes the day's start equity (the
 * base of sizing and of the daily loss limit) and clears the previous day's closed trades, which
 * the caller must have persisted. Calling it again on the same day changes nothing, so a restarted
 * workflow cannot reset the day's loss count by starting the day twice.
 */
export function startDay(ledger: Ledger, time: number, prices: Prices = {}): Ledger {
  if (istDateKey(time) === ledger.day.date) return ledger;
  const next = workingCopy(ledger);
  startDayInPlace(next, time, prices);
  return next;
}

/** `startDay` in place; returns whether a new day began. */
export function startDayInPlace(ledger: WorkingLedger, time: number, prices: Prices = {}): boolean {
  const date = istDateKey(time);
  if (date === ledger.day.date) return false;
  const startEquity = markInPlace(ledger, prices);
  ledger.day = { date, startEquity };
  ledger.closedTrades = [];
  return true;
}

export interface Protection {
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly strategy?: StrategyId;
}

/** Records the stop, target and strategy of an open position (fills do not carry them). */
export function annotatePosition(ledger: Ledger, symbol: string, protection: Protection): Ledger {
  const next = workingCopy(ledger);
  annotateInPlace(next, symbol, protection);
  return next;
}

function annotateInPlace(ledger: WorkingLedger, symbol: string, protection: Protection): void {
  const p = ledger.positions[symbol];
  if (!p) throw new LedgerError(`no open position in ${symbol} to annotate`);
  // Field by field, as a spread of the two would give them (a spread builds a new object shape each time).
  ledger.positions[symbol] = {
    symbol: p.symbol,
    quantity: p.quantity,
    avgPrice: p.avgPrice,
    product: p.product,
    openedAt: p.openedAt,
    entryCharges: p.entryCharges,
    entries: p.entries,
    lastEntryOrderKey: p.lastEntryOrderKey,
    stopLoss: 'stopLoss' in protection ? protection.stopLoss : p.stopLoss,
    takeProfit: 'takeProfit' in protection ? protection.takeProfit : p.takeProfit,
    strategy: 'strategy' in protection ? protection.strategy : p.strategy,
  };
}

/** An entry order that filled, with the protection it asked for. */
export interface EntryProtection extends Protection {
  /** The order's key: only the position's latest entry order sets its protection. */
  readonly orderKey: string;
  readonly symbol: string;
}

/**
 * Records the stop, target and strategy that entry orders asked for on the positions they opened
 * (fills do not carry them). An order that is not the position's latest entry changes nothing.
 */
export function protectEntries(ledger: Ledger, entries: readonly EntryProtection[]): Ledger {
  const next = workingCopy(ledger);
  protectEntriesInPlace(next, entries);
  return next;
}

/** `protectEntries` in place. */
export function protectEntriesInPlace(ledger: WorkingLedger, entries: readonly EntryProtection[]): void {
  for (const e of entries) {
    const position = ledger.positions[e.symbol];
    if (!position || position.lastEntryOrderKey !== e.orderKey) continue;
    annotateInPlace(ledger, e.symbol, { stopLoss: e.stopLoss, takeProfit: e.takeProfit, strategy: e.strategy });
  }
}
