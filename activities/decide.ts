import { activityInfo, cancellationSignal } from '@temporalio/activity';
import { mandatoryOrders, withMandatory } from '../core/cycle';
import { type Ledger, positionsOf } from '../core/ledger';
import { type OrderProposal } from '../core/types';
import {
  type DecisionContext,
  decisionContext,
  type InvocationRecord,
  LlmError,
  pastDecision,
  type PastDecision,
  RECENT_DECISIONS,
} from '../llm';
import { recordWithoutLlm } from '../llm/audit';
import { type ActivityDeps } from './deps';
import { type DecideInput, type DecideResult } from './types';

export function decideActivities(deps: ActivityDeps) {
  const { repos } = deps;

  return {
    /**
     * Decides one cycle: the orders the desk must place (stops, targets, square-off, flatten), then
     * the decider's proposals (LLM or rules) when the cycle's purpose allows. Every invocation is
     * recorded, a failed paid LLM attempt included. The LLM never places orders: its proposals go
     * to the risk rules next.
     */
    async decide(input: DecideInput): Promise<DecideResult> {
      const { account, cycle, purpose, analysis } = input;
      const ledger = await repos.ledgers.load(account.accountId, account.capital, cycle.marketTime);
      const mandatory = mandatoryOrders({
        purpose,
        now: cycle.marketTime,
        positions: positionsOf(ledger),
        lastBars: analysis.lastBars,
      });
      const keyPrefix = `${cycle.workflowId}/a${activityInfo().attempt}`;
      const context = await contextOf(deps, input, ledger);

      let decided: readonly OrderProposal[] = [];
      let records: InvocationRecord[];
      let decider: string;
      if (purpose === 'manual' && input.manual) {
        const m = input.manual;
        decided = [
          {
            symbol: m.symbol,
            side: m.side,
            quantity: m.quantity,
            orderType: m.orderType ?? 'MARKET',
            product: m.product ?? 'INTRADAY',
            price: m.price,
            triggerPrice: m.triggerPrice,
            stopLoss: m.stopLoss,
            takeProfit: m.takeProfit,
            reason: m.reason,
            source: 'manual',
          },
        ];
        decider = 'manual';
        records = [
          recordWithoutLlm(context, {
            decider: 'rules',
            proposals: decided,
            stopReason: 'rules',
            notes: ['manual order from the API'],
          }),
        ];
      } else if (mandatory.runDecider && analysis.symbols.length > 0) {
        decider = deps.deciderLabel(account);
        try {
          const decision = await deps.deciderFor(account).decide(context, cancellationSignal());
          decided = decision.proposals;
          records = [...decision.records];
        } catch (error) {
          // A failed attempt may have cost money: record it before Temporal retries (or gives up).
          if (error instanceof LlmError && error.record)
            await repos.invocations.saveAll(keyPrefix, cycle.cycleId, [error.record]);
          throw error;
        }
      } else {
        decider = purpose;
        records = [
          recordWithoutLlm(context, {
            decider: 'rules',
            proposals: mandatory.orders,
            stopReason: 'rules',
            notes: [`${purpose} cycle: the decider did not run`],
          }),
        ];
      }

      const proposals = withMandatory(mandatory.orders, decided);
      const invocationIds = await repos.invocations.saveAll(keyPrefix, cycle.cycleId, records);
      return { proposals, summary: summarise(decider, proposals), decider, invocationIds };
    },
  };
}

/** `rules: BUY TCS 12 (ema); SELL INFY 30` or `llm: hold`. */
function summarise(decider: string, proposals: readonly OrderProposal[]): string {
  const orders = proposals.map((p) => `${p.side} ${p.symbol} ${p.quantity}${p.strategy ? ` (${p.strategy})` : ''}`);
  return `${decider}: ${orders.length ? orders.join('; ') : 'hold'}`.slice(0, 500);
}

/** The decider's context, from the ledger and the analysis (llm `decisionContext`, as the backtester builds it). */
async function contextOf(deps: ActivityDeps, input: DecideInput, ledger: Ledger): Promise<DecisionContext> {
  const { account, cycle } = input;
  return decisionContext({
    accountId: account.accountId,
    cycleKey: cycle.workflowId,
    marketTime: cycle.marketTime,
    account: {
      stocks: account.spec.stocks,
      strategies: account.spec.strategies,
      capital: account.capital,
      risk: account.spec.risk,
    },
    symbols: input.analysis.symbols,
    ledger,
    riskState: input.riskStatus.state,
    recentDecisions: await recentDecisions(deps, account.accountId),
  });
}

async function recentDecisions(deps: ActivityDeps, accountId: string): Promise<PastDecision[]> {
  const orders = await deps.repos.orders.recent(accountId, RECENT_DECISIONS);
  // Market time of the deciding cycle (in simulator mode, wall time would mislead the model).
  const marketTimes = await deps.repos.cycles.marketTimes(orders.flatMap((o) => (o.cycleId ? [o.cycleId] : [])));
  return orders
    .reverse()
    .map((o) =>
      pastDecision({ ...o, time: (o.cycleId && marketTimes.get(o.cycleId)) || new Date(o.createdAt).getTime() }),
    );
}
