/**
 * VWAP strategy (strategies.md §1.1): session-VWAP cross with volume (momentum) and trend pullback to
 * VWAP (continuation), long and short.
 *
 * - Cross: C_{k−1} ≤ VWAP_{k−1} and C_k > VWAP_k, RVOL_k ≥ 1.5, close in the upper half of the bar.
 * - Pullback: ≥ 6 of the last 8 closes above VWAP, VWAP slope > 0, L_k ≤ VWAP_k·1.001 and C_k > VWAP_k
 *   (a rejected touch), optionally RVOL ≥ `pullbackMinRvol`.
 * - Stop = VWAP·(1 − 0.2 %) rounded down to the tick (shorts mirror), frozen at entry; target 2 R.
 * - Exits: `frozen` stop mode exits on a close back through VWAP by more than the buffer; `trailing`
 *   mode instead treats VWAP·(1 − buffer) as a stop that moves with VWAP and exits when a bar's low
 *   reaches the level it had at the previous close (filled at the next open). Time exit at 15:15.
 * - Re-entry: at most 2 entries per symbol per day, none within 2 bars of a stop-out.
 */
import { z } from 'zod';
import { type FrameView } from '../indicators/frame';
import { frameNeeds } from '../indicators/needs';
import { defineStrategy, reentryBlocked } from './define';
import { parseParams, priceFraction, timeframeSchema } from './params';
import { BARS_PER_SESSION, type Direction, entrySignal, fixed, px } from './signals';
import { type Strategy, type StrategyContext } from './strategy';

export const vwapParamsSchema = z
  .object({
    timeframe: timeframeSchema.default('5m'),
    variants: z
      .array(z.enum(['cross', 'pullback']))
      .min(1)
      .default(['cross', 'pullback']),
    /** Cross: minimum relative volume of the crossing bar. */
    minRvol: z.number().nonnegative().default(1.5),
    /** Pullback: minimum relative volume of the rejection bar (0 = filter off). */
    pullbackMinRvol: z.number().nonnegative().default(0),
    /** Pullback: how close to VWAP the low must come (0.001 = within 0.1 % above it). */
    touchBuffer: z.number().min(0).max(0.05).default(0.001),
    trendBars: z.number().int().min(1).max(64).default(8),
    trendMinCloses: z.number().int().min(1).default(6),
    /** Stop distance beyond VWAP as a fraction (0.002 = 0.2 %). */
    stopBuffer: priceFraction.default(0.002),
    stopMode: z.enum(['frozen', 'trailing']).default('frozen'),
    rewardRisk: z.number().positive().default(2),
    maxEntriesPerDay: z.number().int().min(1).default(2),
    waitBarsAfterStop: z.number().int().min(0).default(2),
  })
  .strict()
  .refine((p) => p.trendMinCloses <= p.trendBars, { message: 'trendMinCloses cannot exceed trendBars' });

export type VwapParams = z.output<typeof vwapParamsSchema>;

/** Closes beyond VWAP in direction `d` among the last `bars` bars. */
function closesBeyondVwap(f: FrameView, d: Direction, bars: number): number {
  let count = 0;
  for (let back = 0; back < bars; back++) if (d * (f.close(back) - f.vwapAt(back)) > 0) count++;
  return count;
}

/** Variant A: the close crosses VWAP on strong volume and ends in the outer half of the bar. */
function crossPlan(p: VwapParams, f: FrameView, d: Direction) {
  const v = f.now;
  const crossed = d * (f.prev.close - f.prev.vwap) <= 0 && d * (v.close - v.vwap) > 0;
  const midpoint = (f.now.high + f.now.low) / 2;
  if (!crossed || !(v.rvol >= p.minRvol) || !(d * (v.close - midpoint) > 0)) return undefined;
  return {
    strength: v.rvol / (2 * p.minRvol),
    reason: `VWAP cross ${d === 1 ? 'up' : 'down'}: close ${px(v.close)} vs VWAP ${px(v.vwap)} on RVOL ${fixed(v.rvol, 1)}, close in the ${d === 1 ? 'upper' : 'lower'} half of the bar.`,
  };
}

/** Variant B: in a VWAP trend, a bar touches VWAP and closes back on the trend side. */
function pullbackPlan(p: VwapParams, f: FrameView, d: Direction) {
  const v = f.now;
  const extreme = d === 1 ? f.now.low : f.now.high;
  const touched = d * (extreme - v.vwap * (1 + d * p.touchBuffer)) <= 0;
  const trending = d * v.vwapSlope > 0;
  const volumeOk = p.pullbackMinRvol === 0 || v.rvol >= p.pullbackMinRvol;
  if (!touched || !trending || !volumeOk || !(d * (v.close - v.vwap) > 0)) return undefined;
  const closes = closesBeyondVwap(f, d, p.trendBars);
  if (closes < p.trendMinCloses) return undefined;
  return {
    strength: closes / p.trendBars,
    reason: `VWAP pullback ${d === 1 ? 'long' : 'short'}: ${closes} of the last ${p.trendBars} closes ${d === 1 ? 'above' : 'below'} a ${d === 1 ? 'rising' : 'falling'} VWAP ${px(v.vwap)}, touch rejected at ${px(v.close)}.`,
  };
}

function exitReason(p: VwapParams, f: FrameView, d: Direction): string | undefined {
  const v = f.now;
  if (p.stopMode === 'frozen') {
    const level = v.vwap * (1 - d * p.stopBuffer);
    return d * (v.close - level) < 0
      ? `Close ${px(v.close)} back through VWAP ${px(v.vwap)} by more than the stop buffer.`
      : undefined;
  }
  // The trailing stop rested during this bar at the level set by the previous close.
  const trailing = f.prev.vwap * (1 - d * p.stopBuffer);
  const extreme = d === 1 ? f.now.low : f.now.high;
  return d * (extreme - trailing) <= 0 ? `Trailing VWAP stop ${px(trailing)} reached.` : undefined;
}

/** Creates the VWAP strategy; `input` holds parameter overrides (validated). */
export function createVwapStrategy(input?: unknown): Strategy<VwapParams> {
  const p = parseParams('vwap', vwapParamsSchema, input);
  const entry = (ctx: StrategyContext, f: FrameView, d: Direction) => {
    // Both variants need the close beyond VWAP in the trade's direction: settle that first.
    if (!(d * (f.now.close - f.now.vwap) > 0)) return undefined;
    for (const variant of p.variants) {
      const plan = variant === 'cross' ? crossPlan(p, f, d) : pullbackPlan(p, f, d);
      if (!plan) continue;
      const stop = f.now.vwap * (1 - d * p.stopBuffer);
      return entrySignal(ctx, {
        strategy: 'vwap',
        timeframe: p.timeframe,
        direction: d,
        stop,
        target: { rewardRisk: p.rewardRisk },
        ...plan,
      });
    }
    return undefined;
  };
  return defineStrategy({
    id: 'vwap',
    params: p,
    otherTimeframes: [],
    emaPeriods: [],
    // RVOL compares with the same bar of the previous 10 sessions.
    warmupBars: 11 * BARS_PER_SESSION,
    indicators: frameNeeds([p.timeframe, ['vwap', 'rvol']]),
    entry,
    exit: (_ctx, f, d) => exitReason(p, f, d),
    mayEnter: (ctx) => !reentryBlocked(ctx, p.maxEntriesPerDay, p.waitBarsAfterStop, p.timeframe),
  });
}
