/**
 * Per-account portfolio accounting: an immutable, serialisable sub-ledger built from fills, and its
 * working form that one owner (a backtest) changes in place with the same arithmetic.
 *
 * @example
 * let ledger = openLedger('claude', 600_000, now);
 * ledger = applyFill(ledger, fill);
 * ledger = markToMarket(ledger, { RELIANCE: 1412.3 });
 * const view = snapshot(ledger, {}, now);
 */
export { applyFill, bookFill, LedgerError } from './apply-fill';
export {
  annotatePosition,
  openLedger,
  protectEntries,
  protectEntriesInPlace,
  startDay,
  startDayInPlace,
  type EntryProtection,
  type Protection,
} from './ledger';
export type { ClosedTrade, Ledger, LedgerPosition, Prices } from './types';
export {
  dayPnlOf,
  equityOf,
  grossExposureOf,
  markOf,
  markInPlace,
  markToMarket,
  positionSnapshots,
  positionUnrealised,
  snapshot,
  unrealisedPnlOf,
  type LedgerSnapshot,
  type PositionSnapshot,
} from './valuation';
export { positionOf, positionsOf, symbolActivity } from './views';
export { workingCopy, type WorkingLedger } from './working';
