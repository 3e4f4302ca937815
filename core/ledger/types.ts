/**
 * The account ledger's data. Plain, serialisable objects only (records, arrays, numbers): a ledger
 * travels in workflow state and activity results and must survive JSON unchanged.
 */
import { type ProductType, type StrategyId } from '../types';

/** An open position of one account. `quantity` < 0 is an intraday short. */
export interface LedgerPosition {
  readonly symbol: string;
  readonly quantity: number;
  /** Average price of the open quantity (average-cost method). */
  readonly avgPrice: number;
  /** Product of the fill that opened it. Fills are netted per symbol whatever their product. */
  readonly product: ProductType;
  readonly openedAt: number;
  /** Charges of the opening fills not yet assigned to a closed trade. */
  readonly entryCharges: number;
  /** Orders that opened or added to the position (a scale-in is a second entry). */
  readonly entries: number;
  readonly lastEntryOrderKey: string;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly strategy?: StrategyId;
}

/** A closed (part of a) position: one record per fill that reduced it. */
export interface ClosedTrade {
  readonly symbol: string;
  readonly direction: 'LONG' | 'SHORT';
  readonly quantity: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly openedAt: number;
  readonly closedAt: number;
  /** (exit − entry) × quantity, sign-adjusted for shorts; before charges. */
  readonly grossPnl: number;
  /** Share of the entry fills' charges plus share of the exit fill's charges. */
  readonly charges: number;
  readonly netPnl: number;
  readonly exitOrderKey: string;
  readonly strategy?: StrategyId;
}

/**
 * One account's virtual sub-ledger. Several accounts share one Dhan account; each ledger sees only
 * the capital allocated to it and the fills routed to it.
 */
export interface Ledger {
  readonly accountId: string;
  /** Capital allocated to the account when the ledger was opened. */
  readonly capital: number;
  /** Cash to the paisa: capital − buys + sells − charges. Goes negative when intraday leverage is used. */
  readonly cash: number;
  /** Open positions by symbol. */
  readonly positions: Readonly<Record<string, LedgerPosition>>;
  /** Last known price by symbol (from marks and fills). */
  readonly marks: Readonly<Record<string, number>>;
  /** Gross realised P&L since the ledger was opened. */
  readonly realisedPnl: number;
  /** All charges paid since the ledger was opened. */
  readonly charges: number;
  /** Highest equity seen at any mark or fill. */
  readonly peakEquity: number;
  /** Worst drawdown seen, as a fraction ≤ 0 (−0.1 = 10 % below the peak). */
  readonly maxDrawdown: number;
  /** The trading day in progress: its IST date and the equity it started with. */
  readonly day: { readonly date: string; readonly startEquity: number };
  /** Trades closed since the day started (persist them before the next `startDay`). */
  readonly closedTrades: readonly ClosedTrade[];
  readonly fillCount: number;
}

/** Prices by symbol used to mark positions. */
export type Prices = Readonly<Record<string, number>>;
