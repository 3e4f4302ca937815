/**
 * One account replayed cycle by cycle through the live cycle's functions, in the live order
 * (workflows/cycle.ts → activities/): start the day on the ledger → analyse each symbol's closed
 * bars → mandatory orders and the decider on the same `DecisionContext` → the risk gate → fill and
 * book the approved orders → protect new positions → mark to market. Only the I/O differs: the
 * ledger, orders and bars live in memory, and the clock is the replay's.
 *
 * Cheap by construction, since it runs at every tick of every simulated day: one working ledger
 * changed in place (the core ledger's own in-place functions), the cycle's prices and bars kept in
 * records reused from cycle to cycle, and the decider's views, its context and the risk gate's
 * positions built only on cycles that have something to decide or judge.
 */
import { type AccountSpec } from '../../contracts/account';
import * as orders from '../../contracts/orders';
import * as cycle from '../../core/cycle';
import { type CyclePurpose } from '../../core/cycle';
import { type ImmediateFillOptions } from '../../core/fills';
import * as ledgers from '../../core/ledger';
import { type EntryProtection, type WorkingLedger } from '../../core/ledger';
import * as risk from '../../core/risk';
import { type RiskDecision, type RiskStatus } from '../../core/risk';
import { type SymbolActivity } from '../../core/strategies';
import { istDayNumber } from '../../core/candles/timeframes';
import { type Candle, type OrderProposal, type Position } from '../../core/types';
import * as contexts from '../../llm/context';
import { type PastDecision, type SymbolView } from '../../llm/context';
import { type InvocationRecord } from '../../llm/audit';
import { type Decider } from '../../llm/decider';
import * as rulesDecider from '../../llm/rules-decider';
import { type SymbolAnalyser, type SymbolAnalysis } from './analysers';
import { type BacktestOrder, fillAndBook } from './book';
import { type PointInTimeSeries } from './series';
import { type BacktestTrade, withRisk } from './trades';

// Bound once: tsx (esbuild) compiles every imported binding into a getter, too slow at every cycle.
const { cycleWorkflowId, orderKey } = orders;
const { ANALYSIS_LOOKBACK_MS, mandatoryOrders, withMandatory } = cycle;
const { grossExposureOf, markInPlace, positionsOf, protectEntriesInPlace, startDayInPlace, symbolActivity } = ledgers;
const { onNewSession, riskStatusAfterMark, runRiskGate } = risk;
const { decisionContext, marketView, pastDecision, RECENT_DECISIONS } = contexts;
const { rulesHold } = rulesDecider;

/** One symbol of the account: its bars so far and its analyser. */
export interface AccountSymbol {
  readonly series: PointInTimeSeries;
  readonly analyser: SymbolAnalyser;
}

/** The account's state after a cycle: one point of the equity curve. */
export interface EquityPoint {
  readonly time: number;
  readonly equity: number;
  readonly cash: number;
  /** Σ |quantity × mark| of open positions. */
  readonly grossExposure: number;
  readonly openPositions: number;
}

/** A cycle that proposed something: what was proposed and what the risk gate said. */
export interface CycleDecision {
  readonly time: number;
  readonly purpose: CyclePurpose;
  readonly decisions: readonly RiskDecision[];
}

export interface BacktestAccountOptions {
  readonly spec: AccountSpec;
  readonly capital: number;
  readonly symbols: ReadonlyMap<string, AccountSymbol>;
  readonly decider: Decider;
  readonly fills: (symbol: string) => ImmediateFillOptions;
  /** Market time the ledger opens at (the first cycle). */
  readonly start: number;
  /** Receives every invocation record the decider returns (LLM costs, audit). */
  readonly onInvocations?: (records: readonly InvocationRecord[]) => void;
  /** Receives each strategy failure of a cycle, as `SYMBOL: message`. */
  readonly onFailure?: (failure: string) => void;
}

export class BacktestAccount {
  /** The account's ledger, changed in place by every cycle: read it between cycles. */
  readonly ledger: WorkingLedger;
  riskStatus: RiskStatus;
  readonly orders: BacktestOrder[] = [];
  readonly trades: BacktestTrade[] = [];
  /** Cycles that proposed orders, with the risk gate's verdicts. */
  readonly decisions: CycleDecision[] = [];
  private readonly slots: SymbolSlot[];
  private readonly slotOf = new Map<string, SymbolSlot>();
  /** This cycle's last price and last bar per symbol with data (kept from cycle to cycle). */
  private lastPrices: Record<string, number> = {};
  private lastBars: Record<string, Candle> = {};
  private day?: number;
  private readonly recent: PastDecision[] = [];
  /** Rebuilt when a fill, a protection or a new day changed the ledger's positions or trades. */
  private views?: LedgerViews;

  constructor(private readonly options: BacktestAccountOptions) {
    this.ledger = ledgers.workingCopy(ledgers.openLedger(options.spec.id, options.capital, options.start));
    this.riskStatus = risk.activeStatus(options.start);
    this.slots = options.spec.stocks.map((symbol) => {
      const { series, analyser } = options.symbols.get(symbol)!;
      return { symbol, series, analyser, fills: options.fills(symbol), analysis: undefined };
    });
    for (const slot of this.slots) this.slotOf.set(slot.symbol, slot);
  }

  /**
   * Runs the cycle at market time `now` (the symbols' series must have been advanced to it) and
   * returns the account's equity point after it. Decisions and orders accumulate on the account.
   * A cycle that does not ask the decider finishes at once; only the others return a promise (most
   * cycles ask nothing, and a promise per cycle costs more than the rest of such a cycle).
   */
  cycle(now: number): EquityPoint | Promise<EquityPoint> {
    const day = istDayNumber(now);
    if (day !== this.day) {
      // The account workflow: a new session revives a halted account (unless killed).
      if (this.day !== undefined) this.riskStatus = onNewSession(this.riskStatus, now);
      this.day = day;
      // syncOrders: the trading day starts on the ledger (market orders filled when placed: nothing pending).
      startDayInPlace(this.ledger, now);
      this.views = undefined;
    }
    const purpose = this.purpose();

    // computeSignals
    const views = this.ledgerViews(now);
    const { fresh, signals } = this.analyse(now, views);

    // decide
    const mandatory = mandatoryOrders({ purpose, now, positions: views.positions, lastBars: this.lastBars });
    if (mandatory.runDecider && fresh > 0 && !this.rulesWouldHold(signals, views.positions, now))
      return this.decideAndFinish(now, purpose, mandatory.orders);
    return this.finish(now, purpose, mandatory.orders, NO_PROPOSALS);
  }

  /** Asks the decider on the same context the live cycle builds, then finishes the cycle. */
  private async decideAndFinish(
    now: number,
    purpose: CyclePurpose,
    mandatory: readonly OrderProposal[],
  ): Promise<EquityPoint> {
    const { spec } = this.options;
    const context = decisionContext({
      accountId: spec.id,
      cycleKey: cycleWorkflowId(spec.id, now),
      marketTime: now,
      account: { stocks: spec.stocks, strategies: spec.strategies, capital: this.options.capital, risk: spec.risk },
      symbols: this.symbolViews(),
      ledger: this.ledger,
      riskState: this.riskStatus.state,
      recentDecisions: [...this.recent],
    });
    const decision = await this.options.decider.decide(context);
    this.options.onInvocations?.(decision.records);
    return this.finish(now, purpose, mandatory, decision.proposals);
  }

  /** validateRisk, placeOrder × n, syncOrders and writeSnapshot: the cycle after its decision. */
  private finish(
    now: number,
    purpose: CyclePurpose,
    mandatory: readonly OrderProposal[],
    decided: readonly OrderProposal[],
  ): EquityPoint {
    const ledger = this.ledger;
    let equity: number;
    if (mandatory.length === 0 && decided.length === 0) {
      // Nothing to judge: mark first; the marked ledger's equity is the gate's (the same sum at the same prices).
      equity = markInPlace(ledger, this.lastPrices);
      const marked = riskStatusAfterMark(this.riskStatus, ledger, equity, this.options.spec.risk, now);
      const justHalted = marked.state === 'HALTED' && this.riskStatus.state !== 'HALTED';
      if (!justHalted) this.riskStatus = marked;
      else equity = this.judgeAndPlace(now, purpose, NO_PROPOSALS); // the gate flattens
    } else {
      equity = this.judgeAndPlace(now, purpose, withMandatory(mandatory, decided));
    }
    let open = 0;
    for (const _ in ledger.positions) open++;
    return {
      time: now,
      equity,
      cash: ledger.cash,
      grossExposure: open === 0 ? 0 : grossExposureOf(ledger),
      openPositions: open,
    };
  }

  /**
   * The risk gate on the cycle's proposals, placeOrder × n, syncOrders' protection of new
   * positions, then the mark; returns the equity at the marks.
   */
  private judgeAndPlace(now: number, purpose: CyclePurpose, proposals: readonly OrderProposal[]): number {
    const { spec } = this.options;
    const gate = runRiskGate({
      proposals,
      riskStatus: this.riskStatus,
      ledger: this.ledger,
      lastPrices: this.lastPrices,
      now,
      allowedSymbols: spec.stocks,
      limits: spec.risk,
      workingOrders: [],
      recentOrderTimes: [],
    });
    let n = 0;
    const entries: EntryProtection[] = [];
    for (const d of gate.decisions) {
      if (d.verdict === 'reject') continue;
      const key = orderKey(spec.id, now, n++);
      const lastPrice = this.lastPrices[d.proposal.symbol];
      if (lastPrice === undefined) continue; // the risk gate refuses symbols without a price first
      const p = d.proposal;
      this.place(p, key, now, lastPrice);
      if (p.stopLoss !== undefined || p.takeProfit !== undefined)
        entries.push({
          orderKey: key,
          symbol: p.symbol,
          stopLoss: p.stopLoss,
          takeProfit: p.takeProfit,
          strategy: p.strategy,
        });
    }
    if (entries.length > 0) {
      protectEntriesInPlace(this.ledger, entries);
      this.views = undefined;
    }
    this.riskStatus = gate.riskStatus;
    if (gate.decisions.length > 0) this.decisions.push({ time: now, purpose, decisions: gate.decisions });
    return markInPlace(this.ledger, this.lastPrices);
  }

  /**
   * The rules decider would propose nothing (`rulesHold`): its context is not even built. Only for
   * the rules decider, whose answer is known from the signals alone; any other decider is asked.
   */
  private rulesWouldHold(signals: number, positions: readonly Position[], now: number): boolean {
    if (this.options.decider.kind !== 'rules') return false;
    if (signals > 0) return false;
    let open = 0;
    for (const p of positions) if (p.quantity !== 0) open++;
    return rulesHold({
      signals,
      openPositions: open,
      minutesToSquareOff: open === 0 ? 0 : marketView(now).minutesToSquareOff,
    });
  }

  /** As the account workflow: a halted account flattens while it holds positions, then only protects. */
  private purpose(): CyclePurpose {
    if (this.riskStatus.state !== 'HALTED') return 'trade';
    for (const _ in this.ledger.positions) return 'flatten';
    return 'protect';
  }

  /**
   * Signals and prices per symbol, as `computeSignals` builds them: each symbol with a bar in the
   * analysis window gets its analysis, its last price and its last bar; returns how many did and
   * how many signals they gave.
   */
  private analyse(now: number, views: LedgerViews): { fresh: number; signals: number } {
    let fresh = 0;
    let signals = 0;
    for (const slot of this.slots) {
      const { symbol } = slot;
      const last = slot.series.last;
      // The live cycle reads the last 21 days from the candles table: older bars are not there.
      if (!last || last.time < now - ANALYSIS_LOOKBACK_MS) {
        slot.analysis = undefined;
        if (symbol in this.lastPrices) this.forget(symbol);
        continue;
      }
      const analysis = slot.analyser.analyse(now, views.bySymbol.get(symbol), views.activity[symbol]);
      for (const f of analysis.failures) this.options.onFailure?.(`${symbol}: ${f}`);
      slot.analysis = analysis;
      this.lastPrices[symbol] = last.close;
      this.lastBars[symbol] = last;
      fresh++;
      signals += analysis.signals.length;
    }
    return { fresh, signals };
  }

  /** Drops a symbol without data from the last prices and bars (new records: a deleted key makes a slow dictionary). */
  private forget(symbol: string): void {
    const prices: Record<string, number> = {};
    const bars: Record<string, Candle> = {};
    for (const s in this.lastPrices)
      if (s !== symbol) {
        prices[s] = this.lastPrices[s]!;
        bars[s] = this.lastBars[s]!;
      }
    this.lastPrices = prices;
    this.lastBars = bars;
  }

  /** The decider's view of each symbol analysed this cycle, in the account's order. */
  private symbolViews(): SymbolView[] {
    const views: SymbolView[] = [];
    for (const { symbol, analysis } of this.slots)
      if (analysis)
        views.push(new LazySymbolView(symbol, this.lastPrices[symbol]!, analysis.signals, analysis.indicators));
    return views;
  }

  /** What the strategies and the mandatory orders read off the ledger, rebuilt only when it changed. */
  private ledgerViews(now: number): LedgerViews {
    if (this.views) return this.views;
    const open = positionsOf(this.ledger);
    this.views = {
      positions: open,
      bySymbol: new Map(open.map((p) => [p.symbol, p])),
      activity: symbolActivity(this.ledger, now),
    };
    return this.views;
  }

  /** Fills and books one approved order; its closed trade (if it closed one) is measured in R. */
  private place(proposal: OrderProposal, key: string, now: number, lastPrice: number): void {
    const ledger = this.ledger;
    const stop = ledger.positions[proposal.symbol]?.stopLoss;
    const fills = this.slotOf.get(proposal.symbol)?.fills ?? this.options.fills(proposal.symbol);
    const { order, closed } = fillAndBook(ledger, proposal, { key, time: now, lastPrice }, fills);
    this.views = undefined;
    this.orders.push(order);
    if (closed) this.trades.push(withRisk(closed, stop));
    this.recent.push(
      pastDecision({
        time: order.time,
        side: order.side,
        symbol: order.symbol,
        quantity: order.quantity,
        strategy: order.strategy ?? null,
        status: 'TRADED',
        averagePrice: order.price,
      }),
    );
    if (this.recent.length > RECENT_DECISIONS) this.recent.shift();
  }
}

// Shared empty lists typed readonly, not frozen: a frozen array has its own elements kind, and the
// loops over these lists would then see two kinds instead of one.
const NO_PROPOSALS: readonly OrderProposal[] = [];

/** One account stock: its series, analyser and fill options, and this cycle's analysis. */
interface SymbolSlot {
  readonly symbol: string;
  readonly series: PointInTimeSeries;
  readonly analyser: SymbolAnalyser;
  readonly fills: ImmediateFillOptions;
  /** Undefined when the symbol had no bar in the analysis window this cycle. */
  analysis: SymbolAnalysis | undefined;
}

/** The ledger's views while its positions and trades stay the same. */
interface LedgerViews {
  readonly positions: readonly Position[];
  readonly bySymbol: ReadonlyMap<string, Position>;
  readonly activity: Readonly<Record<string, SymbolActivity>>;
}

/** The decider's view of one symbol; the indicators are computed once, when first read. */
class LazySymbolView implements SymbolView {
  private computed?: SymbolView['indicators'];

  constructor(
    readonly symbol: string,
    readonly lastPrice: number,
    readonly signals: SymbolView['signals'],
    private readonly compute: () => SymbolView['indicators'],
  ) {}

  get indicators(): SymbolView['indicators'] {
    return (this.computed ??= this.compute());
  }

  /** Plain data for records and prompts that serialise the view. */
  toJSON() {
    return { symbol: this.symbol, lastPrice: this.lastPrice, indicators: this.indicators, signals: this.signals };
  }
}
