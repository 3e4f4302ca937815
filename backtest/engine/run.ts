/**
 * Runs a backtest: the account's cycles at every live tick of the date range, over bars that each
 * become visible only once closed (point in time by construction), with the live cycle's functions.
 *
 * @example
 * const run = await runBacktest({ spec, bars, decider: createRulesDecider(coreSize) });
 * computeMetrics(run).sharpe;
 */
import { istDayNumber } from '../../core/candles/timeframes';
import { assertValidCandles } from '../../core/candles/validate';
import { calendarCovers } from '../../core/calendar';
import { createStrategy, type Strategy } from '../../core/strategies';
import { istDateKey } from '../../core/time';
import { tickSizeOf } from '../../core/ticks';
import { type Candle, type StrategyId } from '../../core/types';
import { type Decider, type InvocationRecord } from '../../llm';
import { type BacktestSpec } from '../spec';
import { type AccountSymbol, BacktestAccount, type CycleDecision, type EquityPoint } from './account';
import { type SymbolAnalyser, streamAnalyser, windowAnalyser } from './analysers';
import { type BacktestOrder } from './book';
import { cycleTimes } from './clock';
import { PointInTimeSeries } from './series';
import { type BacktestTrade } from './trades';

export interface BacktestProgress {
  readonly done: number;
  readonly total: number;
  /** Market time of the last cycle run. */
  readonly marketTime: number;
}

export interface BacktestInput {
  readonly spec: BacktestSpec;
  /** 5-minute bars per symbol, oldest first; bars before `from` only warm the indicators up. */
  readonly bars: ReadonlyMap<string, readonly Candle[]>;
  readonly decider: Decider;
  /** Strategies to run instead of the account's (tests use deliberately biased ones). */
  readonly strategies?: readonly Strategy[];
  /**
   * Market time of the first cycle to run (default: the first of `spec.from`), e.g. the cycle a live
   * account joined its market at, when a backtest is compared with that live run.
   */
  readonly firstCycleAt?: number;
  /** Called once per simulated day; awaited, so a caller can let its event loop breathe. */
  readonly onProgress?: (progress: BacktestProgress) => void | Promise<void>;
  /** Stops the run between days (throws the signal's reason). */
  readonly signal?: AbortSignal;
}

/** The end of a simulated day: the equity the daily returns are computed from. */
export interface DayEquity {
  readonly date: string;
  readonly equity: number;
}

export interface BacktestRun {
  readonly spec: BacktestSpec;
  readonly cycles: number;
  /** 5-minute bars replayed through the pipeline (warm-up included). */
  readonly bars: number;
  readonly orders: readonly BacktestOrder[];
  readonly trades: readonly BacktestTrade[];
  /** The account after every cycle. */
  readonly equity: readonly EquityPoint[];
  readonly days: readonly DayEquity[];
  /** Cycles that proposed orders, with the risk gate's verdicts. */
  readonly decisions: readonly CycleDecision[];
  /** Invocations that called an LLM (cost and audit); empty for the rules decider. */
  readonly invocations: readonly InvocationRecord[];
  /** Data gaps, days without bars, strategy failures: the run went on, but a reader should know. */
  readonly warnings: readonly string[];
}

/** The bars cannot carry this backtest (a stock without data, a bar out of order…). */
export class BacktestDataError extends Error {
  override readonly name = 'BacktestDataError';
}

const MAX_WARNINGS = 50;

export async function runBacktest(input: BacktestInput): Promise<BacktestRun> {
  const { spec } = input;
  for (const day of [spec.from, spec.to])
    if (!calendarCovers(day))
      throw new BacktestDataError(
        `the NSE calendar has no holiday list for ${day.slice(0, 4)}: the risk rules would refuse every order that year`,
      );
  const times = cycleTimes(spec.from, spec.to).filter((t) => t >= (input.firstCycleAt ?? 0));
  if (times.length === 0) throw new BacktestDataError(`no NSE trading day between ${spec.from} and ${spec.to}`);
  const warnings: string[] = [];
  const warn = (w: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(w);
    else if (warnings.length === MAX_WARNINGS) warnings.push('… further warnings left out');
  };

  const strategies = input.strategies ?? spec.account.strategies.map((id) => createStrategy(id));
  const symbols = accountSymbols(input, strategies, warn);
  warnMissingDays(symbols, times, warn);
  const invocations: InvocationRecord[] = [];
  let now = times[0]!;
  const account = new BacktestAccount({
    spec: spec.account,
    capital: spec.capital,
    symbols,
    decider: input.decider,
    start: times[0]!,
    onInvocations: (records) => {
      for (const r of records) if (r.model !== null) invocations.push(r);
    },
    fills: (symbol) => ({ tickSize: tickSizeOf(symbol)!, ...spec.fills }),
    onFailure: (f) => warn(`${istDateKey(now)}: ${f}`),
  });

  const equity: EquityPoint[] = [];
  const days: DayEquity[] = [];
  const replayed = [...symbols.values()];
  let bars = 0;
  for (let i = 0; i < times.length; i++) {
    now = times[i]!;
    for (const { series, analyser } of replayed) bars += series.advance(now, analyser);
    const cycled = account.cycle(now);
    const point = cycled instanceof Promise ? await cycled : cycled;
    equity.push(point);
    const next = times[i + 1];
    if (next === undefined || istDayNumber(next) !== istDayNumber(now)) {
      days.push({ date: istDateKey(now), equity: point.equity });
      await input.onProgress?.({ done: i + 1, total: times.length, marketTime: now });
      input.signal?.throwIfAborted();
    }
  }
  return {
    spec,
    cycles: times.length,
    bars,
    orders: account.orders,
    trades: account.trades,
    equity,
    days,
    decisions: account.decisions,
    invocations,
    warnings,
  };
}

/** A validated series and an analyser per account stock. */
function accountSymbols(
  input: BacktestInput,
  strategies: readonly Strategy[],
  warn: (w: string) => void,
): Map<string, AccountSymbol> {
  const { spec } = input;
  const strategyIds = spec.account.strategies as readonly StrategyId[];
  const symbols = new Map<string, AccountSymbol>();
  for (const symbol of spec.account.stocks) {
    const bars = input.bars.get(symbol);
    if (!bars || bars.length === 0) throw new BacktestDataError(`no bars for ${symbol} in ${spec.data}`);
    const tickSize = tickSizeOf(symbol);
    if (tickSize === undefined) throw new BacktestDataError(`unknown symbol ${symbol}: no tick size`);
    let gaps: ReturnType<typeof assertValidCandles>;
    try {
      gaps = assertValidCandles(bars, '5m');
    } catch (error) {
      throw new BacktestDataError(`${symbol}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const first = gaps[0];
    if (first)
      warn(
        `${symbol}: ${gaps.length} gap(s) in the bars, the first of ${first.missing} bar(s) from ${iso(first.from)}`,
      );
    const series = new PointInTimeSeries(symbol, bars);
    const options = {
      series,
      strategies,
      strategyIds,
      tickSize,
      // An LLM's prompt shows indicators on every frame; the rules decider reads signals only.
      snapshotFrames: spec.decider.kind === 'llm',
    };
    const analyser: SymbolAnalyser = spec.analysis === 'window' ? windowAnalyser(options) : streamAnalyser(options);
    symbols.set(symbol, { series, analyser });
  }
  return symbols;
}

const iso = (t: number) => new Date(t).toISOString();

/** A trading day of the range without any bar of a symbol: its cycles ran on stale data, as live would. */
function warnMissingDays(
  symbols: ReadonlyMap<string, AccountSymbol>,
  times: readonly number[],
  warn: (w: string) => void,
) {
  const days = [...new Set(times.map((t) => istDateKey(t)))];
  for (const [symbol, { series }] of symbols) {
    const have = new Set(series.days());
    const missing = days.filter((d) => !have.has(d));
    if (missing.length > 0) warn(`${symbol}: no bars on ${missing.join(', ')} (those cycles saw stale data)`);
  }
}
