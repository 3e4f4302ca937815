/**
 * The cycle's steps that always run together, as one activity each: every activity costs a round trip
 * through the Temporal server and two workflow tasks, which under load cost more CPU than the steps
 * themselves. Each phase runs the same step functions, in the same order, as the separate activities
 * (still registered for cycles recorded before the merge); all of them are idempotent, so a retried
 * phase redoes nothing the first attempt already did.
 */
import { type decideActivities } from './decide';
import { type ActivityDeps } from './deps';
import { type marketActivities } from './market';
import { type orderActivities } from './orders';
import { type recordActivities } from './records';
import { type riskActivities } from './risk';
import {
  type AccountRef,
  type CycleRef,
  type DecideInput,
  type DecideResult,
  type MarketAnalysis,
  type PortfolioSummary,
  type RiskResult,
} from './types';

/** Milliseconds per step, under the step names the cycle row has always used. */
export type StepTimings = Record<string, number>;

export interface PrepareCycleInput {
  readonly account: AccountRef;
  readonly workflowId: string;
  readonly marketTime: number;
}

export interface PreparedCycle {
  readonly cycleId: number;
  readonly analysis: MarketAnalysis;
  readonly timings: StepTimings;
}

export interface CloseCycleInput {
  readonly account: AccountRef;
  readonly cycle: CycleRef;
  readonly lastPrices: Record<string, number>;
  /** Orders were sent this cycle: book their immediate fills before the snapshot. */
  readonly reconcile: boolean;
  /** What the cycle row records on completion; the close phase adds its own step timings. */
  readonly finish: { readonly stepTimings: StepTimings; readonly decision: string; readonly ordersPlaced: number };
}

export interface DecideCycleInput extends DecideInput {
  /** Last price per symbol, from the analysis (for the risk rules). */
  readonly lastPrices: Record<string, number>;
}

export interface DecidedCycle {
  readonly decision: DecideResult;
  /** The risk verdicts when the rules decided (a retry redoes a free, deterministic decision); else absent. */
  readonly risk?: RiskResult;
  readonly timings: StepTimings;
}

/** The separate steps' activities (one set per worker, so the phases share their caches). */
export interface CycleSteps {
  readonly records: ReturnType<typeof recordActivities>;
  readonly market: ReturnType<typeof marketActivities>;
  readonly decide: ReturnType<typeof decideActivities>;
  readonly risk: ReturnType<typeof riskActivities>;
  readonly orders: ReturnType<typeof orderActivities>;
}

export function phaseActivities(deps: ActivityDeps, { records, market, decide, risk, orders }: CycleSteps) {
  return {
    /** Opens the cycle's row, reconciles open orders, fetches new bars and computes the signals. */
    async prepareCycle(input: PrepareCycleInput): Promise<PreparedCycle> {
      const { account, workflowId, marketTime } = input;
      const timings: StepTimings = {};
      const cycleId = await timedStep(timings, 'start', () =>
        records.startCycle({ accountId: account.accountId, workflowId, marketTime }),
      );
      await timedStep(timings, 'reconcile', () => orders.syncOrders({ account, marketTime }));
      await timedStep(timings, 'market-data', () =>
        market.fetchMarketData({ symbols: account.spec.stocks, marketTime }),
      );
      const cycle: CycleRef = { cycleId, workflowId, marketTime };
      const analysis = await timedStep(timings, 'signals', () => market.computeSignals({ account, cycle }));
      return { cycleId, analysis, timings };
    },

    /**
     * Decides, and unless an LLM was asked also runs the risk rules on the proposals. An LLM's decision
     * is paid for and not repeatable, so its risk check stays a separate activity: a retry of the risk
     * step must never ask the model again. The rules (or a manual order, or a cycle without the
     * decider) decide the same again on a retry, for free.
     */
    async decideCycle(input: DecideCycleInput): Promise<DecidedCycle> {
      const { lastPrices, ...decideInput } = input;
      const timings: StepTimings = {};
      const decision = await timedStep(timings, 'decide', () => decide.decide(decideInput));
      const label = deps.deciderLabel(input.account);
      const modelAsked = label !== 'rules' && decision.decider === label; // the decider ran, and it is an LLM
      if (modelAsked) return { decision, timings };
      const verdicts = await timedStep(timings, 'risk', () =>
        risk.validateRisk({
          account: input.account,
          cycle: input.cycle,
          riskStatus: input.riskStatus,
          proposals: decision.proposals,
          lastPrices,
        }),
      );
      return { decision, risk: verdicts, timings };
    },

    /** Books the fills of the orders just sent, writes the snapshot and records the completed cycle. */
    async closeCycle(input: CloseCycleInput): Promise<PortfolioSummary> {
      const { account, cycle } = input;
      const timings: StepTimings = { ...input.finish.stepTimings };
      if (input.reconcile)
        await timedStep(timings, 'reconcile-after', () => orders.syncOrders({ account, marketTime: cycle.marketTime }));
      const portfolio = await timedStep(timings, 'snapshot', () =>
        records.writeSnapshot({ account, cycle, lastPrices: input.lastPrices }),
      );
      await records.finishCycle({
        workflowId: cycle.workflowId,
        status: 'completed',
        stepTimings: timings,
        decision: input.finish.decision,
        ordersPlaced: input.finish.ordersPlaced,
      });
      return portfolio;
    },
  };
}

/**
 * Runs one step, notes its duration, and names the step in a failure's message (the error keeps its
 * class and type, so the retry policy sees the same failure as from a separate activity).
 */
async function timedStep<T>(timings: StepTimings, name: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error) error.message = `${name}: ${error.message}`;
    throw error;
  } finally {
    timings[name] = Date.now() - started;
  }
}
