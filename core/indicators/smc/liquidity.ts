import { RingBuffer } from '../ring';
import { type BarPrices, type Direction } from './zone';

/** Levels known from outside the frame: previous session and today's opening range (NaN = unknown). */
export interface SessionLevels {
  readonly prevHigh: number;
  readonly prevLow: number;
  readonly openingHigh: number;
  readonly openingLow: number;
}

/**
 * A stop hunt: the wick went through a liquidity level and the close came back.
 * `extreme` and `legExtreme` keep moving with later bars: the lowest low and highest high since a
 * sell-side sweep (the mirror for buy-side), i.e. the leg that a reversal trades.
 */
export class Sweep {
  // Declared with a number, not as constructor parameters (which start out undefined): V8 then keeps
  // them as number fields that bar after bar are updated in place instead of boxed anew.
  extreme = NaN;
  legExtreme = NaN;

  constructor(
    /** −1: sell-side liquidity (lows) swept, a bullish hint; +1: buy-side (highs) swept. */
    readonly side: Direction,
    readonly index: number,
    readonly level: number,
    extreme: number,
    legExtreme: number,
  ) {
    this.extreme = extreme;
    this.legExtreme = legExtreme;
  }
}

/** No levels known from outside the frame (the daily frame has no previous session in view). */
const NO_LEVELS: SessionLevels = Object.freeze({ prevHigh: NaN, prevLow: NaN, openingHigh: NaN, openingLow: NaN });

/** How many recent swing points are compared when looking for equal highs/lows. */
const RECENT_SWINGS = 5;
/** Most pools kept per side; the oldest goes first. */
const MAX_POOLS = 8;

/**
 * Liquidity pools (equal highs/lows) and sweeps, streaming and causal.
 *
 * - Equal highs: a new confirmed swing high within τ of a recent one forms a buy-side pool at the max of
 *   the group; equal lows the mirror (sell-side pool at the min). τ = `tolerance` × the current close:
 *   never derived from the whole series (the look-ahead of the popular Python library).
 * - Sweep of buy-side level X at bar t: H_t > X and C_t < X; of sell-side X: L_t < X and C_t > X. Pools
 *   and the session levels (PDH/PDL, opening range) are checked; a pool is removed once swept or closed
 *   through.
 */
export class LiquidityTracker {
  readonly buySide: number[] = [];
  readonly sellSide: number[] = [];
  lastSellSweep: Sweep | undefined;
  lastBuySweep: Sweep | undefined;
  private readonly recentHighs = new RingBuffer(RECENT_SWINGS);
  private readonly recentLows = new RingBuffer(RECENT_SWINGS);
  // The nearest pool on each side: a bar that does not reach it, nor a session level, cannot sweep
  // or take anything on that side, so most bars skip the side entirely.
  private sellReach = -Infinity;
  private buyReach = Infinity;

  constructor(readonly tolerance: number) {}

  /** Records a confirmed swing high; may form or raise a buy-side pool. */
  addSwingHigh(level: number, price: number): void {
    addEqual(this.recentHighs, this.buySide, level, this.tolerance * price, 1);
    this.buyReach = lowest(this.buySide);
  }

  /** Records a confirmed swing low; may form or lower a sell-side pool. */
  addSwingLow(level: number, price: number): void {
    addEqual(this.recentLows, this.sellSide, level, this.tolerance * price, -1);
    this.sellReach = highest(this.sellSide);
  }

  update(index: number, bar: Omit<BarPrices, 'open'>, levels: SessionLevels = NO_LEVELS): void {
    const { high, low, close } = bar;
    this.extendLegs(bar);
    // Read from an object in both cases, never `levels ? levels.prevLow : NaN`: V8 would box every
    // number read on every bar to merge it with a NaN it has never seen used.
    const { prevLow, openingLow } = levels;
    // Taking a pool needs the low below it; sweeping a session level, the level inside the lower
    // wick. Anything else leaves this side as it is (NaN compares false: an unknown level).
    if (low < this.sellReach || (low < prevLow && close > prevLow) || (low < openingLow && close > openingLow)) {
      const sell = sweepSide(this.sellSide, -1, levels, bar);
      this.sellReach = highest(this.sellSide);
      if (!Number.isNaN(sell)) this.lastSellSweep = new Sweep(-1, index, sell, low, high);
    }
    const { prevHigh, openingHigh } = levels;
    if (high > this.buyReach || (high > prevHigh && close < prevHigh) || (high > openingHigh && close < openingHigh)) {
      const buy = sweepSide(this.buySide, 1, levels, bar);
      this.buyReach = lowest(this.buySide);
      if (!Number.isNaN(buy)) this.lastBuySweep = new Sweep(1, index, buy, high, low);
    }
  }

  private extendLegs(bar: Omit<BarPrices, 'open'>): void {
    const { high, low } = bar;
    const sell = this.lastSellSweep;
    if (sell) {
      if (low < sell.extreme) sell.extreme = low;
      if (high > sell.legExtreme) sell.legExtreme = high;
    }
    const buy = this.lastBuySweep;
    if (buy) {
      if (high > buy.extreme) buy.extreme = high;
      if (low < buy.legExtreme) buy.legExtreme = low;
    }
  }
}

/** Adds a swing point to `recent`; when an earlier one lies within `tau`, forms or widens a pool. */
function addEqual(recent: RingBuffer, pools: number[], level: number, tau: number, side: Direction): void {
  let group = NaN;
  for (let back = 0; back < recent.size; back++) {
    const other = recent.get(back);
    if (Math.abs(other - level) <= tau) group = Number.isNaN(group) ? other : pick(side, group, other);
  }
  recent.push(level);
  if (Number.isNaN(group)) return;
  const poolLevel = pick(side, group, level);
  // A plain loop: `findIndex` would allocate a closure per call.
  for (let i = 0; i < pools.length; i++) {
    if (Math.abs(pools[i]! - poolLevel) <= tau) {
      pools[i] = pick(side, pools[i]!, poolLevel);
      return;
    }
  }
  pools.push(poolLevel);
  if (pools.length > MAX_POOLS) pools.shift();
}

/** The highest pool (−Infinity when none), by a loop: `Math.max(...pools)` spreads on every call. */
function highest(pools: readonly number[]): number {
  let best = -Infinity;
  for (let i = 0; i < pools.length; i++) if (pools[i]! > best) best = pools[i]!;
  return best;
}

/** The lowest pool (Infinity when none). */
function lowest(pools: readonly number[]): number {
  let best = Infinity;
  for (let i = 0; i < pools.length; i++) if (pools[i]! < best) best = pools[i]!;
  return best;
}

/** The higher of two levels for buy-side pools, the lower for sell-side. */
function pick(side: Direction, a: number, b: number): number {
  return side === 1 ? Math.max(a, b) : Math.min(a, b);
}

/** The more extreme of `current` (NaN = none yet) and `x` on `side`. */
function further(side: Direction, current: number, x: number): number {
  return Number.isNaN(current) ? x : pick(side, current, x);
}

/** Whether a bar sweeps level `x`: sell-side (−1) wick below and close above; buy-side the mirror. */
function sweeps(side: Direction, x: number, high: number, low: number, close: number): boolean {
  return side === -1 ? low < x && close > x : high > x && close < x;
}

/**
 * Checks one side's pools and the session levels of that side (previous session, opening range)
 * against a bar. Removes pools that are swept or closed through, and returns the most extreme level
 * swept (lowest sell-side, highest buy-side) or NaN. Levels and bar come as objects: a call V8 does
 * not inline boxes every number passed (an allocation each).
 */
function sweepSide(pools: number[], side: Direction, levels: SessionLevels, bar: Omit<BarPrices, 'open'>): number {
  const { high, low, close } = bar;
  const sessionLevelA = side === -1 ? levels.prevLow : levels.prevHigh;
  const sessionLevelB = side === -1 ? levels.openingLow : levels.openingHigh;
  let swept = NaN;
  for (let i = pools.length - 1; i >= 0; i--) {
    const level = pools[i]!;
    const closedThrough = side === -1 ? close < level : close > level;
    if (sweeps(side, level, high, low, close)) swept = further(side, swept, level);
    else if (!closedThrough) continue;
    pools.splice(i, 1);
  }
  if (sweeps(side, sessionLevelA, high, low, close)) swept = further(side, swept, sessionLevelA);
  if (sweeps(side, sessionLevelB, high, low, close)) swept = further(side, swept, sessionLevelB);
  return swept;
}
