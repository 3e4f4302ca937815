import { snapshot } from '../core/ledger';
import {
  afterMark,
  flattenOrders,
  validateOrder,
  type AccountState,
  type RiskPosition,
  type WorkingOrder,
} from '../core/risk';
import { type OrderProposal } from '../core/types';
import { type ActivityDeps } from './deps';
import { type RiskDecision, type RiskInput, type RiskResult } from './types';

export function riskActivities(deps: ActivityDeps) {
  const { repos } = deps;

  return {
    /**
     * Runs every proposal through the risk rules, in order, each approval counting against the next
     * (open positions, working orders, order rate). Marks the account first: a daily-loss breach halts
     * it and replaces the proposals with flatten orders. Every verdict is recorded as a risk event.
     * Returns verdicts, never throws for a refusal: a rejection is a business outcome, not a failure.
     */
    async validateRisk(input: RiskInput): Promise<RiskResult> {
      const { account, cycle } = input;
      const now = cycle.marketTime;
      const ledger = await repos.ledgers.load(account.accountId, account.capital, now);
      const view = snapshot(ledger, input.lastPrices, now);
      const riskStatus = afterMark(
        input.riskStatus,
        {
          equity: view.equity,
          startOfDayEquity: ledger.day.startEquity,
          dailyLossLimitPct: account.spec.risk.dailyLossLimitPct,
        },
        now,
      );
      const positions: RiskPosition[] = view.positions.map((p) => ({
        ...p,
        entries: ledger.positions[p.symbol]?.entries,
      }));
      const justHalted = riskStatus.state === 'HALTED' && input.riskStatus.state !== 'HALTED';
      const proposals: readonly OrderProposal[] = justHalted
        ? flattenOrders(positions, { source: 'risk', reason: riskStatus.reason })
        : input.proposals;

      const open = await repos.orders.open(account.accountId);
      const working: WorkingOrder[] = open.map((o) => ({
        orderKey: o.correlationId,
        symbol: o.symbol,
        side: o.side,
        quantity: o.quantity - o.filledQuantity,
        price: o.price ?? input.lastPrices[o.symbol] ?? 0,
      }));
      // Order times arrive as wall-clock instants; the rules count them against the market time.
      const wallNow = deps.wallNow();
      const sent = (await repos.orders.sentSince(wallNow - 2_000)).map((t) => t - wallNow + now);

      const decisions: RiskDecision[] = [];
      for (const [index, proposal] of proposals.entries()) {
        const state: AccountState = {
          allowedSymbols: account.spec.stocks,
          limits: account.spec.risk,
          riskState: riskStatus.state,
          startOfDayEquity: ledger.day.startEquity,
          equity: view.equity,
          positions,
          workingOrders: working,
          recentOrderTimes: sent,
        };
        const lastPrice = input.lastPrices[proposal.symbol] ?? proposal.price ?? 0;
        const verdict = validateOrder(proposal, state, { now, lastPrice });
        const toPlace = verdict.adjusted ?? proposal;
        decisions.push({
          index,
          verdict: verdict.verdict,
          rule: verdict.rule,
          reason: verdict.reason,
          proposal: toPlace,
        });
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

      await repos.riskEvents.save([
        ...(justHalted
          ? [
              {
                eventKey: `${cycle.workflowId}/state`,
                accountId: account.accountId,
                cycleId: cycle.cycleId,
                rule: 'daily-loss-limit',
                verdict: 'halt',
                detail: riskStatus.reason,
                marketTime: now,
              },
            ]
          : []),
        ...decisions.map((d) => ({
          eventKey: `${cycle.workflowId}/${d.index}`,
          accountId: account.accountId,
          cycleId: cycle.cycleId,
          rule: d.rule,
          verdict: d.verdict,
          detail: d.reason,
          proposal: proposals[d.index],
          marketTime: now,
        })),
      ]);
      return { decisions, riskStatus };
    },
  };
}
