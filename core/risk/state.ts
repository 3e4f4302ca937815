/**
 * Per-account risk states and their transitions, after Nautilus' trading states:
 * - ACTIVE: every rule-abiding order may pass;
 * - REDUCING: only orders that shrink a position pass (an operator's "wind down");
 * - HALTED: nothing but flatten orders from the desk itself (`squareoff` / `risk` sources).
 *
 * A kill switch halts the account until an operator revives it; a new session brings a halted
 * or reducing account back to ACTIVE only if it was not killed.
 */
import { type RiskState } from '../types';

export interface RiskStatus {
  readonly state: RiskState;
  /** Set by `kill`; survives new sessions until `revive`. */
  readonly killed: boolean;
  /** Why the account is in this state, for the dashboard and the audit trail. */
  readonly reason: string;
  /** When the state was entered (epoch ms). */
  readonly since: number;
}

/** A new account: active. */
export function activeStatus(time: number): RiskStatus {
  return { state: 'ACTIVE', killed: false, reason: 'trading normally', since: time };
}

/** Whether the day's loss (equity now − equity at the start of the day) has reached the limit. */
export function dailyLossBreached(equity: number, startOfDayEquity: number, dailyLossLimitPct: number): boolean {
  return equity - startOfDayEquity <= -(dailyLossLimitPct / 100) * startOfDayEquity;
}

/**
 * Checks the daily loss limit at a mark: a breach halts the account (entries blocked; the desk then
 * flattens with `flattenOrders`). Below the limit nothing changes, even after a recovery.
 */
export function afterMark(
  status: RiskStatus,
  mark: { readonly equity: number; readonly startOfDayEquity: number; readonly dailyLossLimitPct: number },
  time: number,
): RiskStatus {
  if (status.state === 'HALTED' || !dailyLossBreached(mark.equity, mark.startOfDayEquity, mark.dailyLossLimitPct)) {
    return status;
  }
  const loss = mark.startOfDayEquity - mark.equity;
  return {
    ...status,
    state: 'HALTED',
    reason: `daily loss ₹${loss.toFixed(2)} reached the ${mark.dailyLossLimitPct}% limit: flatten and stop for the day`,
    since: time,
  };
}

/** An operator (or a protection) allows only risk-reducing orders from now on; a halt stays a halt. */
export function reduceOnly(status: RiskStatus, reason: string, time: number): RiskStatus {
  return status.state === 'ACTIVE' ? { ...status, state: 'REDUCING', reason, since: time } : status;
}

/** The kill switch: halted, and kept halted across sessions until `revive`. */
export function kill(status: RiskStatus, reason: string, time: number): RiskStatus {
  return { state: 'HALTED', killed: true, reason, since: time };
}

/** Undoes a kill; the account trades again at once (a still-breached daily loss halts it again at the next mark). */
export function revive(status: RiskStatus, reason: string, time: number): RiskStatus {
  return status.killed ? { state: 'ACTIVE', killed: false, reason, since: time } : status;
}

/** A new trading session: every account not killed starts ACTIVE with a fresh daily loss budget. */
export function onNewSession(status: RiskStatus, time: number): RiskStatus {
  if (status.killed || status.state === 'ACTIVE') return status;
  return { state: 'ACTIVE', killed: false, reason: 'new session', since: time };
}
