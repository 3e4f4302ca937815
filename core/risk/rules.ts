/**
 * The risk rules in the order `validateOrder` applies them. A rule passes, rejects with a
 * plain-language reason, or (per-trade risk and buying power only) trims the quantity with a reason.
 */
import {
  checkCircuit,
  checkDuplicate,
  checkOrderPrices,
  checkOrderRate,
  checkQuantity,
  checkSymbol,
} from './order-rules';
import {
  checkDeliveryShort,
  checkFlip,
  checkOpenPositions,
  checkOverClose,
  checkPositionsPerSymbol,
  checkStopLoss,
} from './position-rules';
import { type RiskRule } from './rule';
import { checkDailyLoss, checkEntryWindow, checkMarketHours, checkRiskState, checkSquareOff } from './session-rules';
import { checkBuyingPower, checkTradeRisk } from './size-rules';

export type { RiskRule, RuleContext, RuleId, RuleOutcome } from './rule';

/** The rules in the order they are applied. Cheap checks on the order itself come first. */
export const RISK_RULES: readonly RiskRule[] = [
  { id: 'quantity', entriesOnly: false, check: checkQuantity },
  { id: 'order-prices', entriesOnly: false, check: checkOrderPrices },
  { id: 'symbol-allowed', entriesOnly: false, check: checkSymbol },
  { id: 'risk-state', entriesOnly: false, check: checkRiskState },
  { id: 'market-hours', entriesOnly: false, check: checkMarketHours },
  { id: 'order-rate', entriesOnly: false, check: checkOrderRate },
  { id: 'circuit-band', entriesOnly: false, check: checkCircuit },
  { id: 'over-close', entriesOnly: false, check: checkOverClose },
  { id: 'flip', entriesOnly: true, check: checkFlip },
  { id: 'daily-loss', entriesOnly: true, check: checkDailyLoss },
  { id: 'square-off', entriesOnly: true, check: checkSquareOff },
  { id: 'entry-window', entriesOnly: true, check: checkEntryWindow },
  { id: 'delivery-short', entriesOnly: true, check: checkDeliveryShort },
  { id: 'stop-loss', entriesOnly: true, check: checkStopLoss },
  { id: 'max-open-positions', entriesOnly: true, check: checkOpenPositions },
  { id: 'max-positions-per-symbol', entriesOnly: true, check: checkPositionsPerSymbol },
  { id: 'per-trade-risk', entriesOnly: true, check: checkTradeRisk },
  { id: 'buying-power', entriesOnly: true, check: checkBuyingPower },
  // Last, so that it compares the quantity that would actually be sent.
  { id: 'duplicate-order', entriesOnly: false, check: checkDuplicate },
];
