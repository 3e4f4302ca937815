/**
 * What a decider sees in one cycle: plain data, built by the cycle activity from market data,
 * indicators, strategy signals and the account's ledger. Every decider (LLM, rules, fallback) is a
 * function of this value alone, so a cycle can be replayed from its stored context.
 */
import { type RiskLimits } from '../contracts/account';
import { minutesToSquareOff, NSE_CALENDAR, sessionPhase, type TradingCalendar } from '../core/calendar';
import { type Position, type RiskState, type Signal, type StrategyId, type Timeframe } from '../core/types';

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
