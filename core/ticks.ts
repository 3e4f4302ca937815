/**
 * Rounding of prices to the instrument's tick and of money to paise or rupees.
 *
 * Binary floating point cannot hold 0.1 or 0.05 exactly, so `1397.2 / 0.1` is 13971.999…: every
 * function here counts whole ticks with a tiny relative tolerance first, then prints the result
 * with the tick's own number of decimals so that `roundToTick(1397.2, 0.1)` is exactly `1397.2`.
 */
import { instrumentOf } from './instruments';
import { type Candle } from './types';

/** Tolerance, in units of the value being rounded, for floating-point noise. */
const RELATIVE_EPSILON = 1e-9;
/** Below this many grid steps a product of whole numbers is exact in a double (2^53) with room to spare. */
const MAX_EXACT_STEPS = 2 ** 50;

function tolerance(units: number): number {
  return RELATIVE_EPSILON * Math.max(1, Math.abs(units));
}

// A desk knows a handful of tick sizes: their decimals are worked out once each.
const decimalsByStep = new Map<number, number>();

/** Number of decimals needed to print `step` exactly (0.05 → 2, 0.1 → 1, 1 → 0). */
function decimalsOf(step: number): number {
  const known = decimalsByStep.get(step);
  if (known !== undefined) return known;
  let decimals = 10;
  for (let d = 0; d <= 10; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9) {
      decimals = d;
      break;
    }
  }
  if (decimalsByStep.size < 64) decimalsByStep.set(step, decimals);
  return decimals;
}

function assertTick(tick: number): void {
  if (!(tick > 0) || !Number.isFinite(tick)) throw new RangeError(`tick size must be a positive number, got ${tick}`);
}

// The grid of the last tick seen: strategies round with one tick over and over, and `toFixed` is slow
// (~0.2 µs), so a tick that is an exact decimal (0.05 = 5/100) gets whole-number arithmetic instead.
let gridTick = NaN;
let gridScale = 1;
let gridSteps = NaN;

function onGrid(units: number, tick: number): number {
  if (tick !== gridTick) {
    const scale = 10 ** decimalsOf(tick);
    gridTick = tick;
    gridScale = scale;
    gridSteps = tick * scale === Math.round(tick * scale) ? Math.round(tick * scale) : NaN;
  }
  const steps = units * gridSteps;
  // units·steps is a whole number, so one correctly rounded division gives the double nearest the
  // decimal price, exactly what parsing `toFixed` gives (+ 0 turns −0 into 0, as the string would).
  if (Math.abs(steps) < MAX_EXACT_STEPS) return steps / gridScale + 0;
  return Number((units * tick).toFixed(decimalsOf(tick)));
}

/** The nearest price on the tick grid (halves round up). */
export function roundToTick(price: number, tick: number): number {
  assertTick(tick);
  const units = price / tick;
  return onGrid(Math.floor(units + 0.5 + tolerance(units)), tick);
}

/** A bar read from a file, its prices on the tick grid and its volume a whole number of shares. */
export function barOnTicks(
  time: number,
  [open, high, low, close, volume]: readonly [number, number, number, number, number],
  tick: number,
): Candle {
  return {
    time,
    open: roundToTick(open, tick),
    high: roundToTick(high, tick),
    low: roundToTick(low, tick),
    close: roundToTick(close, tick),
    volume: Math.round(volume),
  };
}

/** The highest price on the tick grid at or below `price`. */
export function floorToTick(price: number, tick: number): number {
  assertTick(tick);
  const units = price / tick;
  return onGrid(Math.floor(units + tolerance(units)), tick);
}

/** The lowest price on the tick grid at or above `price`. */
export function ceilToTick(price: number, tick: number): number {
  assertTick(tick);
  const units = price / tick;
  return onGrid(Math.ceil(units - tolerance(units)), tick);
}

/** Whether `price` lies on the tick grid (within floating-point noise). */
export function isOnTick(price: number, tick: number): boolean {
  assertTick(tick);
  const units = price / tick;
  return Math.abs(units - Math.round(units)) <= tolerance(units);
}

/** Whole ticks between two prices (`|a − b| / tick`, rounded to the nearest tick). */
export function ticksBetween(a: number, b: number, tick: number): number {
  assertTick(tick);
  const units = Math.abs(a - b) / tick;
  return Math.floor(units + 0.5 + tolerance(units));
}

/**
 * Rounds a stop price to the tick, away from the entry: down for a long's stop (below the entry),
 * up for a short's stop (above it), so rounding never tightens the stop.
 */
export function roundStopAwayFromEntry(stop: number, entry: number, tick: number): number {
  return stop <= entry ? floorToTick(stop, tick) : ceilToTick(stop, tick);
}

/** The instrument's tick size, or `undefined` for a symbol the desk does not know. */
export function tickSizeOf(symbol: string): number | undefined {
  return instrumentOf(symbol)?.tickSize;
}

/** Rounds half away from zero to `decimals` places, tolerant of floating-point noise (1.005 → 1.01). */
export function roundHalfUp(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const scaled = Math.abs(value) * scale;
  const rounded = Math.floor(scaled + 0.5 + tolerance(scaled)) / scale;
  // `rounded === 0` check avoids returning -0 for tiny negative amounts.
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Money to whole paise (2 decimals). */
export function roundPaise(rupees: number): number {
  return roundHalfUp(rupees, 2);
}

/** Money to whole rupees. */
export function roundRupee(rupees: number): number {
  return roundHalfUp(rupees, 0);
}
