/**
 * Valuing a ledger at market prices: equity, unrealised P&L, peak and drawdown, snapshots.
 */
import { roundPaise } from '../ticks';
import { type Position, type ProductType } from '../types';
import { type Ledger, type LedgerPosition, type Prices } from './types';
import { type WorkingLedger, workingCopy } from './working';

function isPrice(p: number | undefined): p is number {
  return p !== undefined && Number.isFinite(p) && p > 0;
}

/** The price a position is marked at: the given price, else the ledger's last known price, else its average. */
export function markOf(ledger: Ledger, symbol: string, prices?: Prices): number {
  const given = prices?.[symbol];
  if (isPrice(given)) return given;
  return ledger.marks[symbol] ?? ledger.positions[symbol]?.avgPrice ?? 0;
}

/** Unrealised P&L of one position at `mark`: (mark − avg) × quantity (negative quantity for shorts). */
export function positionUnrealised(position: LedgerPosition, mark: number): number {
  return (mark - position.avgPrice) * position.quantity;
}

function openPositions(ledger: Ledger): LedgerPosition[] {
  return Object.values(ledger.positions);
}

/**
 * Σ value(position, mark) over the open positions, from `start`: a loop in place, in the order
 * Object.values gives (so the same floating-point sums), run several times at every cycle.
 */
function sumOverPositions(
  ledger: Ledger,
  prices: Prices | undefined,
  start: number,
  value: (p: LedgerPosition, mark: number) => number,
): number {
  let sum = start;
  const { positions } = ledger;
  for (const symbol in positions) {
    const p = positions[symbol]!;
    sum += value(p, markOf(ledger, p.symbol, prices));
  }
  return sum;
}

/** Equity = cash + Σ quantity × mark (a short's negative quantity makes it a liability). */
export function equityOf(ledger: Ledger, prices?: Prices): number {
  return sumOverPositions(ledger, prices, ledger.cash, (p, mark) => p.quantity * mark);
}

/** Unrealised P&L of all open positions at the marks. */
export function unrealisedPnlOf(ledger: Ledger, prices?: Prices): number {
  return sumOverPositions(ledger, prices, 0, positionUnrealised);
}

/** Σ |quantity × mark|: what the open positions tie up in buying power. */
export function grossExposureOf(ledger: Ledger, prices?: Prices): number {
  return sumOverPositions(ledger, prices, 0, (p, mark) => Math.abs(p.quantity * mark));
}

/** Today's P&L so far: equity now minus equity at the start of the day (realised + unrealised − charges). */
export function dayPnlOf(ledger: Ledger, prices?: Prices): number {
  return equityOf(ledger, prices) - ledger.day.startEquity;
}

/** Updates peak equity and worst drawdown from the ledger's current marks, in place; returns the equity. */
export function trackDrawdownInPlace(ledger: WorkingLedger): number {
  const equity = equityOf(ledger);
  const peakEquity = Math.max(ledger.peakEquity, equity);
  const drawdown = peakEquity > 0 ? equity / peakEquity - 1 : 0;
  ledger.peakEquity = peakEquity;
  ledger.maxDrawdown = Math.min(ledger.maxDrawdown, drawdown);
  return equity;
}

/**
 * Records new market prices (ignoring missing or non-positive ones) and updates peak equity and
 * drawdown: `markInPlace` on a copy. Call it at every cycle so the drawdown is measured on bar
 * equity, not just at fills.
 */
export function markToMarket(ledger: Ledger, prices: Prices): Ledger {
  const next = workingCopy(ledger);
  markInPlace(next, prices);
  return next;
}

/** `markToMarket` in place; returns the equity at the new marks. */
export function markInPlace(ledger: WorkingLedger, prices: Prices): number {
  const { marks } = ledger;
  for (const symbol in prices) {
    const price = prices[symbol];
    if (isPrice(price) && marks[symbol] !== price) marks[symbol] = price;
  }
  return trackDrawdownInPlace(ledger);
}

export interface PositionSnapshot extends Position {
  readonly product: ProductType;
  /** Orders that opened or added to the position. */
  readonly entries: number;
  readonly mark: number;
  readonly marketValue: number;
  readonly unrealisedPnl: number;
}

/** A read-only summary of the account at one time; money rounded to the paisa for display and storage. */
export interface LedgerSnapshot {
  readonly accountId: string;
  readonly time: number;
  readonly cash: number;
  readonly equity: number;
  /** Σ quantity × mark (shorts count negative). */
  readonly marketValue: number;
  readonly grossExposure: number;
  readonly realisedPnl: number;
  readonly unrealisedPnl: number;
  readonly charges: number;
  /** equity − capital: realised + unrealised − charges since the ledger opened. */
  readonly netPnl: number;
  readonly dayPnl: number;
  readonly peakEquity: number;
  /** Current drawdown from the peak, a fraction ≤ 0. */
  readonly drawdown: number;
  readonly maxDrawdown: number;
  readonly positions: readonly PositionSnapshot[];
}

/** The open positions valued at `prices` (falling back to the ledger's last marks), as `snapshot` shows them. */
export function positionSnapshots(ledger: Ledger, prices: Prices): PositionSnapshot[] {
  return openPositions(ledger).map((p): PositionSnapshot => {
    const mark = markOf(ledger, p.symbol, prices);
    return {
      symbol: p.symbol,
      quantity: p.quantity,
      avgPrice: p.avgPrice,
      product: p.product,
      entries: p.entries,
      stopLoss: p.stopLoss,
      takeProfit: p.takeProfit,
      strategy: p.strategy,
      openedAt: p.openedAt,
      mark,
      marketValue: roundPaise(p.quantity * mark),
      unrealisedPnl: roundPaise(positionUnrealised(p, mark)),
    };
  });
}

/** Values the ledger at `prices` (falling back to its last marks) as of `time`. Does not change the ledger. */
export function snapshot(ledger: Ledger, prices: Prices, time: number): LedgerSnapshot {
  const equity = equityOf(ledger, prices);
  const peakEquity = Math.max(ledger.peakEquity, equity);
  const drawdown = peakEquity > 0 ? equity / peakEquity - 1 : 0;
  const positions = positionSnapshots(ledger, prices);
  return {
    accountId: ledger.accountId,
    time,
    cash: ledger.cash,
    equity: roundPaise(equity),
    marketValue: roundPaise(equity - ledger.cash),
    grossExposure: roundPaise(grossExposureOf(ledger, prices)),
    realisedPnl: roundPaise(ledger.realisedPnl),
    unrealisedPnl: roundPaise(unrealisedPnlOf(ledger, prices)),
    charges: roundPaise(ledger.charges),
    netPnl: roundPaise(equity - ledger.capital),
    dayPnl: roundPaise(equity - ledger.day.startEquity),
    peakEquity: roundPaise(peakEquity),
    drawdown: Math.min(0, drawdown),
    maxDrawdown: Math.min(ledger.maxDrawdown, drawdown),
    positions,
  };
}
