/**
 * What every strategy shares, written once: when a strategy may act and on what.
 *
 * {@link defineStrategy} turns a strategy's two rules (`entry`, `exit`) into a {@link Strategy}:
 * - it acts only when a bar of its signal timeframe has just closed;
 * - a position it opened gets the 15:15 square-off exit, else its own `exit` rule;
 * - when flat (in this symbol, whoever traded it), inside the 09:30–14:45 entry window and allowed by
 *   the re-entry limits, `entry` is asked for a long, then for a short.
 *
 * Convention in the rules: `d` is the direction (+1 long, −1 short) and `d * (a − b) > 0` reads
 * "a is beyond b in direction d" (above for a long, below for a short). NaN makes every such test
 * false, so an indicator still warming up never fires a rule.
 */
import { TIMEFRAME_MINUTES } from '../candles/timeframes';
import { NSE_CALENDAR } from '../calendar/calendar';
import { type FrameView } from '../indicators/frame';
import { type FrameNeeds } from '../indicators/needs';
import { type Direction } from '../indicators/smc/zone';
import { type Position, type Signal, type StrategyId, type Timeframe } from '../types';
import { exitSignal, NO_SIGNALS, squareOffExit } from './signals';
import { type Strategy, type StrategyContext } from './strategy';

const { entryStart, entryEnd, squareOff } = NSE_CALENDAR.minutes;
// Bound once: tsx (esbuild) compiles every imported binding into a getter, far too slow per bar.
const noSignals = NO_SIGNALS;

/** New entries are allowed from 09:30 up to (not including) 14:45 IST, as in the risk rules. */
export function entryWindowOpen(minuteOfDay: number): boolean {
  return minuteOfDay >= entryStart && minuteOfDay < entryEnd;
}

/** From 15:15 IST every intraday position must be closed (Dhan squares off from 15:20). */
export function squareOffDue(minuteOfDay: number): boolean {
  return minuteOfDay >= squareOff;
}

/** Direction of a position, 0 when flat or absent. */
export function positionDirection(position: Position | undefined): Direction | 0 {
  if (!position || position.quantity === 0) return 0;
  return position.quantity > 0 ? 1 : -1;
}

/** Whether the re-entry limits forbid an entry now (entries per day, bars to wait after a stop-out). */
export function reentryBlocked(ctx: StrategyContext, maxEntries: number, waitBars: number, tf: Timeframe): boolean {
  const activity = ctx.activity;
  if (!activity) return false;
  if (activity.entriesToday >= maxEntries) return true;
  const stopOut = activity.lastStopOutTime;
  return stopOut !== undefined && ctx.time < stopOut + waitBars * TIMEFRAME_MINUTES[tf] * 60_000;
}

export interface StrategyRules<P extends { readonly timeframe: Timeframe }> {
  readonly id: StrategyId;
  readonly params: Readonly<P>;
  /** Frames read besides the signal frame (`params.timeframe`). */
  readonly otherTimeframes: readonly Timeframe[];
  readonly emaPeriods: readonly number[];
  readonly warmupBars: number;
  /** Indicators read per frame (see {@link Strategy.indicators}); absent: all of them. */
  readonly indicators?: FrameNeeds;
  /** Entry in direction `d` at the bar that just closed on `f` (the signal frame), or undefined. */
  entry(ctx: StrategyContext, f: FrameView, d: Direction): Signal | undefined;
  /** Why to close this strategy's position of direction `d` now, or undefined to hold. */
  exit(ctx: StrategyContext, f: FrameView, d: Direction): string | undefined;
  /** Extra gate before entries (default: always allowed). */
  mayEnter?(ctx: StrategyContext): boolean;
}

/**
 * A strategy made of its rules. One class for every strategy (not a closure per strategy): the runner's
 * call to `evaluate` then always reaches the same function, which V8 can inline.
 */
class RuleStrategy<P extends { readonly timeframe: Timeframe }> implements Strategy<P> {
  readonly id: StrategyId;
  readonly params: Readonly<P>;
  readonly timeframes: readonly Timeframe[];
  readonly emaPeriods: readonly number[];
  readonly warmupBars: number;
  readonly indicators: FrameNeeds | undefined;
  private readonly tf: Timeframe;

  constructor(private readonly rules: StrategyRules<P>) {
    this.id = rules.id;
    this.params = rules.params;
    this.tf = rules.params.timeframe;
    this.timeframes = [this.tf, ...rules.otherTimeframes.filter((t) => t !== this.tf)];
    this.emaPeriods = rules.emaPeriods;
    this.warmupBars = rules.warmupBars;
    this.indicators = rules.indicators;
  }

  evaluate(ctx: StrategyContext): readonly Signal[] {
    const { id, tf, rules } = this;
    const f = ctx.frame(tf);
    if (f.lastCloseTime !== ctx.time) return noSignals;
    const held = positionDirection(ctx.position);
    if (held !== 0) {
      if (ctx.position!.strategy !== id) return noSignals;
      if (squareOffDue(ctx.minuteOfDay)) return squareOffExit(ctx, id, tf);
      const reason = rules.exit(ctx, f, held);
      return reason === undefined ? noSignals : [exitSignal(ctx, id, tf, reason)];
    }
    if (!entryWindowOpen(ctx.minuteOfDay) || (rules.mayEnter && !rules.mayEnter(ctx))) return noSignals;
    const signal = rules.entry(ctx, f, 1) ?? rules.entry(ctx, f, -1);
    return signal ? [signal] : noSignals;
  }
}

/** Builds a strategy from its entry and exit rules (see the module comment for what is shared). */
export function defineStrategy<P extends { readonly timeframe: Timeframe }>(rules: StrategyRules<P>): Strategy<P> {
  return new RuleStrategy(rules);
}
