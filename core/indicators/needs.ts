/**
 * Which indicators a frame computes. Every indicator costs time on every bar, so a backtest builds
 * only what its strategies read, while the live cycle and the dashboard ask for everything the
 * snapshot shows. A frame that is not told otherwise computes everything.
 */
import { type Timeframe } from '../types';

/**
 * An indicator group of a frame:
 * - `vwap`: session VWAP, its σ and slope (and `vwapAt` history);
 * - `ema`: the EMAs of the engine's `emaPeriods`;
 * - `rsi`, `atr`, `macd`, `rvol`: RSI(14), ATR(14), MACD(12/26/9), relative volume;
 * - `structure`: SMC swings, BOS/CHoCH and trend (what the snapshot shows and a bias reads);
 * - `zones`: SMC order blocks, fair value gaps, liquidity pools and sweeps (implies `structure`, and
 *   `atr` for the gap filter).
 */
export type FrameIndicator = 'vwap' | 'ema' | 'rsi' | 'atr' | 'macd' | 'rvol' | 'structure' | 'zones';

/** Indicators wanted per frame; a frame left out computes everything. */
export type FrameNeeds = Partial<Record<Timeframe, readonly FrameIndicator[]>>;

export const ALL_FRAME_INDICATORS: readonly FrameIndicator[] = Object.freeze([
  'vwap',
  'ema',
  'rsi',
  'atr',
  'macd',
  'rvol',
  'structure',
  'zones',
]);

/** What `frameSnapshot` shows: everything but the SMC zones. */
export const SNAPSHOT_INDICATORS: readonly FrameIndicator[] = Object.freeze(
  ALL_FRAME_INDICATORS.filter((x) => x !== 'zones'),
);

/** `indicators` with the ones they imply added (`zones` needs `structure` and `atr`). */
export function withImplied(indicators: readonly FrameIndicator[]): Set<FrameIndicator> {
  const set = new Set(indicators);
  if (set.has('zones')) {
    set.add('structure');
    set.add('atr');
  }
  return set;
}

/**
 * Adds `indicators` to the needs of `tf` in `needs` (a union: asking twice for a frame keeps both).
 * @example addNeeds(needs, '15m', ['ema', 'structure'])
 */
export function addNeeds(
  needs: Partial<Record<Timeframe, FrameIndicator[]>>,
  tf: Timeframe,
  indicators: readonly FrameIndicator[],
): void {
  const list = (needs[tf] ??= []);
  for (const x of indicators) if (!list.includes(x)) list.push(x);
}

/**
 * Needs from `[timeframe, indicators]` pairs, merging pairs of the same frame (a strategy whose trend
 * frame is its signal frame).
 * @example frameNeeds(['5m', ['vwap', 'atr']], ['15m', ['ema']])
 */
export function frameNeeds(...pairs: ReadonlyArray<readonly [Timeframe, readonly FrameIndicator[]]>): FrameNeeds {
  const needs: Partial<Record<Timeframe, FrameIndicator[]>> = {};
  for (const [tf, indicators] of pairs) addNeeds(needs, tf, indicators);
  return needs;
}
