/**
 * What the workflows send to activities and get back: small, plain, JSON-safe values. Bars,
 * prompts and transcripts stay in Postgres; histories carry ids, summaries and proposals.
 */
import { type AccountSpec } from '../contracts/account';
import { type ManualTradeRequest } from '../contracts/workflows';
import { type CyclePurpose } from '../core/cycle';
import { type RiskDecision, type RiskStatus } from '../core/risk';
import { type Candle, type OrderProposal } from '../core/types';
import { type SymbolView } from '../llm';

/** How an account's ticks are timed (chosen by the worker's configuration). */
export type MarketClockSpec =
  /** Live NSE: ticks on the 5-minute grid of the exchange calendar, each `offsetMs` after the bar closes. */
  | { readonly kind: 'nse' }
  /** The Dhan simulator's stepped clock: one 5-minute bar per `tickMs` of wall time. */
  | { readonly kind: 'simulated'; readonly tickMs: number };

/** The account as a cycle needs it. */
export interface AccountRef {
  readonly accountId: string;
  readonly spec: AccountSpec;
  /** Allocated capital, rupees. */
  readonly capital: number;
  readonly mode: 'paper' | 'live';
}

export interface LoadedAccount extends AccountRef {
  readonly status: string;
  readonly clock: MarketClockSpec;
  /** What decides for this account: the model id, or `rules` when no LLM key is configured. */
  readonly decider: string;
}

export interface PortfolioSummary {
  readonly cash: number;
  readonly equity: number;
  readonly dayPnl: number;
  readonly positions: readonly { readonly symbol: string; readonly quantity: number; readonly avgPrice: number }[];
}

/** Identifies the cycle in progress. */
export interface CycleRef {
  readonly cycleId: number;
  /** The cycle workflow id: the business key of the cycle (also `cycleKey` in audit records). */
  readonly workflowId: string;
  readonly marketTime: number;
}

export type { CyclePurpose } from '../core/cycle';

export interface MarketAnalysis {
  readonly symbols: readonly SymbolView[];
  /** Last closed bar per symbol (for stops and targets). */
  readonly lastBars: Readonly<Record<string, Candle>>;
  /** Symbols whose data was stale or missing at this market time. */
  readonly stale: readonly string[];
}

export interface DecideInput {
  readonly account: AccountRef;
  readonly cycle: CycleRef;
  readonly purpose: CyclePurpose;
  readonly riskStatus: RiskStatus;
  readonly analysis: MarketAnalysis;
  readonly manual?: ManualTradeRequest;
}

export interface DecideResult {
  readonly proposals: readonly OrderProposal[];
  /** One line for the cycle row and the Web UI, e.g. `rules: BUY TCS 12 (ema)`. */
  readonly summary: string;
  readonly decider: string;
  readonly invocationIds: readonly number[];
}

export interface RiskInput {
  readonly account: AccountRef;
  readonly cycle: CycleRef;
  readonly riskStatus: RiskStatus;
  readonly proposals: readonly OrderProposal[];
  readonly lastPrices: Readonly<Record<string, number>>;
}

/** The verdict on one proposal (core/risk). */
export type { RiskDecision } from '../core/risk';

export interface RiskResult {
  readonly decisions: readonly RiskDecision[];
  /** The account's risk status after this check (a daily-loss breach halts it). */
  readonly riskStatus: RiskStatus;
}

export interface PlaceOrderInput {
  readonly account: AccountRef;
  readonly cycleId: number;
  readonly orderKey: string;
  readonly proposal: OrderProposal;
  /** Wall-clock deadline (epoch ms): an attempt after it sends nothing, so a late retry never places a stale order. */
  readonly validUntil: number;
}

export interface PlacedOrder {
  readonly orderKey: string;
  readonly status: string;
  readonly brokerOrderId?: string;
  readonly reason?: string;
  /** True when an earlier attempt had already placed it (nothing was sent this time). */
  readonly alreadyPlaced: boolean;
}
