/**
 * The shape of a risk rule: what it sees (`RuleContext`) and what it may say (`RuleOutcome`).
 */
import { type SessionPhase, type TradingCalendar } from '../calendar';
import { type OrderProposal } from '../types';
import { type AccountState, type MarketState, type OrderEffect } from './context';

export type RuleId =
  | 'quantity'
  | 'order-prices'
  | 'symbol-allowed'
  | 'risk-state'
  | 'market-hours'
  | 'order-rate'
  | 'circuit-band'
  | 'over-close'
  | 'flip'
  | 'daily-loss'
  | 'square-off'
  | 'entry-window'
  | 'delivery-short'
  | 'stop-loss'
  | 'max-open-positions'
  | 'max-positions-per-symbol'
  | 'per-trade-risk'
  | 'buying-power'
  | 'duplicate-order';

/** Everything a rule may look at. `proposal` already carries earlier rules' adjustments. */
export interface RuleContext {
  readonly proposal: OrderProposal;
  readonly account: AccountState;
  readonly market: MarketState;
  readonly effect: OrderEffect;
  readonly phase: SessionPhase;
  readonly calendar: TradingCalendar;
  /** Tick of the symbol; undefined for an unknown instrument (the symbol rule rejects it). */
  readonly tick: number | undefined;
  /** The price the order is judged at (limit, trigger or last price). */
  readonly reference: number;
  readonly maxOrdersPerSecond: number;
}

export type RuleOutcome =
  | { readonly verdict: 'pass' }
  | { readonly verdict: 'reject'; readonly reason: string }
  | { readonly verdict: 'adjust'; readonly quantity: number; readonly reason: string };

export interface RiskRule {
  readonly id: RuleId;
  /** Rules that only guard new risk; orders that reduce a position skip them. */
  readonly entriesOnly: boolean;
  readonly check: (ctx: RuleContext) => RuleOutcome;
}

/** The rule has no objection. */
export const PASS: RuleOutcome = { verdict: 'pass' };

/** The rule says no, and why. */
export function reject(reason: string): RuleOutcome {
  return { verdict: 'reject', reason };
}

/** Money in reasons: `₹1234.50`. */
export function rupees(amount: number): string {
  return `₹${amount.toFixed(2)}`;
}

/** A finite number above 0 (and not undefined). */
export function isPositive(x: number | undefined): x is number {
  return x !== undefined && Number.isFinite(x) && x > 0;
}
