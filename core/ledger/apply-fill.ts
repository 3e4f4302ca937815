/**
 * Booking one fill into a ledger: cash, position (average cost), realised P&L, charges and the
 * closed-trade record. Handles longs, intraday shorts, partial fills and flips through zero.
 */
import { roundPaise } from '../ticks';
import { type Fill } from '../types';
import { type ClosedTrade, type Ledger, type LedgerPosition } from './types';
import { trackDrawdownInPlace } from './valuation';
import { type WorkingLedger, workingCopy } from './working';

/** A fill that cannot be booked. The ledger is left unchanged; the fill must be fixed and re-sent. */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
}

const CHARGE_ITEMS = ['brokerage', 'stt', 'exchange', 'sebi', 'stamp', 'gst', 'total'] as const;

function assertBookable(fill: Fill): void {
  const problems: string[] = [];
  if (!fill.symbol) problems.push('symbol is empty');
  if (fill.side !== 'BUY' && fill.side !== 'SELL') problems.push(`side must be BUY or SELL, got ${String(fill.side)}`);
  if (!Number.isInteger(fill.quantity) || fill.quantity <= 0)
    problems.push(`quantity must be a whole number > 0, got ${fill.quantity}`);
  if (!Number.isFinite(fill.price) || fill.price <= 0) problems.push(`price must be > 0, got ${fill.price}`);
  if (!Number.isFinite(fill.time)) problems.push(`time must be epoch ms, got ${fill.time}`);
  for (const item of CHARGE_ITEMS) {
    const amount = fill.charges?.[item];
    if (!Number.isFinite(amount) || (amount as number) < 0) problems.push(`charges.${item} must be ≥ 0, got ${amount}`);
  }
  if (problems.length) throw new LedgerError(`cannot book fill ${fill.orderKey}: ${problems.join('; ')}`);
}

function openPosition(fill: Fill, quantity: number, entryCharges: number): LedgerPosition {
  return {
    symbol: fill.symbol,
    quantity,
    avgPrice: fill.price,
    product: fill.product,
    openedAt: fill.time,
    entryCharges,
    entries: 1,
    lastEntryOrderKey: fill.orderKey,
  };
}

function addToPosition(position: LedgerPosition, fill: Fill, signedQty: number): LedgerPosition {
  const quantity = position.quantity + signedQty;
  const avgPrice = (Math.abs(position.quantity) * position.avgPrice + fill.quantity * fill.price) / Math.abs(quantity);
  const newOrder = fill.orderKey !== position.lastEntryOrderKey;
  return {
    ...position,
    quantity,
    avgPrice,
    entryCharges: roundPaise(position.entryCharges + fill.charges.total),
    entries: position.entries + (newOrder ? 1 : 0),
    lastEntryOrderKey: fill.orderKey,
  };
}

interface Booking {
  readonly position: LedgerPosition | undefined;
  readonly closed?: ClosedTrade;
}

/** A fill against the position's direction: close part or all of it, and open the rest the other way. */
function reducePosition(position: LedgerPosition, fill: Fill, signedQty: number): Booking {
  const held = Math.abs(position.quantity);
  const closedQty = Math.min(held, fill.quantity);
  const direction = position.quantity > 0 ? 1 : -1;
  // Charges follow quantity: the closed share of the entry charges, and the closing share of this fill's.
  const entryShare =
    closedQty === held ? position.entryCharges : roundPaise((position.entryCharges * closedQty) / held);
  const exitShare =
    closedQty === fill.quantity ? fill.charges.total : roundPaise((fill.charges.total * closedQty) / fill.quantity);
  // `+ 0` turns a -0 (a short closed at its entry price) into 0, which survives JSON unchanged.
  const grossPnl = (fill.price - position.avgPrice) * closedQty * direction + 0;
  const charges = roundPaise(entryShare + exitShare);
  const closed: ClosedTrade = {
    symbol: fill.symbol,
    direction: direction > 0 ? 'LONG' : 'SHORT',
    quantity: closedQty,
    entryPrice: position.avgPrice,
    exitPrice: fill.price,
    openedAt: position.openedAt,
    closedAt: fill.time,
    grossPnl,
    charges,
    netPnl: grossPnl - charges,
    exitOrderKey: fill.orderKey,
    strategy: position.strategy,
  };
  const quantity = position.quantity + signedQty;
  if (quantity === 0) return { position: undefined, closed };
  if (Math.sign(quantity) === direction) {
    return {
      position: { ...position, quantity, entryCharges: roundPaise(position.entryCharges - entryShare) },
      closed,
    };
  }
  // Flip through zero: the rest of the fill opens a new position at the fill price.
  return { position: openPosition(fill, quantity, roundPaise(fill.charges.total - exitShare)), closed };
}

function book(position: LedgerPosition | undefined, fill: Fill): Booking {
  const signedQty = fill.side === 'BUY' ? fill.quantity : -fill.quantity;
  if (!position) return { position: openPosition(fill, signedQty, fill.charges.total) };
  if (Math.sign(position.quantity) === Math.sign(signedQty))
    return { position: addToPosition(position, fill, signedQty) };
  return reducePosition(position, fill, signedQty);
}

/**
 * Books one fill and returns the new ledger (the input is not changed): `bookFill` on a copy.
 *
 * - Cash moves by price × quantity (to the paisa) and by the fill's charges.
 * - The position is kept at average cost; a reducing fill realises (price − avg) × closed quantity
 *   and appends a `ClosedTrade`; a fill larger than the position flips it.
 * - The fill price becomes the symbol's mark, and peak equity and drawdown are updated.
 *
 * @throws LedgerError when the fill is malformed (non-positive or fractional quantity, bad price,
 *   negative charges); nothing is booked.
 */
export function applyFill(ledger: Ledger, fill: Fill): Ledger {
  const next = workingCopy(ledger);
  bookFill(next, fill);
  return next;
}

/**
 * Books one fill into a working ledger, in place (see `applyFill` for what changes).
 *
 * @returns the trade the fill closed, if it reduced a position (also appended to `closedTrades`).
 * @throws LedgerError when the fill is malformed; the ledger is left unchanged.
 */
export function bookFill(ledger: WorkingLedger, fill: Fill): ClosedTrade | undefined {
  assertBookable(fill);
  const value = roundPaise(fill.price * fill.quantity);
  const cashFlow = fill.side === 'BUY' ? -value : value;
  const { position, closed } = book(ledger.positions[fill.symbol], fill);
  // A new record: the other positions in their order, then this one (the order the sums over
  // positions add in). Deleting a key instead would turn the record into a slow dictionary.
  const positions: Record<string, LedgerPosition> = {};
  for (const symbol in ledger.positions) if (symbol !== fill.symbol) positions[symbol] = ledger.positions[symbol]!;
  if (position) positions[fill.symbol] = position;
  ledger.positions = positions;
  ledger.cash = roundPaise(ledger.cash + cashFlow - fill.charges.total);
  ledger.marks[fill.symbol] = fill.price;
  ledger.realisedPnl = ledger.realisedPnl + (closed?.grossPnl ?? 0);
  ledger.charges = roundPaise(ledger.charges + fill.charges.total);
  if (closed) ledger.closedTrades.push(closed);
  ledger.fillCount = ledger.fillCount + 1;
  trackDrawdownInPlace(ledger);
  return closed;
}
