/**
 * Rules about size, the two that trim rather than reject. When a proposal is too big for the
 * per-trade risk or for the remaining buying power, a careful desk still takes the trade at the
 * size the limits allow (a good signal is not dropped for being oversized), but never larger.
 */
import { positionSize } from '../sizing';
import { type OrderProposal } from '../types';
import { workingEntries, type AccountState, type RiskPosition } from './context';
import { PASS, reject, rupees, type RuleContext, type RuleOutcome } from './rule';

function leverageOf(proposal: OrderProposal, account: AccountState): number {
  return proposal.product === 'INTRADAY' ? account.limits.intradayLeverage : 1;
}

/** Trims the quantity to the sizing rule: min(risk-based, one slot of buying power). */
export function checkTradeRisk({ proposal, account, reference, tick }: RuleContext): RuleOutcome {
  const size = positionSize({
    side: proposal.side,
    entry: reference,
    stop: proposal.stopLoss ?? 0,
    tickSize: tick ?? 0,
    capital: account.startOfDayEquity,
    equity: account.equity,
    riskPerTradePct: account.limits.riskPerTradePct,
    leverage: leverageOf(proposal, account),
    maxOpenPositions: account.limits.maxOpenPositions,
  });
  if (!size.ok) return reject(`cannot size the trade: ${size.reason}`);
  if (proposal.quantity <= size.quantity) return PASS;
  const cap =
    size.binding === 'risk' ? `${account.limits.riskPerTradePct}% risk per trade` : 'the buying power of one slot';
  return {
    verdict: 'adjust',
    quantity: size.quantity,
    reason: `quantity cut from ${proposal.quantity} to ${size.quantity} by ${cap} (stop ${size.stop}, ${rupees(size.stopDistance)} a share)`,
  };
}

function exposureOf(position: RiskPosition): number {
  return Math.abs(position.quantity) * (position.mark ?? position.avgPrice);
}

/** Trims the quantity to what the remaining buying power buys, or rejects when not one share fits. */
export function checkBuyingPower({ proposal, account, reference }: RuleContext): RuleOutcome {
  const leverage = leverageOf(proposal, account);
  const used =
    account.positions.reduce((sum, p) => sum + exposureOf(p), 0) +
    workingEntries(account).reduce((sum, o) => sum + o.quantity * o.price, 0);
  const headroom = Math.max(0, account.equity) * leverage - used;
  const affordable = Math.max(0, Math.floor(headroom / reference + 1e-9));
  if (proposal.quantity <= affordable) return PASS;
  const why = `buying power ${rupees(Math.max(0, headroom))} left (${leverage}× equity less ${rupees(used)} in use) buys ${affordable} at ${reference}`;
  return affordable >= 1
    ? {
        verdict: 'adjust',
        quantity: affordable,
        reason: `quantity cut from ${proposal.quantity} to ${affordable}: ${why}`,
      }
    : reject(`not enough buying power: ${why}`);
}
