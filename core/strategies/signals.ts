/**
 * Signal construction shared by the strategies: tick-rounded stops and targets, exits, reasons.
 */
import { TIMEFRAME_MINUTES } from '../candles/timeframes';
import { type Direction } from '../indicators/smc/zone';
import { ceilToTick, floorToTick, roundToTick } from '../ticks';
import { type Side, type Signal, type StrategyId, type Timeframe } from '../types';
import { type StrategyContext } from './strategy';

/** Returned when nothing fires: shared and frozen, so the hot path allocates nothing. */
export const NO_SIGNALS: readonly Signal[] = Object.freeze([]);

export type { Direction };

/** BUY for +1 (long), SELL for −1 (short). */
export const sideOf = (direction: Direction): Side => (direction === 1 ? 'BUY' : 'SELL');

export interface EntryPlan {
  readonly strategy: StrategyId;
  readonly timeframe: Timeframe;
  readonly direction: Direction;
  readonly strength: number;
  /** Unrounded protective stop; rounded here to the tick, away from the entry. */
  readonly stop: number;
  /** Target as a price, or as a multiple of the risk (entry ± R·|entry − stop|). */
  readonly target: { readonly price: number } | { readonly rewardRisk: number };
  readonly reason: string;
}

/**
 * Builds an entry signal at the last close of the plan's frame, or undefined when the rounded stop is
 * not on the losing side of the entry (no risk, no trade).
 */
export function entrySignal(ctx: StrategyContext, plan: EntryPlan): Signal | undefined {
  const entry = ctx.frame(plan.timeframe).close(0);
  const up = plan.direction === 1;
  const stop = up ? floorToTick(plan.stop, ctx.tickSize) : ceilToTick(plan.stop, ctx.tickSize);
  if (!(plan.direction * (entry - stop) > 0)) return undefined;
  const risk = Math.abs(entry - stop);
  const rawTarget = 'price' in plan.target ? plan.target.price : entry + plan.direction * plan.target.rewardRisk * risk;
  return {
    symbol: ctx.symbol,
    strategy: plan.strategy,
    timeframe: plan.timeframe,
    kind: 'entry',
    side: sideOf(plan.direction),
    strength: Math.min(1, Math.max(0, plan.strength)),
    entry,
    stop,
    target: roundToTick(rawTarget, ctx.tickSize),
    reason: plan.reason,
    time: ctx.time,
  };
}

/**
 * Builds an exit signal that closes the open position at the next open. Its `entry` is the last close
 * (the reference price) and its `stop` repeats the position's protective stop.
 */
export function exitSignal(ctx: StrategyContext, strategy: StrategyId, timeframe: Timeframe, reason: string): Signal {
  const position = ctx.position!;
  const close = ctx.frame(timeframe).close(0);
  return {
    symbol: ctx.symbol,
    strategy,
    timeframe,
    kind: 'exit',
    side: position.quantity > 0 ? 'SELL' : 'BUY',
    strength: 1,
    entry: close,
    stop: position.stopLoss ?? close,
    target: position.takeProfit,
    reason,
    time: ctx.time,
  };
}

/** The 15:15 square-off exit, shared by every strategy. */
export function squareOffExit(ctx: StrategyContext, strategy: StrategyId, timeframe: Timeframe): readonly Signal[] {
  return [exitSignal(ctx, strategy, timeframe, 'Time exit: flat by 15:15 IST before the broker squares off.')];
}

/** Below this a scaled number's rounding error (≤ 2⁻²⁴) cannot move it across a half. */
const FIXED_LIMIT = 1e9;
/** Scaled numbers this close to a half are left to `toFixed`, which rounds the exact binary value. */
const NEAR_HALF = 1e-6;

/**
 * `x.toFixed(decimals)` (0…3 decimals), the same string but several times faster for the prices and
 * ratios that reasons print: `toFixed` takes ~0.3 µs, and a signal's reason prints two or three
 * numbers. Negative, huge, non-finite and near-half inputs go to `toFixed` itself.
 */
export function fixed(x: number, decimals: number): string {
  const scale = decimals === 2 ? 100 : 10 ** decimals;
  const scaled = x * scale;
  const fraction = scaled - Math.floor(scaled);
  if (!(scaled >= 0 && scaled < FIXED_LIMIT) || Math.abs(fraction - 0.5) < NEAR_HALF || decimals > 3) {
    return x.toFixed(decimals);
  }
  const n = Math.round(scaled);
  if (decimals === 0) return String(n);
  const whole = Math.floor(n / scale);
  const digits = String(n - whole * scale);
  return `${whole}.${'000'.slice(digits.length + 3 - decimals)}${digits}`;
}

/** Price with two decimals, for reasons. */
export const px = (price: number): string => fixed(price, 2);

/** Number of 5-minute base bars spanning `bars` bars of `tf` (daily = one 75-bar session). */
export function baseBarsFor(tf: Timeframe, bars: number): number {
  return Math.ceil((bars * TIMEFRAME_MINUTES[tf]) / TIMEFRAME_MINUTES['5m']);
}

/** 5-minute bars in one session (09:15–15:30). */
export const BARS_PER_SESSION = baseBarsFor('1d', 1);
