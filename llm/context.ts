/**
 * What a decider sees in one cycle: plain data, built by the cycle activity from market data,
 * indicators, strategy signals and the account's ledger. Every decider (LLM, rules, fallback) is a
 * function of this value alone, so a cycle can be replayed from its stored context.
 */
import { type RiskLimits } from '../contracts/account';
import { minutesToSquareOff, NSE_CALENDAR, sessionPhase, type TradingCalendar } from '../core/calendar';
import { dayPnlOf, equityOf, type Ledger, positionsOf, unrealisedPnlOf } from '../core/ledger';
import { type Position, type RiskState, type Side, type Signal, type StrategyId, type Timeframe } from '../core/types';

/** Latest value of each indicator on one timeframe, e.g. `{ vwap: 1316.2, ema9: 1318.4, rsi14: null }`. */
export type IndicatorSnapshot = Readonly<Record<string, number | null>>;

/** One stock of the account, as of the last closed bar. */
export interface SymbolView {
  readonly symbol: string;
  readonly lastPrice: number;
  /** Indicator snapshots per timeframe; `null` values are still warming up. */
  readonly indicators: Readonly<Partial<Record<Timeframe, IndicatorSnapshot>>>;
  /** Every signal the account's strategies produced for this symbol at this bar. */
  readonly signals: readonly Signal[];
}

/** Where the cycle stands in the session (computed by the caller from the NSE calendar). */
export interface MarketView {
  /** Market time of the cycle (close of the last bar), epoch ms. */
  readonly now: number;
  /** Minutes until intraday positions are squared off; 0 once square-off has begun. */
  readonly minutesToSquareOff: number;
  /** False before the entry window opens and after it closes (strategies.md: 09:30–14:45). */
  readonly newEntriesAllowed: boolean;
}

export interface PortfolioView {
  readonly cash: number;
  readonly equity: number;
  /** Realised P&L of today, rupees, after charges. */
  readonly realisedPnl: number;
  /** Open (mark-to-market) P&L of the open positions, rupees. */
  readonly unrealisedPnl: number;
  readonly positions: readonly Position[];
}

export interface RiskView {
  readonly state: RiskState;
  /** Rupees the account may still lose today before the daily loss limit halts it. */
  readonly lossBudgetLeft: number;
  readonly limits: RiskLimits;
}

/** One earlier decision of this account and what became of it, in words for the prompt. */
export interface PastDecision {
  readonly time: number;
  /** e.g. `BUY RELIANCE 45 (vwap)` or `HOLD`. */
  readonly action: string;
  /** e.g. `filled @1320.3`, `rejected by risk: max open positions`. */
  readonly outcome: string;
}

/** Everything a decider may use for one account in one cycle. */
export interface DecisionContext {
  readonly accountId: string;
  /** Stable id of the cycle (the workflow's business key), stored with every invocation. */
  readonly cycleKey: string;
  readonly market: MarketView;
  readonly account: {
    readonly stocks: readonly string[];
    readonly strategies: readonly StrategyId[];
    /** Allocated capital, rupees: no single order may be worth more. */
    readonly capital: number;
  };
  /** One entry per account stock, in the account's order. */
  readonly symbols: readonly SymbolView[];
  readonly portfolio: PortfolioView;
  readonly risk: RiskView;
  /** The last few decisions, oldest first. */
  readonly recentDecisions: readonly PastDecision[];
}

/** The view of one symbol, or `undefined` if the context has none. */
export function symbolView(context: DecisionContext, symbol: string): SymbolView | undefined {
  return context.symbols.find((s) => s.symbol === symbol);
}

/** The open position in `symbol` (non-zero quantity), if any. */
export function openPosition(context: DecisionContext, symbol: string): Position | undefined {
  return context.portfolio.positions.find((p) => p.symbol === symbol && p.quantity !== 0);
}

/** All positions with a non-zero quantity. */
export function openPositions(context: DecisionContext): readonly Position[] {
  return context.portfolio.positions.filter((p) => p.quantity !== 0);
}

/**
 * The session view at market time `now`, from the NSE calendar: entries only in the entry window
 * (09:30–14:45 by default), and minutes to the 15:15 square-off (0 from then on, and on a day
 * that does not trade).
 */
export function marketView(now: number, calendar: TradingCalendar = NSE_CALENDAR): MarketView {
  return {
    now,
    minutesToSquareOff: Math.max(0, Math.floor(minutesToSquareOff(now, calendar) ?? 0)),
    newEntriesAllowed: sessionPhase(now, calendar) === 'entry',
  };
}

/** How many earlier decisions the prompt shows. */
export const RECENT_DECISIONS = 5;

/** What the cycle knows when it asks the decider: the facts `decisionContext` assembles. */
export interface DecisionInputs {
  readonly accountId: string;
  /** The cycle's business key (the cycle workflow id, also in backtests). */
  readonly cycleKey: string;
  /** Market time of the cycle (close of the last bar), epoch ms. */
  readonly marketTime: number;
  readonly account: DecisionContext['account'] & { readonly risk: RiskLimits };
  /** One view per account stock that has data, in the account's order. */
  readonly symbols: readonly SymbolView[];
  /** The account's ledger at the start of the decision (fills of this cycle not booked yet). */
  readonly ledger: Ledger;
  readonly riskState: RiskState;
  readonly recentDecisions: readonly PastDecision[];
}

/**
 * The decider's context for one cycle, as the live cycle and the backtester both build it: money
 * marked at the symbols' last prices, the loss budget left before the daily limit, the session view.
 */
export function decisionContext(inputs: DecisionInputs): DecisionContext {
  const { ledger, account } = inputs;
  const prices: Record<string, number> = {};
  for (const s of inputs.symbols) prices[s.symbol] = s.lastPrice;
  const equity = equityOf(ledger, prices);
  const unrealisedPnl = unrealisedPnlOf(ledger, prices);
  const lossLimit = (account.risk.dailyLossLimitPct / 100) * ledger.day.startEquity;
  return {
    accountId: inputs.accountId,
    cycleKey: inputs.cycleKey,
    market: marketView(inputs.marketTime),
    account: { stocks: account.stocks, strategies: account.strategies, capital: account.capital },
    symbols: inputs.symbols,
    portfolio: {
      cash: ledger.cash,
      equity,
      realisedPnl: dayPnlOf(ledger, prices) - unrealisedPnl,
      unrealisedPnl,
      positions: positionsOf(ledger),
    },
    risk: {
      state: inputs.riskState,
      lossBudgetLeft: Math.max(0, lossLimit + (equity - ledger.day.startEquity)),
      limits: account.risk,
    },
    recentDecisions: inputs.recentDecisions,
  };
}

/** An order as the prompt's "recent decisions" describe it. */
export interface DecidedOrder {
  /** Market time of the cycle that decided it. */
  readonly time: number;
  readonly side: Side;
  readonly symbol: string;
  readonly quantity: number;
  readonly strategy?: string | null;
  /** Broker status word: TRADED, REJECTED, PENDING… */
  readonly status: string;
  readonly averagePrice?: number | null;
  readonly rejectionReason?: string | null;
}

/** `BUY TCS 12 (ema)` → `filled @3012.4`, in the prompt's words. */
export function pastDecision(order: DecidedOrder): PastDecision {
  const o = order;
  return {
    time: o.time,
    action: `${o.side} ${o.symbol} ${o.quantity}${o.strategy ? ` (${o.strategy})` : ''}`,
    outcome:
      o.status === 'TRADED'
        ? `filled @${o.averagePrice ?? '?'}`
        : o.status === 'REJECTED'
          ? `rejected: ${o.rejectionReason ?? 'no reason given'}`
          : o.status.toLowerCase(),
  };
}
