/**
 * One 5-minute cycle of one account, as its own workflow (id `cycle-<account>-<YYYYMMDD>-<HHMM>`),
 * so each cycle is a row in the Temporal Web UI and cannot run twice. It reads like the cycle:
 * reconcile → market data → signals → decide → risk → place → reconcile → snapshot.
 */
import {
  ApplicationFailure,
  patched,
  proxyActivities,
  setCurrentDetails,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activities from '../activities';
import {
  type AccountRef,
  type CycleRef,
  type DecideResult,
  type MarketAnalysis,
  type PlacedOrder,
  type PortfolioSummary,
  type RiskResult,
} from '../activities/types';
import { orderKey, ORDER_VALIDITY_MS, manualOrderKey } from '../contracts/orders';
import { OrdersPlacedKey } from '../contracts/search-attributes';
import { type ManualTradeRequest, type ManualTradeResult } from '../contracts/workflows';
import { type CyclePurpose } from '../core/cycle';
import { type RiskStatus } from '../core/risk';
import { DATA_STEP, DECIDE_STEP, ORDER_STEP } from './activity-options';
import { istLabel } from './ticks';

type Activities = ReturnType<typeof activities.createActivities>;
const data = proxyActivities<Activities>(DATA_STEP);
const llm = proxyActivities<Activities>(DECIDE_STEP);
const orders = proxyActivities<Activities>(ORDER_STEP);

/**
 * Marks cycles that run the steps which always go together as one activity each (`prepareCycle`,
 * `closeCycle`: half the round trips through the server). Cycles recorded before it replay the
 * separate steps; once none of those can still be running or replayed, `deprecatePatch` it.
 */
export const PHASED_CYCLE_PATCH = 'cycle-phases';

/** Runs a step and notes its duration under its name (the cycle row's step timings). */
type Timed = <T>(name: string, run: () => Promise<T>) => Promise<T>;

export interface CycleInput {
  readonly account: AccountRef;
  /** What decides (model id or `rules`), for summaries. */
  readonly decider: string;
  readonly marketTime: number;
  readonly purpose: CyclePurpose;
  readonly riskStatus: RiskStatus;
  readonly manual?: ManualTradeRequest;
}

export interface CycleResult {
  readonly workflowId: string;
  readonly marketTime: number;
  readonly decision: string;
  readonly placed: readonly PlacedOrder[];
  readonly riskStatus: RiskStatus;
  readonly portfolio: PortfolioSummary;
  /** For a manual trade: what became of it. */
  readonly manual?: ManualTradeResult;
}

export async function cycleWorkflow(input: CycleInput): Promise<CycleResult> {
  const { account, marketTime, purpose } = input;
  const { accountId } = account;
  const workflowId = workflowInfo().workflowId;
  const timings: Record<string, number> = {};
  let step = 'start';
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    step = name;
    const started = Date.now();
    const result = await run();
    timings[name] = Date.now() - started;
    return result;
  };

  // Cycles started before the steps that always run together were merged replay their separate steps.
  const phased = patched(PHASED_CYCLE_PATCH);
  const legacyCycleId = phased
    ? undefined
    : await timed('start', () => data.startCycle({ accountId, workflowId, marketTime }));
  try {
    const { cycle, analysis } = phased
      ? await prepare(input, workflowId, timed, timings)
      : await legacyPrepare(input, { cycleId: legacyCycleId!, workflowId, marketTime }, timed);
    const { cycleId } = cycle;
    const lastPrices = Object.fromEntries(analysis.symbols.map((s) => [s.symbol, s.lastPrice]));
    const decideInput = { account, cycle, purpose, riskStatus: input.riskStatus, analysis, manual: input.manual };
    const decideSummary = `decide (${purpose}): ${input.decider} on ${account.spec.stocks.join(', ')}`;
    let decision: DecideResult;
    let checked: RiskResult | undefined;
    if (phased) {
      const decided = await timed('decide', () =>
        llm.decideCycle.executeWithOptions({ summary: `${decideSummary}; risk rules unless a model decided` }, [
          { ...decideInput, lastPrices },
        ]),
      );
      Object.assign(timings, decided.timings);
      decision = decided.decision;
      checked = decided.risk;
    } else {
      decision = await timed('decide', () => llm.decide.executeWithOptions({ summary: decideSummary }, [decideInput]));
    }
    const risk =
      checked ??
      (await timed('risk', () =>
        data.validateRisk.executeWithOptions({ summary: `risk rules on ${decision.proposals.length} proposal(s)` }, [
          { account, cycle, riskStatus: input.riskStatus, proposals: decision.proposals, lastPrices },
        ]),
      ));

    // Keys come from business facts decided here, never from attempts: a retried or replayed cycle
    // asks for the same keys, and the broker and the orders table each accept a key once.
    const approved = risk.decisions.filter((d) => d.verdict !== 'reject');
    const validUntil = Date.now() + ORDER_VALIDITY_MS;
    const placed: PlacedOrder[] = [];
    for (const [n, d] of approved.entries()) {
      const key =
        purpose === 'manual' && input.manual && d.proposal.source === 'manual'
          ? manualOrderKey(accountId, input.manual.idempotencyKey)
          : orderKey(accountId, marketTime, n);
      placed.push(
        await timed(`place-${n}`, () =>
          orders.placeOrder.executeWithOptions(
            { summary: `place ${d.proposal.side} ${d.proposal.symbol} ${d.proposal.quantity} as ${key}` },
            [{ account, cycleId, orderKey: key, proposal: d.proposal, validUntil }],
          ),
        ),
      );
    }
    const sent = placed.filter((p) => p.status !== 'REJECTED' && p.status !== 'EXPIRED').length;
    const summary = `${decision.summary} → ${risk.decisions.length - approved.length} rejected by risk, ${sent} placed`;
    const portfolio = phased
      ? await timed('close', () =>
          data.closeCycle.executeWithOptions({ summary: 'book immediate fills, mark to market, record the cycle' }, [
            {
              account,
              cycle,
              lastPrices,
              reconcile: placed.length > 0,
              finish: { stepTimings: timings, decision: summary, ordersPlaced: sent },
            },
          ]),
        )
      : await legacyClose(account, cycle, lastPrices, placed.length > 0, summary, sent, timed, timings);
    if (sent > 0) upsertSearchAttributes([{ key: OrdersPlacedKey, value: sent }]);
    setCurrentDetails(
      `**${accountId}** · ${istLabel(marketTime)} · ${purpose}\n\n${summary}\n\nequity ₹${portfolio.equity.toFixed(2)}, day P&L ₹${portfolio.dayPnl.toFixed(2)}`,
    );
    return {
      workflowId,
      marketTime,
      decision: summary,
      placed,
      riskStatus: risk.riskStatus,
      portfolio,
      manual: input.manual && manualResult(risk.decisions, placed),
    };
  } catch (error) {
    const message = describeFailure(error);
    await data.finishCycle({
      workflowId,
      status: 'failed',
      stepTimings: timings,
      ordersPlaced: 0,
      error: `${step}: ${message}`,
    });
    throw ApplicationFailure.nonRetryable(`cycle failed at step "${step}": ${message}`, 'CycleFailed');
  }
}

/** Reconcile, market data and signals as one activity; its step timings join the cycle's. */
async function prepare(
  input: CycleInput,
  workflowId: string,
  timed: Timed,
  timings: Record<string, number>,
): Promise<{ cycle: CycleRef; analysis: MarketAnalysis }> {
  const { account, marketTime } = input;
  const prepared = await timed('prepare', () =>
    data.prepareCycle.executeWithOptions(
      {
        summary: `open the cycle, reconcile, fetch 5m bars (${account.spec.stocks.join(', ')}), indicators and ${account.spec.strategies.join('+')} signals`,
      },
      [{ account, workflowId, marketTime }],
    ),
  );
  Object.assign(timings, prepared.timings);
  return { cycle: { cycleId: prepared.cycleId, workflowId, marketTime }, analysis: prepared.analysis };
}

/** The steps before the decision as separate activities (cycles recorded before {@link PHASED_CYCLE_PATCH}). */
async function legacyPrepare(
  input: CycleInput,
  cycle: CycleRef,
  timed: Timed,
): Promise<{ cycle: CycleRef; analysis: MarketAnalysis }> {
  const { account, marketTime } = input;
  await timed('reconcile', () =>
    data.syncOrders.executeWithOptions({ summary: 'reconcile open orders and book fills' }, [{ account, marketTime }]),
  );
  await timed('market-data', () =>
    data.fetchMarketData.executeWithOptions({ summary: `fetch 5m bars: ${account.spec.stocks.join(', ')}` }, [
      { symbols: account.spec.stocks, marketTime },
    ]),
  );
  const analysis = await timed('signals', () =>
    data.computeSignals.executeWithOptions({ summary: `indicators and ${account.spec.strategies.join('+')} signals` }, [
      { account, cycle },
    ]),
  );
  return { cycle, analysis };
}

/** The steps after the orders as separate activities (cycles recorded before {@link PHASED_CYCLE_PATCH}). */
async function legacyClose(
  account: AccountRef,
  cycle: CycleRef,
  lastPrices: Record<string, number>,
  reconcile: boolean,
  decision: string,
  ordersPlaced: number,
  timed: Timed,
  timings: Record<string, number>,
): Promise<PortfolioSummary> {
  const { marketTime, workflowId } = cycle;
  if (reconcile)
    await timed('reconcile-after', () =>
      data.syncOrders.executeWithOptions({ summary: 'book immediate fills' }, [{ account, marketTime }]),
    );
  const portfolio = await timed('snapshot', () =>
    data.writeSnapshot.executeWithOptions({ summary: 'mark to market and write the snapshot' }, [
      { account, cycle, lastPrices },
    ]),
  );
  await data.finishCycle({ workflowId, status: 'completed', stepTimings: timings, decision, ordersPlaced });
  return portfolio;
}

/** What the API's manual trade gets back: the order's verdict and, when sent, its status. */
function manualResult(
  decisions: readonly {
    verdict: 'approve' | 'adjust' | 'reject';
    rule: string;
    reason: string;
    proposal: { source: string; quantity: number };
  }[],
  placed: readonly PlacedOrder[],
): ManualTradeResult {
  const index = decisions.findIndex((d) => d.proposal.source === 'manual');
  const d = decisions[index];
  if (!d)
    return {
      orderKey: '',
      verdict: 'reject',
      rule: 'decide',
      reason: 'the manual order was superseded by a protective exit',
    };
  const approvedBefore = decisions.slice(0, index).filter((x) => x.verdict !== 'reject').length;
  const order = d.verdict === 'reject' ? undefined : placed[approvedBefore];
  return {
    orderKey: order?.orderKey ?? '',
    verdict: d.verdict,
    rule: d.rule,
    reason: order?.reason ?? d.reason,
    status: order?.status,
    quantity: d.proposal.quantity,
  };
}

/** The failure's message with its causes (an activity failure wraps the error that explains it). */
function describeFailure(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error && parts.length < 4; e = e.cause) parts.push(e.message);
  return parts.length ? parts.join(': ') : String(error);
}
