/**
 * One account replayed cycle by cycle through the live cycle's functions, in the live order
 * (workflows/cycle.ts → activities/): start the day on the ledger → analyse each symbol's closed
 * bars → mandatory orders and the decider on the same `DecisionContext` → the risk gate → fill and
 * book the approved orders → protect new positions → mark to market. Only the I/O differs: the
 * ledger, orders and bars live in memory, and the clock is the replay's.
 */
import { type AccountSpec } from '../../contracts/account';
import * as orders from '../../contracts/orders';
import * as cycle from '../../core/cycle';
import { type CyclePurpose } from '../../core/cycle';
import { type ImmediateFillOptions } from '../../core/fills';
import * as ledgers from '../../core/ledger';
import { type EntryProtection, type Ledger } from '../../core/ledger';
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
import { type SymbolAnalyser } from './analysers';
import { type BacktestOrder, fillAndBook } from './book';
import { type PointInTimeSeries } from './series';
import { type BacktestTrade, withRisk } from './trades';

// Bound once: tsx (esbuild) compiles every imported binding into a getter, too slow at every cycle.
const { cycleWorkflowId, orderKey } = orders;
const { ANALYSIS_LOOKBACK_MS, mandatoryOrders, withMandatory } = cycle;
const { equityOf, grossExposureOf, markToMarket, positionsOf, protectEntries, startDay, symbolActivity } = ledgers;
const { onNewSession, runRiskGate } = risk;
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

export interface CycleOutcome {
  readonly point: EquityPoint;
  /** Present when the cycle proposed any order. */
  readonly decision?: CycleDecision;
  /** Strategy failures this cycle, as `SYMBOL: message`. */
  readonly failures: readonly string[];
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
}

export class BacktestAccount {
  ledger: Ledger;
  riskStatus: RiskStatus;
  readonly orders: BacktestOrder[] = [];
  readonly trades: BacktestTrade[] = [];
  private lastTime?: number;
  private readonly recent: PastDecision[] = [];
  private views?: LedgerViews;

  constructor(private readonly options: BacktestAccountOptions) {
    this.ledger = ledgers.openLedger(options.spec.id, options.capital, options.start);
    this.riskStatus = risk.activeStatus(options.start);
  }

  /** Runs the cycle at market time `now` (the symbols' series must have been advanced to it). */
  async cycle(now: number): Promise<CycleOutcome> {
    const { spec } = this.options;
    // The account workflow: a new session revives a halted account (unless killed).
    if (this.lastTime !== undefined && istDayNumber(this.lastTime) !== istDayNumber(now))
      this.riskStatus = onNewSession(this.riskStatus, now);
    this.lastTime = now;
    const purpose = this.purpose();

    // syncOrders: the trading day starts on the ledger (market orders filled when placed: nothing pending).
    this.ledger = startDay(this.ledger, now);

    // computeSignals
    const { symbols, lastBars, failures } = this.analyse(now);
    const lastPrices: Record<string, number> = {};
    for (const s of symbols) lastPrices[s.symbol] = s.lastPrice;

    // decide
    const { positions } = this.ledgerViews(now);
    const mandatory = mandatoryOrders({ purpose, now, positions, lastBars });
    let decided: readonly OrderProposal[] = [];
    if (mandatory.runDecider && symbols.length > 0 && !this.rulesWouldHold(symbols, positions, now)) {
      const context = decisionContext({
        accountId: spec.id,
        cycleKey: cycleWorkflowId(spec.id, now),
        marketTime: now,
        account: { stocks: spec.stocks, strategies: spec.strategies, capital: this.options.capital, risk: spec.risk },
        symbols,
        ledger: this.ledger,
        riskState: this.riskStatus.state,
        recentDecisions: [...this.recent],
      });
      const decision = await this.options.decider.decide(context);
      decided = decision.proposals;
      this.options.onInvocations?.(decision.records);
    }
    const proposals = withMandatory(mandatory.orders, decided);

    // validateRisk: market orders fill at once, so nothing is working; order times are this cycle's own.
    const gate = runRiskGate({
      proposals,
      riskStatus: this.riskStatus,
      ledger: this.ledger,
      lastPrices,
      now,
      allowedSymbols: spec.stocks,
      limits: spec.risk,
      workingOrders: [],
      recentOrderTimes: [],
    });

    // placeOrder × n, then syncOrders books the fills and protects new positions.
    let n = 0;
    const entries: EntryProtection[] = [];
    for (const d of gate.decisions) {
      if (d.verdict === 'reject') continue;
      const key = orderKey(spec.id, now, n++);
      const lastPrice = lastPrices[d.proposal.symbol];
      if (lastPrice === undefined) continue; // the risk gate refuses symbols without a price first
      this.place(d.proposal, key, now, lastPrice);
      if (d.proposal.stopLoss !== undefined || d.proposal.takeProfit !== undefined)
        entries.push({ orderKey: key, symbol: d.proposal.symbol, ...protectionOf(d.proposal) });
    }
    if (entries.length > 0) this.ledger = protectEntries(this.ledger, entries);

    // writeSnapshot
    this.ledger = markToMarket(this.ledger, lastPrices);
    this.riskStatus = gate.riskStatus;
    return {
      point: {
        time: now,
        equity: equityOf(this.ledger),
        cash: this.ledger.cash,
        grossExposure: grossExposureOf(this.ledger),
        openPositions: Object.keys(this.ledger.positions).length,
      },
      decision: gate.decisions.length > 0 ? { time: now, purpose, decisions: gate.decisions } : undefined,
      failures,
    };
  }

  /**
   * The rules decider would propose nothing (`rulesHold`): its context is not even built. Only for
   * the rules decider, whose answer is known from the signals alone; any other decider is asked.
   */
  private rulesWouldHold(symbols: readonly SymbolView[], positions: readonly Position[], now: number): boolean {
    if (this.options.decider.kind !== 'rules') return false;
    let signals = 0;
    for (const s of symbols) signals += s.signals.length;
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
    return Object.keys(this.ledger.positions).length === 0 ? 'protect' : 'flatten';
  }

  /** Signals and prices per symbol, as `computeSignals` builds them. */
  private analyse(now: number): { symbols: SymbolView[]; lastBars: Record<string, Candle>; failures: string[] } {
    const { activity, bySymbol } = this.ledgerViews(now);
    const symbols: SymbolView[] = [];
    const lastBars: Record<string, Candle> = {};
    const failures: string[] = [];
    for (const symbol of this.options.spec.stocks) {
      const { series, analyser } = this.options.symbols.get(symbol)!;
      const last = series.last;
      // The live cycle reads the last 21 days from the candles table: older bars are not there.
      if (!last || last.time < now - ANALYSIS_LOOKBACK_MS) continue;
      const analysis = analyser.analyse(now, bySymbol.get(symbol), activity[symbol]);
      for (const f of analysis.failures) failures.push(`${symbol}: ${f}`);
      lastBars[symbol] = last;
      symbols.push(new LazySymbolView(symbol, last.close, analysis.signals, analysis.indicators));
    }
    return { symbols, lastBars, failures };
  }

  /**
   * What the strategies and the mandatory orders read off the ledger, rebuilt only when it can have
   * changed: new positions or trades (a fill, a new day's ledger) or a new IST day. Most cycles only
   * move the marks.
   */
  private ledgerViews(now: number): LedgerViews {
    const { positions, closedTrades } = this.ledger;
    const day = istDayNumber(now);
    const known = this.views;
    if (known && known.of === positions && known.trades === closedTrades && known.day === day) return known;
    const open = positionsOf(this.ledger);
    this.views = {
      of: positions,
      trades: closedTrades,
      day,
      positions: open,
      bySymbol: new Map(open.map((p) => [p.symbol, p])),
      activity: symbolActivity(this.ledger, now),
    };
    return this.views;
  }

  /** Fills and books one approved order; its closed trade (if it closed one) is measured in R. */
  private place(proposal: OrderProposal, key: string, now: number, lastPrice: number): void {
    const before = this.ledger;
    const stop = before.positions[proposal.symbol]?.stopLoss;
    const { ledger, order } = fillAndBook(
      before,
      proposal,
      { key, time: now, lastPrice },
      this.options.fills(proposal.symbol),
    );
    this.ledger = ledger;
    this.orders.push(order);
    for (const trade of ledger.closedTrades.slice(before.closedTrades.length)) this.trades.push(withRisk(trade, stop));
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

/** The ledger's views for the cycles of one day while its positions and trades stay the same. */
interface LedgerViews {
  readonly of: Ledger['positions'];
  readonly trades: Ledger['closedTrades'];
  readonly day: number;
  readonly positions: readonly Position[];
  readonly bySymbol: ReadonlyMap<string, Position>;
  readonly activity: Readonly<Record<string, SymbolActivity>>;
}

/** The stop, target and strategy an entry order asks its position to carry. */
function protectionOf(p: OrderProposal) {
  return { stopLoss: p.stopLoss, takeProfit: p.takeProfit, strategy: p.strategy };
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
