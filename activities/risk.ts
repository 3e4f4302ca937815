import { runRiskGate, type WorkingOrder } from '../core/risk';
import { type ActivityDeps } from './deps';
import { type RiskInput, type RiskResult } from './types';

export function riskActivities(deps: ActivityDeps) {
  const { repos } = deps;

  return {
    /**
     * Runs every proposal through the risk gate (core/risk `runRiskGate`): marks the account first (a
     * daily-loss breach halts it and replaces the proposals with flatten orders), then judges each
     * proposal in order, each approval counting against the next. Every verdict is recorded as a risk
     * event. Returns verdicts, never throws for a refusal: a rejection is a business outcome, not a failure.
     */
    async validateRisk(input: RiskInput): Promise<RiskResult> {
      const { account, cycle } = input;
      const now = cycle.marketTime;
      const ledger = await repos.ledgers.load(account.accountId, account.capital, now);
      const open = await repos.orders.open(account.accountId);
      const workingOrders: WorkingOrder[] = open.map((o) => ({
        orderKey: o.correlationId,
        symbol: o.symbol,
        side: o.side,
        quantity: o.quantity - o.filledQuantity,
        price: o.price ?? input.lastPrices[o.symbol] ?? 0,
      }));
      // Order times arrive as wall-clock instants; the rules count them against the market time.
      const wallNow = deps.wallNow();
      const recentOrderTimes = (await repos.orders.sentSince(wallNow - 2_000)).map((t) => t - wallNow + now);

      const gate = runRiskGate({
        proposals: input.proposals,
        riskStatus: input.riskStatus,
        ledger,
        lastPrices: input.lastPrices,
        now,
        allowedSymbols: account.spec.stocks,
        limits: account.spec.risk,
        workingOrders,
        recentOrderTimes,
      });
      const { decisions, riskStatus } = gate;

      await repos.riskEvents.save([
        ...(gate.justHalted
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
          proposal: gate.proposals[d.index],
          marketTime: now,
        })),
      ]);
      return { decisions, riskStatus };
    },
  };
}
