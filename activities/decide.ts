import { activityInfo, cancellationSignal } from '@temporalio/activity';
import { mandatoryOrders, withMandatory } from '../core/cycle';
import { dayPnlOf, equityOf, type Ledger, unrealisedPnlOf } from '../core/ledger';
import { type OrderProposal, type Position } from '../core/types';
import { type DecisionContext, type InvocationRecord, LlmError, marketView, type PastDecision } from '../llm';
import { recordWithoutLlm } from '../llm/audit';
import { type ActivityDeps } from './deps';
import { type DecideInput, type DecideResult } from './types';

/** How many earlier decisions the prompt shows. */
const RECENT_DECISIONS = 5;

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
      const positions = positionsOf(ledger);
      const mandatory = mandatoryOrders({ purpose, now: cycle.marketTime, positions, lastBars: analysis.lastBars });
      const keyPrefix = `${cycle.workflowId}/a${activityInfo().attempt}`;
      const context = await decisionContext(deps, input, ledger, positions);

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

/** The ledger's open positions in core terms. */
export function positionsOf(ledger: Ledger): Position[] {
  return Object.values(ledger.positions).map((p) => ({
    symbol: p.symbol,
    quantity: p.quantity,
    avgPrice: p.avgPrice,
    stopLoss: p.stopLoss,
    takeProfit: p.takeProfit,
    strategy: p.strategy,
    openedAt: p.openedAt,
  }));
}

/** `rules: BUY TCS 12 (ema); SELL INFY 30` or `llm: hold`. */
function summarise(decider: string, proposals: readonly OrderProposal[]): string {
  const orders = proposals.map((p) => `${p.side} ${p.symbol} ${p.quantity}${p.strategy ? ` (${p.strategy})` : ''}`);
  return `${decider}: ${orders.length ? orders.join('; ') : 'hold'}`.slice(0, 500);
}

async function decisionContext(
  deps: ActivityDeps,
  input: DecideInput,
  ledger: Ledger,
  positions: readonly Position[],
): Promise<DecisionContext> {
  const { account, cycle, analysis, riskStatus } = input;
  const prices = Object.fromEntries(analysis.symbols.map((s) => [s.symbol, s.lastPrice]));
  const equity = equityOf(ledger, prices);
  const lossLimit = (account.spec.risk.dailyLossLimitPct / 100) * ledger.day.startEquity;
  return {
    accountId: account.accountId,
    cycleKey: cycle.workflowId,
    market: marketView(cycle.marketTime),
    account: { stocks: account.spec.stocks, strategies: account.spec.strategies, capital: account.capital },
    symbols: analysis.symbols,
    portfolio: {
      cash: ledger.cash,
      equity,
      realisedPnl: dayPnlOf(ledger, prices) - unrealisedPnlOf(ledger, prices),
      unrealisedPnl: unrealisedPnlOf(ledger, prices),
      positions,
    },
    risk: {
      state: riskStatus.state,
      lossBudgetLeft: Math.max(0, lossLimit + (equity - ledger.day.startEquity)),
      limits: account.spec.risk,
    },
    recentDecisions: await recentDecisions(deps, account.accountId),
  };
}

async function recentDecisions(deps: ActivityDeps, accountId: string): Promise<PastDecision[]> {
  const orders = await deps.repos.orders.recent(accountId, RECENT_DECISIONS);
  // Market time of the deciding cycle (in simulator mode, wall time would mislead the model).
  const marketTimes = await deps.repos.cycles.marketTimes(orders.flatMap((o) => (o.cycleId ? [o.cycleId] : [])));
  return orders.reverse().map((o) => ({
    time: (o.cycleId && marketTimes.get(o.cycleId)) || new Date(o.createdAt).getTime(),
    action: `${o.side} ${o.symbol} ${o.quantity}${o.strategy ? ` (${o.strategy})` : ''}`,
    outcome:
      o.status === 'TRADED'
        ? `filled @${o.averagePrice ?? '?'}`
        : o.status === 'REJECTED'
          ? `rejected: ${o.rejectionReason ?? 'no reason given'}`
          : o.status.toLowerCase(),
  }));
}
