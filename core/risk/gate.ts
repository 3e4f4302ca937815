/**
 * One cycle's pass through the risk gate, as the live cycle and the backtester both run it: mark the
 * account (a daily-loss breach halts it and replaces the proposals with flatten orders), then judge
 * every proposal in order, each approval counting against the next (open positions, working orders,
 * order rate). Pure: the caller brings the ledger, its working orders and its recent order times.
 */
import { equityOf, type Ledger, positionSnapshots, type Prices } from '../ledger';
import { roundPaise } from '../ticks';
import { type OrderProposal } from '../types';
import { type AccountState, type RiskPosition, type WorkingOrder } from './context';
import { flattenOrders } from './flatten';
import { type RiskLimits } from './limits';
import { afterMark, type RiskStatus } from './state';
import { type RiskVerdict, validateOrder } from './validate';

/** The verdict on one proposal, with the order to place (the adjusted one when the verdict is `adjust`). */
export interface RiskDecision {
  /** Position of the proposal in the judged list. */
  readonly index: number;
  readonly verdict: RiskVerdict['verdict'];
  readonly rule: string;
  readonly reason: string;
  readonly proposal: OrderProposal;
}

export interface RiskGateInput {
  readonly proposals: readonly OrderProposal[];
  /** The account's risk status before this cycle's mark. */
  readonly riskStatus: RiskStatus;
  readonly ledger: Ledger;
  /** Last prices of the cycle, to mark the ledger and judge market orders. */
  readonly lastPrices: Prices;
  /** Market time of the cycle. */
  readonly now: number;
  readonly allowedSymbols: readonly string[];
  readonly limits: RiskLimits;
  /** Orders already sent and not finished. */
  readonly workingOrders: readonly WorkingOrder[];
  /** Market times of order requests already sent (for the order-rate rule). */
  readonly recentOrderTimes: readonly number[];
}

export interface RiskGateResult {
  /** One per judged proposal, in order. */
  readonly decisions: readonly RiskDecision[];
  /** The status after the mark (a daily-loss breach halts the account). */
  readonly riskStatus: RiskStatus;
  /** True when this mark halted the account: the judged proposals are its flatten orders. */
  readonly justHalted: boolean;
  /** What was judged: the input proposals, or the flatten orders when the account just halted. */
  readonly proposals: readonly OrderProposal[];
}

/** The equity the gate judges at: the snapshot's (to the paisa), the figure its positions' view is built from. */
function gateEquity(ledger: Ledger, lastPrices: Prices): number {
  return roundPaise(equityOf(ledger, lastPrices));
}

/**
 * The gate's first step alone, for a cycle with nothing to judge: the risk status after the
 * cycle's mark, given the ledger's equity at the cycle's last prices. When it comes back HALTED
 * from a status that was not, the account just halted and `runRiskGate` must run (it judges the
 * flatten orders).
 */
export function riskStatusAfterMark(
  riskStatus: RiskStatus,
  ledger: Ledger,
  equityAtLastPrices: number,
  limits: RiskLimits,
  now: number,
): RiskStatus {
  if (riskStatus.state === 'HALTED') return riskStatus; // as afterMark: a halt stays a halt
  return statusAt(riskStatus, roundPaise(equityAtLastPrices), ledger, limits, now);
}

/** The status after a mark at `equity`: a daily-loss breach halts the account. */
function statusAt(riskStatus: RiskStatus, equity: number, ledger: Ledger, limits: RiskLimits, now: number) {
  return afterMark(
    riskStatus,
    { equity, startOfDayEquity: ledger.day.startEquity, dailyLossLimitPct: limits.dailyLossLimitPct },
    now,
  );
}

/**
 * Marks the account and judges the cycle's proposals (see the module comment).
 * Never throws for a refusal: a rejection is a verdict.
 */
export function runRiskGate(input: RiskGateInput): RiskGateResult {
  const { ledger, now, limits } = input;
  const equity = gateEquity(ledger, input.lastPrices);
  const startOfDayEquity = ledger.day.startEquity;
  const riskStatus = statusAt(input.riskStatus, equity, ledger, limits, now);
  const justHalted = riskStatus.state === 'HALTED' && input.riskStatus.state !== 'HALTED';
  // Most cycles propose nothing: the positions' view is built only when something is judged.
  if (!justHalted && input.proposals.length === 0)
    return { decisions: [], riskStatus, justHalted, proposals: input.proposals };

  // The snapshot's positions: each carries its mark, product and entries, all the rules read.
  const positions: readonly RiskPosition[] = positionSnapshots(ledger, input.lastPrices);
  const proposals = justHalted
    ? flattenOrders(positions, { source: 'risk', reason: riskStatus.reason })
    : input.proposals;

  const working = [...input.workingOrders];
  const sent = [...input.recentOrderTimes];
  const decisions: RiskDecision[] = [];
  for (let index = 0; index < proposals.length; index++) {
    const proposal = proposals[index]!;
    const state: AccountState = {
      allowedSymbols: input.allowedSymbols,
      limits,
      riskState: riskStatus.state,
      startOfDayEquity,
      equity,
      positions,
      workingOrders: working,
      recentOrderTimes: sent,
    };
    const lastPrice = input.lastPrices[proposal.symbol] ?? proposal.price ?? 0;
    const verdict = validateOrder(proposal, state, { now, lastPrice });
    const toPlace = verdict.adjusted ?? proposal;
    decisions.push({ index, verdict: verdict.verdict, rule: verdict.rule, reason: verdict.reason, proposal: toPlace });
    if (verdict.verdict !== 'reject') {
      working.push({
        orderKey: `pending-${index}`,
        symbol: toPlace.symbol,
        side: toPlace.side,
        quantity: toPlace.quantity,
        price: toPlace.price ?? lastPrice,
      });
      sent.push(now);
    }
  }
  return { decisions, riskStatus, justHalted, proposals };
}
