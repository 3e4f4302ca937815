/**
 * The whole backtest, proven causal by truncation (freqtrade's lookahead analysis, applied to orders
 * rather than signals): the orders placed up to market time `cut` must not change when every bar
 * that closes after `cut` is removed. Anything that peeks at later bars — a strategy, a decider, a
 * fill — decides differently on the truncated data and is reported.
 */
import { type Candle } from '../../core/types';
import { type BacktestOrder } from './book';
import { type BacktestRun } from './run';

const BAR_MS = 5 * 60_000;

export interface BacktestLookahead {
  readonly cut: number;
  /** Orders up to `cut` with all the data, and with the data cut there. */
  readonly full: readonly BacktestOrder[];
  readonly truncated: readonly BacktestOrder[];
}

/** The bars that have closed by `cut`. */
export function barsClosedBy(bars: ReadonlyMap<string, readonly Candle[]>, cut: number): Map<string, Candle[]> {
  return new Map([...bars].map(([symbol, series]) => [symbol, series.filter((b) => b.time + BAR_MS <= cut)]));
}

/** At most this many cuts when they are taken from the orders. */
const MAX_CUTS = 12;

/**
 * Runs `run` on all the bars and on the bars closed by each cut; returns the first cut whose orders
 * differ, or undefined when the backtest is causal at every cut. A cheat shows at the cycle it acts
 * on, so the default cuts are the times of the full run's orders (up to twelve, spread out).
 *
 * @param run builds everything from the bars it is given (strategies and decider included).
 */
export async function findBacktestLookahead(
  run: (bars: ReadonlyMap<string, readonly Candle[]>) => Promise<BacktestRun>,
  bars: ReadonlyMap<string, readonly Candle[]>,
  cuts?: readonly number[],
): Promise<BacktestLookahead | undefined> {
  const all = (await run(bars)).orders;
  const times = [...new Set(all.map((o) => o.time))];
  const chosen = cuts ?? times.filter((_, i) => i % Math.max(1, Math.ceil(times.length / MAX_CUTS)) === 0);
  for (const cut of chosen) {
    const full = all.filter((o) => o.time <= cut);
    const truncated = (await run(barsClosedBy(bars, cut))).orders.filter((o) => o.time <= cut);
    if (JSON.stringify(full) !== JSON.stringify(truncated)) return { cut, full, truncated };
  }
  return undefined;
}
