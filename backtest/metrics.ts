/**
 * Backtest metrics as ../shared/reference/strategies.md §3 defines them:
 *
 * - total return E_T/E_0 − 1; CAGR (E_T/E_0)^(1/Y) − 1 with Y = sessions / 248 (trading-day convention);
 * - Sharpe and Sortino on **daily** returns (one per session, the account is flat overnight), r_f = 0,
 *   annualised by √248: Sharpe = mean(r)/std(r)·√248 with the sample std (ddof 1); Sortino =
 *   mean(r)·248 / (√mean(min(r, 0)²)·√248), the downside over **all** days;
 * - max drawdown min_t(E_t / max_{s≤t} E_s − 1) on the equity after every cycle (bar equity, so an
 *   open trade's drawdown counts), with the longest time under water in cycles; Calmar = CAGR/|MDD|;
 * - over closed round trips net of charges: win rate (P&L > 0 over all trades: a zero-P&L trade
 *   counts as not won), profit factor Σ wins / |Σ losses| (undefined, shown as ∞, without a losing
 *   trade), expectancy = mean trade P&L in ₹ and the mean R-multiple;
 * - exposure: share of cycles ending with an open position, and the mean share of equity deployed.
 */
import { type InvocationRecord } from '../llm';
import { type EquityPoint } from './engine/account';
import { type BacktestOrder } from './engine/book';
import { type DayEquity } from './engine/run';
import { type BacktestTrade } from './engine/trades';

/** NSE sessions a year (strategies.md §3: 245–250; 248 is the convention here). */
export const SESSIONS_PER_YEAR = 248;

export interface Metrics {
  readonly startEquity: number;
  readonly endEquity: number;
  readonly netPnl: number;
  readonly totalReturn: number;
  /** Null for a run of no sessions or a wiped-out account. */
  readonly cagr: number | null;
  readonly sessions: number;
  /** Null with fewer than two sessions or constant daily returns. */
  readonly sharpe: number | null;
  /** Null without a losing day (the ratio is unbounded). */
  readonly sortino: number | null;
  /** A fraction ≤ 0 (−0.05 = 5 % below the peak). */
  readonly maxDrawdown: number;
  readonly longestUnderwaterCycles: number;
  /** Null when there was no drawdown. */
  readonly calmar: number | null;
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  /** Null without trades. */
  readonly winRate: number | null;
  /** Null without a losing trade (∞ when there were winners) or without trades. */
  readonly profitFactor: number | null;
  /** Mean net P&L per trade, rupees; null without trades. */
  readonly expectancy: number | null;
  /** Mean R-multiple of the trades that had a stop; null when none had. */
  readonly expectancyR: number | null;
  readonly averageWin: number | null;
  readonly averageLoss: number | null;
  /** Share of cycles that ended with an open position. */
  readonly exposure: number;
  /** Mean of gross exposure ÷ equity over the cycles. */
  readonly meanDeployed: number;
  readonly orders: number;
  /** Brokerage, taxes and fees of every fill, rupees. */
  readonly charges: number;
  readonly llm: { readonly calls: number; readonly tokens: number; readonly costInr: number };
}

export interface MetricsInput {
  readonly capital: number;
  readonly equity: readonly EquityPoint[];
  readonly days: readonly DayEquity[];
  readonly trades: readonly BacktestTrade[];
  readonly orders: readonly BacktestOrder[];
  readonly invocations: readonly InvocationRecord[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: readonly number[]) => (xs.length ? sum(xs) / xs.length : NaN);
const orNull = (x: number) => (Number.isFinite(x) ? x : null);

/** Daily returns r_d = E_d/E_{d−1} − 1, the first against the starting capital. */
export function dailyReturns(capital: number, days: readonly DayEquity[]): number[] {
  return days.map((d, i) => d.equity / (i === 0 ? capital : days[i - 1]!.equity) - 1);
}

/** mean(r)/std(r)·√N with the sample standard deviation; null when undefined. */
export function sharpeRatio(returns: readonly number[], periodsPerYear = SESSIONS_PER_YEAR): number | null {
  if (returns.length < 2) return null;
  const m = mean(returns);
  const variance = sum(returns.map((r) => (r - m) ** 2)) / (returns.length - 1);
  return variance > 0 ? orNull((m / Math.sqrt(variance)) * Math.sqrt(periodsPerYear)) : null;
}

/** mean(r)·N / (√mean(min(r,0)²)·√N); null without a losing period. */
export function sortinoRatio(returns: readonly number[], periodsPerYear = SESSIONS_PER_YEAR): number | null {
  if (returns.length === 0) return null;
  const downside = Math.sqrt(mean(returns.map((r) => Math.min(r, 0) ** 2)));
  if (!(downside > 0)) return null;
  return orNull((mean(returns) * periodsPerYear) / (downside * Math.sqrt(periodsPerYear)));
}

/** Worst drop from a running peak (starting at `start`), and the longest run of points below a peak. */
export function drawdown(start: number, equity: readonly number[]): { max: number; longestUnderwater: number } {
  let peak = start;
  let max = 0;
  let under = 0;
  let longest = 0;
  for (const e of equity) {
    if (e >= peak) {
      peak = e;
      under = 0;
    } else {
      under++;
      longest = Math.max(longest, under);
      max = Math.min(max, e / peak - 1);
    }
  }
  return { max, longestUnderwater: longest };
}

/** Every metric of a run (see the module comment for the definitions). */
export function computeMetrics(input: MetricsInput): Metrics {
  const { capital, trades } = input;
  const endEquity = input.equity.at(-1)?.equity ?? capital;
  const sessions = input.days.length;
  const growth = endEquity / capital;
  const cagr = sessions > 0 && growth > 0 ? orNull(growth ** (SESSIONS_PER_YEAR / sessions) - 1) : null;
  const returns = dailyReturns(capital, input.days);
  const dd = drawdown(
    capital,
    input.equity.map((p) => p.equity),
  );

  const pnl = trades.map((t) => t.netPnl);
  const won = pnl.filter((p) => p > 0);
  const lost = pnl.filter((p) => p < 0);
  const rs = trades.flatMap((t) => (t.rMultiple === undefined ? [] : [t.rMultiple]));
  const cycles = input.equity.length;
  const llmTokens = sum(input.invocations.map((r) => r.usage.inputTokens + r.usage.outputTokens));
  return {
    startEquity: capital,
    endEquity,
    netPnl: endEquity - capital,
    totalReturn: growth - 1,
    cagr,
    sessions,
    sharpe: sharpeRatio(returns),
    sortino: sortinoRatio(returns),
    maxDrawdown: dd.max,
    longestUnderwaterCycles: dd.longestUnderwater,
    calmar: cagr !== null && dd.max < 0 ? cagr / Math.abs(dd.max) : null,
    trades: trades.length,
    wins: won.length,
    losses: lost.length,
    winRate: trades.length ? won.length / trades.length : null,
    profitFactor: lost.length ? sum(won) / Math.abs(sum(lost)) : null,
    expectancy: trades.length ? mean(pnl) : null,
    expectancyR: rs.length ? mean(rs) : null,
    averageWin: won.length ? mean(won) : null,
    averageLoss: lost.length ? mean(lost) : null,
    exposure: cycles ? input.equity.filter((p) => p.openPositions > 0).length / cycles : 0,
    meanDeployed: cycles ? mean(input.equity.map((p) => (p.equity > 0 ? p.grossExposure / p.equity : 0))) : 0,
    orders: input.orders.length,
    charges: sum(input.orders.map((o) => o.charges)),
    llm: {
      calls: sum(input.invocations.map((r) => r.responses.length)),
      tokens: llmTokens,
      costInr: sum(input.invocations.map((r) => r.usage.costInr ?? 0)),
    },
  };
}
