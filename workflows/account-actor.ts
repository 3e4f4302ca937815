/**
 * The state of one account workflow and its message handlers. Handlers only change state (and
 * wake the main loop); the loop in account.ts calls `planTick`, `runTick` and `doUrgentWork`.
 */
import {
  ApplicationFailure,
  ChildWorkflowFailure,
  condition,
  executeChild,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type * as activities from '../activities';
import { type LoadedAccount, type PortfolioSummary } from '../activities/types';
import type * as AccountContracts from '../contracts/account';
import { type AccountSpec } from '../contracts/account';
import { cycleWorkflowId, manualTradeWorkflowId } from '../contracts/orders';
import {
  AccountIdKey,
  AccountStatusKey,
  CycleMarketTimeKey,
  ModelKey,
  OrdersPlacedKey,
  TradingModeKey,
} from '../contracts/search-attributes';
import {
  type AccountStatus,
  type AccountStatusView,
  type ConfigPatch,
  executeTradeUpdate,
  killSignal,
  type ManualTradeRequest,
  type ManualTradeResult,
  pauseSignal,
  resumeSignal,
  statusQuery,
  stopSignal,
  updateConfigUpdate,
} from '../contracts/workflows';
import { nextTick, NSE_CALENDAR, sessionPhase } from '../core/calendar';
import { type CyclePurpose } from '../core/cycle';
import { activeStatus, kill, onNewSession, type RiskStatus } from '../core/risk';
import { istDateKey } from '../core/time';
import { DATA_STEP } from './activity-options';
import { type CycleResult, cycleWorkflow } from './cycle';
import { barCloseAtOrBefore, isLastOfDay, istLabel, nextMarketTime, tickOffsetMs } from './ticks';

type Activities = ReturnType<typeof activities.createActivities>;
const acts = proxyActivities<Activities>(DATA_STEP);

/** Manual-trade results kept for idempotent replies (the newest; enough for any client's retries). */
const MANUAL_RESULTS_KEPT = 200;

/** What continues across continue-as-new: small and plain. */
export interface CarriedState {
  readonly account: LoadedAccount;
  readonly status: AccountStatus;
  readonly riskStatus: RiskStatus;
  readonly lastMarketTime?: number;
  readonly cycles: number;
  readonly lastCycle?: { readonly marketTime: number; readonly workflowId: string; readonly outcome: string };
  readonly portfolio?: PortfolioSummary;
  readonly manualResults: readonly (readonly [string, ManualTradeResult])[];
  readonly stop?: { readonly reason: string; readonly flatten: boolean };
}

interface Tick {
  readonly marketTime: number;
  readonly delayMs: number;
  readonly label: string;
}

export class AccountActor {
  private state: CarriedState;
  private tick?: Tick;
  private readonly pendingTrades: ManualTradeRequest[] = [];
  private readonly manualResults: Map<string, ManualTradeResult>;
  private specDirty = false;
  private stateDirty = false;
  private flattenNow = false;
  finished = false;

  private constructor(state: CarriedState) {
    this.state = state;
    this.manualResults = new Map(state.manualResults);
  }

  /** Loads the account (fresh start) or adopts the carried state, installs handlers, publishes. */
  static async start(accountId: string, carried?: CarriedState): Promise<AccountActor> {
    // Signals and updates that arrive while the account loads are buffered by Temporal until their
    // handlers are set; a query is not, so it gets a clear "retry" instead of "no such query".
    setHandler(statusQuery, () => {
      throw new Error(`account ${accountId} is loading; retry in a moment`);
    });
    const state = carried ?? (await freshState(accountId));
    const actor = new AccountActor(state);
    actor.installHandlers();
    if (state.status === 'killed' && !carried) actor.finished = true;
    await actor.publish();
    return actor;
  }

  // ---- messages -------------------------------------------------------------------------------

  private installHandlers(): void {
    setHandler(statusQuery, () => this.view(), {
      description: 'State, risk state, positions, P&L, last cycle and next tick',
    });

    setHandler(pauseSignal, () => this.setStatus('paused', 'running'), { description: 'Stop taking decisions' });
    setHandler(resumeSignal, () => this.setStatus('running', 'paused'), { description: 'Take decisions again' });
    setHandler(
      stopSignal,
      ({ reason, flatten }) => {
        if (this.state.status === 'killed' || this.state.status === 'stopped') return;
        this.update({
          status: 'stopping',
          stop: { reason: reason ?? 'stopped from the API', flatten: flatten ?? true },
        });
        this.flattenNow = flatten ?? true;
      },
      { description: 'Finish the cycle, flatten (default), then end' },
    );
    setHandler(
      killSignal,
      ({ reason }) => {
        if (this.state.status === 'killed') return;
        this.update({
          status: 'killed',
          riskStatus: kill(this.state.riskStatus, `killed: ${reason}`, Date.now()),
          stop: { reason: `killed: ${reason}`, flatten: true },
        });
        this.flattenNow = true;
      },
      { description: 'Flatten now and halt for good' },
    );

    setHandler(
      updateConfigUpdate,
      (patch) => {
        this.state = {
          ...this.state,
          account: { ...this.state.account, spec: mergeSpec(this.state.account.spec, patch) },
        };
        this.specDirty = true;
        return this.state.account.spec;
      },
      {
        validator: (patch) => {
          if (this.state.status === 'killed' || this.state.status === 'stopped')
            throw new Error(`account is ${this.state.status}; its configuration can no longer change`);
          mergeSpec(this.state.account.spec, patch);
        },
        description: 'Change the model, stocks, strategies or risk limits',
      },
    );

    setHandler(
      executeTradeUpdate,
      async (request) => {
        const key = request.idempotencyKey;
        if (!this.manualResults.has(key) && !this.pendingTrades.some((r) => r.idempotencyKey === key))
          this.pendingTrades.push(request);
        await condition(() => this.manualResults.has(key));
        return this.manualResults.get(key)!;
      },
      {
        validator: (request) => this.validateTrade(request),
        description: 'Place a manual order through the risk rules',
      },
    );
  }

  private validateTrade(r: ManualTradeRequest): void {
    if (this.manualResults.has(r.idempotencyKey)) return; // a replay gets the first answer
    const { status } = this.state;
    if (status === 'killed' || status === 'stopped' || status === 'stopping')
      throw new Error(`account is ${status}: it takes no new orders`);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(r.idempotencyKey ?? ''))
      throw new Error('idempotencyKey must be 1–64 letters, digits, _ or -');
    if (!this.state.account.spec.stocks.includes(r.symbol))
      throw new Error(`${r.symbol} is not one of this account's stocks (${this.state.account.spec.stocks.join(', ')})`);
    if (r.side !== 'BUY' && r.side !== 'SELL') throw new Error('side must be BUY or SELL');
    if (!Number.isInteger(r.quantity) || r.quantity < 1 || r.quantity > 1_000_000)
      throw new Error('quantity must be a whole number of shares from 1 to 1,000,000');
    if (typeof r.reason !== 'string' || r.reason.trim().length === 0 || r.reason.length > 500)
      throw new Error('reason must be 1–500 characters');
  }

  private setStatus(to: 'running' | 'paused', from: AccountStatus): void {
    if (this.state.status === from) this.update({ status: to });
  }

  private update(change: Partial<CarriedState>): void {
    this.state = { ...this.state, ...change };
    this.stateDirty = true;
  }

  // ---- the loop's steps -----------------------------------------------------------------------

  /** Work that must not wait for the next tick: manual trades, a kill or stop, a state to publish. */
  hasUrgentWork(): boolean {
    return this.pendingTrades.length > 0 || this.flattenNow || this.specDirty || this.stateDirty || this.stopIsDone();
  }

  async doUrgentWork(): Promise<void> {
    if (this.specDirty) {
      this.specDirty = false;
      await acts.saveAccountSpec(this.state.account.spec);
      this.stateDirty = true;
    }
    while (this.pendingTrades.length > 0) {
      const request = this.pendingTrades[0]!;
      const marketTime = await this.currentMarketTime();
      const result = await this.runCycle(
        manualTradeWorkflowId(this.state.account.accountId, request.idempotencyKey),
        marketTime,
        'manual',
        request,
      );
      const answer: ManualTradeResult = result?.manual ?? {
        orderKey: '',
        verdict: 'reject',
        rule: 'cycle',
        reason: this.state.lastCycle?.outcome ?? 'the trade cycle did not complete',
      };
      this.remember(request.idempotencyKey, answer);
      this.pendingTrades.shift();
    }
    if (this.flattenNow) {
      this.flattenNow = false;
      const marketTime = await this.currentMarketTime();
      await this.runCycle(
        `${cycleWorkflowId(this.state.account.accountId, marketTime)}-flatten`,
        marketTime,
        'flatten',
      );
    }
    if (this.stopIsDone()) this.finish();
    if (this.stateDirty) await this.publish();
  }

  /** When the next tick is due and which market time it is for. */
  async planTick(): Promise<Tick> {
    const clock = this.state.account.clock;
    if (clock.kind === 'simulated') {
      const last = this.state.lastMarketTime ?? barCloseAtOrBefore(await acts.marketNow());
      const marketTime = nextMarketTime(last);
      // Ticks fall on multiples of tickMs of wall time, so accounts sharing the simulator stay in step.
      const delayMs = clock.tickMs - (Date.now() % clock.tickMs);
      this.tick = { marketTime, delayMs, label: `next simulated bar ${istLabel(marketTime)}` };
    } else {
      const offset = tickOffsetMs(this.state.account.accountId);
      const due = nextTick(Date.now(), NSE_CALENDAR, offset);
      const marketTime = due - offset;
      this.tick = { marketTime, delayMs: Math.max(0, due - Date.now()), label: `next tick ${istLabel(marketTime)}` };
    }
    this.refreshDetails();
    return this.tick;
  }

  /** Runs the cycle of the planned tick. */
  async runTick(): Promise<{ lastOfDay: boolean } | undefined> {
    if (!this.tick) return undefined;
    const marketTime = this.tick.marketTime;
    // The simulated market is shared: the accounts move it in lockstep, one bar at a time.
    if (this.state.account.clock.kind === 'simulated')
      await acts.advanceMarket(marketTime, this.state.account.accountId);
    const last = this.state.lastMarketTime;
    if (last !== undefined && istDateKey(last) !== istDateKey(marketTime))
      this.update({ riskStatus: onNewSession(this.state.riskStatus, marketTime) });
    await this.runCycle(cycleWorkflowId(this.state.account.accountId, marketTime), marketTime, this.purpose());
    this.state = { ...this.state, lastMarketTime: marketTime };
    if (this.stopIsDone()) this.finish();
    if (this.stateDirty) await this.publish();
    return { lastOfDay: isLastOfDay(marketTime) };
  }

  /** State for continue-as-new. */
  carried(): CarriedState {
    return { ...this.state, manualResults: [...this.manualResults.entries()] };
  }

  view(): AccountStatusView {
    const s = this.state;
    return {
      accountId: s.account.accountId,
      status: s.status,
      riskState: s.riskStatus.state,
      spec: s.account.spec,
      mode: s.account.mode,
      cash: s.portfolio?.cash ?? s.account.capital,
      equity: s.portfolio?.equity ?? s.account.capital,
      dayPnl: s.portfolio?.dayPnl ?? 0,
      positions: s.portfolio?.positions ?? [],
      cycles: s.cycles,
      lastCycle: s.lastCycle,
      nextTick: this.finished ? undefined : this.tick?.marketTime,
      stopReason: s.stop?.reason,
    };
  }

  // ---- helpers --------------------------------------------------------------------------------

  private purpose(): CyclePurpose {
    const { status, riskStatus } = this.state;
    if (status === 'killed' || (status === 'stopping' && this.state.stop?.flatten)) return 'flatten';
    if (riskStatus.state === 'HALTED') return this.flat() ? 'protect' : 'flatten';
    return status === 'paused' ? 'protect' : 'trade';
  }

  private flat(): boolean {
    return this.state.portfolio !== undefined && this.state.portfolio.positions.length === 0;
  }

  /** A stop or kill is done once the account is flat (or flattening is pointless: the market is closed). */
  private stopIsDone(): boolean {
    const { status, stop, lastCycle } = this.state;
    if (this.finished || (status !== 'stopping' && status !== 'killed')) return false;
    if (this.flattenNow || this.pendingTrades.length > 0) return false;
    if (!stop?.flatten) return true;
    return this.flat() || (lastCycle !== undefined && sessionPhase(lastCycle.marketTime) === 'closed');
  }

  private finish(): void {
    this.finished = true;
    if (this.state.status === 'stopping') this.update({ status: 'stopped' });
    this.stateDirty = true;
  }

  /** The market time of work done between ticks (manual trades, flattens). */
  private async currentMarketTime(): Promise<number> {
    return this.state.account.clock.kind === 'simulated' ? barCloseAtOrBefore(await acts.marketNow()) : Date.now();
  }

  private async runCycle(
    workflowId: string,
    marketTime: number,
    purpose: CyclePurpose,
    manual?: ManualTradeRequest,
  ): Promise<CycleResult | undefined> {
    const { spec, decider, mode } = this.state.account;
    try {
      const result = await executeChild(cycleWorkflow, {
        workflowId,
        args: [{ account: this.accountRef(), decider, marketTime, purpose, riskStatus: this.state.riskStatus, manual }],
        parentClosePolicy: 'ABANDON',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `${spec.id} · ${istLabel(marketTime)} · ${purpose} · ${decider} · ${mode}`,
        typedSearchAttributes: [
          { key: AccountIdKey, value: spec.id },
          { key: ModelKey, value: spec.model },
          { key: TradingModeKey, value: mode },
          { key: CycleMarketTimeKey, value: new Date(marketTime) },
          { key: OrdersPlacedKey, value: 0 },
        ],
      });
      // A kill that arrived while the cycle ran outranks the (older) status the cycle reports.
      const riskStatus = this.state.riskStatus.killed ? this.state.riskStatus : result.riskStatus;
      const riskChanged = riskStatus.state !== this.state.riskStatus.state;
      this.state = {
        ...this.state,
        riskStatus,
        portfolio: result.portfolio,
        cycles: this.state.cycles + 1,
        lastCycle: { marketTime, workflowId, outcome: result.decision },
      };
      if (riskChanged) this.stateDirty = true;
      return result;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        this.state = {
          ...this.state,
          lastCycle: { marketTime, workflowId, outcome: 'skipped: this cycle already ran' },
        };
        return undefined;
      }
      if (error instanceof ChildWorkflowFailure) {
        const cause = error.cause instanceof ApplicationFailure ? error.cause.message : error.message;
        this.state = {
          ...this.state,
          cycles: this.state.cycles + 1,
          lastCycle: { marketTime, workflowId, outcome: `failed: ${cause}` },
        };
        return undefined;
      }
      throw error;
    }
  }

  private accountRef() {
    const { accountId, spec, capital, mode } = this.state.account;
    return { accountId, spec, capital, mode };
  }

  private remember(key: string, result: ManualTradeResult): void {
    this.manualResults.set(key, result);
    while (this.manualResults.size > MANUAL_RESULTS_KEPT)
      this.manualResults.delete(this.manualResults.keys().next().value!);
  }

  /** Writes the state to Postgres and the search attributes, and refreshes the Web UI details. */
  private async publish(): Promise<void> {
    this.stateDirty = false;
    const { account, status, riskStatus } = this.state;
    await acts.recordAccountState({
      accountId: account.accountId,
      status: dbStatus(status),
      riskState: riskStatus.state,
    });
    upsertSearchAttributes([
      { key: AccountIdKey, value: account.accountId },
      { key: ModelKey, value: account.spec.model },
      { key: TradingModeKey, value: account.mode },
      { key: AccountStatusKey, value: status },
    ]);
    this.refreshDetails();
  }

  private refreshDetails(): void {
    const v = this.view();
    const rows = [
      ['status', `${v.status} · risk ${v.riskState}`],
      ['model', `${v.spec.model} (${this.state.account.decider})`],
      ['stocks', v.spec.stocks.join(', ')],
      ['equity', `₹${v.equity.toFixed(2)} (day ${v.dayPnl >= 0 ? '+' : ''}${v.dayPnl.toFixed(2)})`],
      ['positions', v.positions.map((p) => `${p.symbol} ${p.quantity}@${p.avgPrice.toFixed(2)}`).join(', ') || 'flat'],
      ['last cycle', v.lastCycle ? `${istLabel(v.lastCycle.marketTime)}: ${v.lastCycle.outcome}` : '—'],
      ['next tick', v.nextTick ? istLabel(v.nextTick) : '—'],
    ];
    setCurrentDetails(
      `| | |\n|---|---|\n${rows.map(([k, val]) => `| ${k} | ${String(val).replace(/\|/g, '/')} |`).join('\n')}`,
    );
  }
}

/** The first state of a fresh account workflow, from the account's stored record. */
async function freshState(accountId: string): Promise<CarriedState> {
  const account = await acts.loadAccount(accountId);
  return {
    account,
    status: account.status === 'killed' ? 'killed' : 'running',
    riskStatus: activeStatus(Date.now()),
    cycles: 0,
    manualResults: [],
  };
}

/** The accounts table knows `created/running/paused/stopped/killed`; `stopping` is still running. */
function dbStatus(status: AccountStatus): string {
  return status === 'stopping' ? 'running' : status;
}

/**
 * The account schema, loaded on first use. The worker evaluates this bundle's modules again for every
 * workflow it starts (each cycle is one), and building the zod schemas at load cost ≈ 10 ms of CPU
 * each time; only a configuration update needs them.
 */
function accountSpecSchema(): typeof AccountContracts.accountSpecSchema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../contracts/account') as typeof AccountContracts).accountSpecSchema;
}

/** The spec after a patch, validated as a whole (throws with the reason when invalid). */
export function mergeSpec(spec: AccountSpec, patch: ConfigPatch): AccountSpec {
  const merged = {
    ...spec,
    ...(patch.model !== undefined ? { model: patch.model } : {}),
    ...(patch.stocks !== undefined ? { stocks: [...patch.stocks] } : {}),
    ...(patch.strategies !== undefined ? { strategies: [...patch.strategies] } : {}),
    risk: { ...spec.risk, ...(patch.risk ?? {}) },
  };
  const parsed = accountSpecSchema().safeParse(merged);
  if (!parsed.success)
    throw new Error(
      `invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
