/**
 * The risk gate: every order proposal, from any source (LLM, rules, manual, square-off, risk),
 * passes through the same rules. Nothing the LLM says can switch a rule off.
 */
import { NSE_CALENDAR, sessionPhase } from '../calendar';
import { tickSizeOf } from '../ticks';
import { type OrderProposal } from '../types';
import {
  heldQuantity,
  orderEffect,
  referencePrice,
  type AccountState,
  type MarketState,
  type OrderEffect,
} from './context';
import { DEFAULT_MAX_ORDERS_PER_SECOND, EXCHANGE_ALGO_OPS_THRESHOLD } from './limits';
import { RISK_RULES, type RuleContext, type RuleId } from './rules';

export interface RiskVerdict {
  /** `approve`: send as proposed; `adjust`: send `adjusted` instead; `reject`: send nothing. */
  readonly verdict: 'approve' | 'adjust' | 'reject';
  /** The deciding rule: the one that rejected, the last one that adjusted, or `all-rules`. */
  readonly rule: RuleId | 'all-rules';
  /** Plain-language reason, shown to the LLM, the dashboard and the audit log. */
  readonly reason: string;
  /** The order to send instead, when the verdict is `adjust`. */
  readonly adjusted?: OrderProposal;
  /** What the order does to the position in its symbol. */
  readonly effect: OrderEffect;
}

export interface RiskOptions {
  /** Order requests per second the desk allows itself; must stay below the exchange's 10. */
  readonly maxOrdersPerSecond?: number;
}

/**
 * Checks one order proposal against every risk rule (see `RISK_RULES` for the list and order).
 *
 * - The first rule that says no decides: `reject`, with its rule id and reason.
 * - Rules that trim the quantity (per-trade risk, buying power) pass the trimmed order on to the
 *   later rules; if nothing rejects, the verdict is `adjust` with the trimmed order.
 * - Orders that only reduce a position skip the rules that guard new risk (windows, stop, sizing…),
 *   so a flatten always gets through while the market is open.
 *
 * @example
 * const v = validateOrder(proposal, account, { now, lastPrice: 1400 });
 * if (v.verdict === 'reject') log(v.rule, v.reason);
 * else send(v.adjusted ?? proposal);
 */
export function validateOrder(
  proposal: OrderProposal,
  account: AccountState,
  market: MarketState,
  options: RiskOptions = {},
): RiskVerdict {
  const maxOrdersPerSecond = options.maxOrdersPerSecond ?? DEFAULT_MAX_ORDERS_PER_SECOND;
  if (!(maxOrdersPerSecond >= 1 && maxOrdersPerSecond < EXCHANGE_ALGO_OPS_THRESHOLD)) {
    throw new RangeError(`maxOrdersPerSecond must be 1–${EXCHANGE_ALGO_OPS_THRESHOLD - 1}, got ${maxOrdersPerSecond}`);
  }
  const calendar = market.calendar ?? NSE_CALENDAR;
  const effect = orderEffect(heldQuantity(account, proposal.symbol), proposal.side, proposal.quantity);
  let ctx: RuleContext = {
    proposal,
    account,
    market,
    effect,
    calendar,
    maxOrdersPerSecond,
    phase: sessionPhase(market.now, calendar),
    tick: market.tickSize ?? tickSizeOf(proposal.symbol),
    reference: referencePrice(proposal, market),
  };

  const adjustments: { rule: RuleId; reason: string }[] = [];
  for (const rule of RISK_RULES) {
    if (rule.entriesOnly && effect === 'reduce') continue;
    const outcome = rule.check(ctx);
    if (outcome.verdict === 'reject') return { verdict: 'reject', rule: rule.id, reason: outcome.reason, effect };
    if (outcome.verdict === 'adjust') {
      ctx = { ...ctx, proposal: { ...ctx.proposal, quantity: outcome.quantity } };
      adjustments.push({ rule: rule.id, reason: outcome.reason });
    }
  }
  const last = adjustments[adjustments.length - 1];
  if (!last) return { verdict: 'approve', rule: 'all-rules', reason: 'passed every risk rule', effect };
  return {
    verdict: 'adjust',
    rule: last.rule,
    reason: adjustments.map((a) => a.reason).join('; '),
    adjusted: ctx.proposal,
    effect,
  };
}
