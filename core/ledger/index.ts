/**
 * Per-account portfolio accounting: an immutable, serialisable sub-ledger built from fills.
 *
 * @example
 * let ledger = openLedger('claude', 600_000, now);
 * ledger = applyFill(ledger, fill);
 * ledger = markToMarket(ledger, { RELIANCE: 1412.3 });
 * const view = snapshot(ledger, {}, now);
 */
export { applyFill, LedgerError } from './apply-fill';
export {
  annotatePosition,
  openLedger,
  protectEntries,
  startDay,
  type EntryProtection,
  type Protection,
} from './ledger';
export type { ClosedTrade, Ledger, LedgerPosition, Prices } from './types';
export {
  dayPnlOf,
  equityOf,
  grossExposureOf,
  markOf,
  markToMarket,
  positionUnrealised,
  snapshot,
  unrealisedPnlOf,
  type LedgerSnapshot,
  type PositionSnapshot,
} from './valuation';
export { positionOf, positionsOf, symbolActivity } from './views';
