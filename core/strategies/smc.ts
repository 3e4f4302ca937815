/**
 * Smart Money Concepts composite (strategies.md §1.4, "a testable composite SMC long"), both ways:
 *
 * 1. Bias: the last structure event on the 15m frame is bullish (BOS or CHoCH).
 * 2. Trigger on 5m: a sweep of sell-side liquidity (PDL, equal lows, opening-range low), then a bullish
 *    CHoCH within 6 bars.
 * 3. Entry: when price first trades back into the bullish order block or fair value gap of the CHoCH
 *    leg, within 12 bars of the CHoCH and before 14:45, and only if the zone top is in discount of the
 *    leg (below the midpoint of sweep low … leg high). The signal is taken at that bar's close; the
 *    fill comes at the next open, as for every strategy.
 * 4. Stop: the sweep low (the lowest low since the sweep) minus one tick.
 * 5. Target: the nearest buy-side liquidity above the entry (last swing high, PDH, equal highs),
 *    taken only if it is ≥ 2 R away.
 * Shorts mirror. Exits: the opposite CHoCH on the signal frame, or the 15:15 time exit.
 */
import { z } from 'zod';
import { type FrameView } from '../indicators/frame';
import { frameNeeds } from '../indicators/needs';
import { type StructureEvent } from '../indicators/smc/structure';
import { type Zone } from '../indicators/smc/zone';
import { type Signal } from '../types';
import { defineStrategy } from './define';
import { parseParams, timeframeSchema } from './params';
import { BARS_PER_SESSION, type Direction, entrySignal, px } from './signals';
import { type Strategy, type StrategyContext } from './strategy';

export const smcParamsSchema = z
  .object({
    timeframe: timeframeSchema.default('5m'),
    biasTimeframe: timeframeSchema.default('15m'),
    /** Bars allowed from the sweep to the CHoCH. */
    sweepToChochBars: z.number().int().min(0).default(6),
    /** Bars after the CHoCH during which the zone may be entered (the limit order's life). */
    entryExpiryBars: z.number().int().min(1).default(12),
    zones: z.enum(['either', 'orderBlock', 'fairValueGap']).default('either'),
    minRewardRisk: z.number().positive().default(2),
  })
  .strict();

export type SmcParams = z.output<typeof smcParamsSchema>;

/** Whether price first traded into `zone` at the bar `now` and has not broken it. */
function enteredNow(zone: Zone | undefined, now: number): zone is Zone {
  return zone !== undefined && zone.touchedIndex === now && zone.brokenIndex < 0;
}

/** The order block or fair value gap of the CHoCH leg that price entered at this very bar, if any. */
function enteredZone(p: SmcParams, f: FrameView, event: StructureEvent, sweepIndex: number): Zone | undefined {
  const s = f.structure;
  const now = f.count - 1;
  const block = event.direction === 1 ? s.bullishBlock : s.bearishBlock;
  if (p.zones !== 'fairValueGap' && enteredNow(block, now) && block.detectedIndex === event.index) return block;
  const gap = event.direction === 1 ? s.bullishGap : s.bearishGap;
  const gapInLeg = gap !== undefined && gap.detectedIndex >= sweepIndex && gap.detectedIndex <= event.index;
  if (p.zones !== 'orderBlock' && enteredNow(gap, now) && gapInLeg) return gap;
  return undefined;
}

/** The nearest opposing liquidity beyond `price` in direction `d` (NaN when there is none). */
function nearestLiquidity(ctx: StrategyContext, f: FrameView, d: Direction, price: number): number {
  const s = f.structure;
  const levels =
    d === 1
      ? [s.lastSwingHigh, ctx.session.prevHigh, ...s.liquidity.buySide]
      : [s.lastSwingLow, ctx.session.prevLow, ...s.liquidity.sellSide];
  let best = NaN;
  for (const level of levels) {
    if (d * (level - price) > 0 && !(d * (level - best) > 0)) best = level;
  }
  return best;
}

function entry(p: SmcParams, ctx: StrategyContext, f: FrameView, d: Direction): Signal | undefined {
  const event = f.structure.lastEvent;
  if (!event || event.direction !== d || event.kind !== 'CHoCH') return undefined;
  const sweep = event.sweep;
  const latestSweep = d === 1 ? f.structure.liquidity.lastSellSweep : f.structure.liquidity.lastBuySweep;
  // The sweep must precede the CHoCH closely, and no newer sweep may have replaced the leg.
  if (!sweep || sweep !== latestSweep || event.index - sweep.index > p.sweepToChochBars) return undefined;
  const sinceChoch = f.count - 1 - event.index;
  if (sinceChoch < 1 || sinceChoch > p.entryExpiryBars) return undefined;
  if (ctx.frame(p.biasTimeframe).structure.lastEvent?.direction !== d) return undefined;
  const zone = enteredZone(p, f, event, sweep.index);
  if (!zone) return undefined;
  const equilibrium = (sweep.extreme + sweep.legExtreme) / 2;
  if (d * (zone.nearEdge - equilibrium) > 0) return undefined; // a long's zone in premium: skip
  const target = nearestLiquidity(ctx, f, d, f.now.close);
  if (Number.isNaN(target)) return undefined;
  const signal = entrySignal(ctx, {
    strategy: 'smc',
    timeframe: p.timeframe,
    direction: d,
    strength: zone.kind === 'orderBlock' ? 0.75 : 0.6,
    stop: sweep.extreme - d * ctx.tickSize,
    target: { price: target },
    reason: `SMC ${d === 1 ? 'long' : 'short'}: ${d === 1 ? 'sell' : 'buy'}-side sweep of ${px(sweep.level)}, ${d === 1 ? 'bullish' : 'bearish'} CHoCH of ${px(event.level)}, retest of the ${zone.kind === 'orderBlock' ? 'order block' : 'fair value gap'} ${px(zone.bottom)}–${px(zone.top)} in ${d === 1 ? 'discount' : 'premium'}; target liquidity ${px(target)}.`,
  });
  if (!signal) return undefined;
  const reward = Math.abs(signal.target! - signal.entry);
  return reward >= p.minRewardRisk * Math.abs(signal.entry - signal.stop) ? signal : undefined;
}

function exitReason(f: FrameView, d: Direction): string | undefined {
  const event = f.structure.lastEvent;
  const flipped = event?.kind === 'CHoCH' && event.direction === -d && event.index === f.count - 1;
  return flipped ? `Opposite CHoCH of ${px(event.level)}.` : undefined;
}

/** Creates the SMC strategy; `input` holds parameter overrides (validated). */
export function createSmcStrategy(input?: unknown): Strategy<SmcParams> {
  const p = parseParams('smc', smcParamsSchema, input);
  return defineStrategy({
    id: 'smc',
    params: p,
    otherTimeframes: [p.biasTimeframe],
    emaPeriods: [],
    // The previous session's high/low and enough bias-frame bars for a structure event.
    warmupBars: 2 * BARS_PER_SESSION,
    // Zones (order blocks, gaps, liquidity) only on the signal frame: the bias reads the last break.
    indicators: frameNeeds([p.timeframe, ['zones']], [p.biasTimeframe, ['structure']]),
    entry: (ctx, f, d) => entry(p, ctx, f, d),
    exit: (_ctx, f, d) => exitReason(f, d),
  });
}
