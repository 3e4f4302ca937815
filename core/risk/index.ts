/**
 * The risk gate: limits, per-account risk states, `validateOrder` and flatten orders.
 *
 * @example
 * const verdict = validateOrder(proposal, {
 *   allowedSymbols: spec.stocks, limits: spec.risk, riskState: status.state,
 *   startOfDayEquity: ledger.day.startEquity, equity: view.equity, positions: view.positions,
 *   workingOrders, recentOrderTimes,
 * }, { now, lastPrice });
 */
export {
  heldQuantity,
  orderEffect,
  referencePrice,
  type AccountState,
  type MarketState,
  type OrderEffect,
  type RiskPosition,
  type WorkingOrder,
} from './context';
export { flattenOrders, type FlattenRequest } from './flatten';
export {
  DEFAULT_MAX_ORDERS_PER_SECOND,
  DEFAULT_RISK_LIMITS,
  EXCHANGE_ALGO_OPS_THRESHOLD,
  type RiskLimits,
} from './limits';
export { RISK_RULES, type RiskRule, type RuleContext, type RuleId, type RuleOutcome } from './rules';
export {
  activeStatus,
  afterMark,
  dailyLossBreached,
  kill,
  onNewSession,
  reduceOnly,
  revive,
  type RiskStatus,
} from './state';
export { validateOrder, type RiskOptions, type RiskVerdict } from './validate';
export { riskStatusAfterMark, runRiskGate, type RiskDecision, type RiskGateInput, type RiskGateResult } from './gate';
