/**
 * Position sizing: how many shares one entry may buy or short (strategies.md §1.0).
 *
 *   riskAmount  = riskPerTradePct % × capital          (capital = equity at the start of the day)
 *   d           = |entry − stop|, stop rounded to the tick away from the entry
 *   byRisk      = floor(riskAmount / d)
 *   byBuyingPower = floor(equity × leverage / (maxOpenPositions × entry))
 *   quantity    = min(byRisk, byBuyingPower); skip when quantity < 1 or d < 2 ticks
 *
 * Why start-of-day equity for the risk budget: it stays fixed through the session, so a losing
 * morning does not shrink, and a winning one does not inflate, every later trade of the day
 * (no intraday martingale), and every decision of the day can be re-derived from one number.
 * Buying power uses current equity (cash plus marked positions; equal to cash when flat), split
 * evenly over the position slots so the last slot of the day is as large as the first.
 */
import { roundStopAwayFromEntry, ticksBetween } from '../ticks';
import { type Side } from '../types';

/** Stops closer than this many ticks sit inside the bid-ask noise: no trade. */
export const MIN_STOP_TICKS = 2;

export interface SizingInput {
  readonly side: Side;
  /** Expected entry price (the last close, or the limit price). */
  readonly entry: number;
  /** Protective stop; rounded here to the tick away from the entry. */
  readonly stop: number;
  readonly tickSize: number;
  /** Allocated capital the risk budget is a share of: the account's equity at the start of the day. */
  readonly capital: number;
  /** Current equity, for buying power. */
  readonly equity: number;
  /** Per-trade risk in percent of `capital` (2 = 2 %). */
  readonly riskPerTradePct: number;
  /** Buying power as a multiple of equity: the intraday (MIS) leverage, 1 for delivery. */
  readonly leverage: number;
  /** Position slots sharing the buying power. */
  readonly maxOpenPositions: number;
}

export type SizingSkip = 'bad-input' | 'stop-wrong-side' | 'stop-too-close' | 'too-small';

export type SizingResult =
  | {
      readonly ok: true;
      readonly quantity: number;
      readonly byRisk: number;
      readonly byBuyingPower: number;
      /** Which cap set the quantity. */
      readonly binding: 'risk' | 'buying-power';
      /** The stop after tick rounding. */
      readonly stop: number;
      /** Per-share risk `d`, in rupees. */
      readonly stopDistance: number;
      readonly riskAmount: number;
      /** Rupees lost if the stop fills exactly: quantity × d. */
      readonly riskTaken: number;
    }
  | { readonly ok: false; readonly skip: SizingSkip; readonly reason: string };

/** Why a stop is on the wrong side of the entry for `side`, or `undefined` when it is fine. */
export function stopSideProblem(side: Side, entry: number, stop: number): string | undefined {
  if (side === 'BUY' && !(stop < entry)) return `a long's stop must be below the entry (stop ${stop}, entry ${entry})`;
  if (side === 'SELL' && !(stop > entry))
    return `a short's stop must be above the entry (stop ${stop}, entry ${entry})`;
  return undefined;
}

/** `Math.floor` that forgives floating-point noise just below a whole number (99.9999999999 → 100). */
function floorShares(x: number): number {
  return Math.floor(x + 1e-9 * Math.max(1, Math.abs(x)));
}

function positive(...values: number[]): boolean {
  return values.every((v) => Number.isFinite(v) && v > 0);
}

/**
 * Sizes one entry as min(risk-based, buying-power-based) quantity, or says why it must be skipped.
 *
 * @example
 * // ₹10 lakh, 2 % risk, entry 1400, 0.2 % stop (2.80), 5× leverage over 3 slots:
 * // byRisk = floor(20 000 / 2.8) = 7142, byBuyingPower = floor(5 000 000 / 4 200) = 1190 → 1190 shares.
 * positionSize({ side: 'BUY', entry: 1400, stop: 1397.2, tickSize: 0.1, capital: 1e6, equity: 1e6,
 *                riskPerTradePct: 2, leverage: 5, maxOpenPositions: 3 });
 */
export function positionSize(input: SizingInput): SizingResult {
  const { side, entry, tickSize, capital, equity, riskPerTradePct, leverage, maxOpenPositions } = input;
  if (!positive(entry, input.stop, tickSize, capital, riskPerTradePct, leverage, maxOpenPositions)) {
    return {
      ok: false,
      skip: 'bad-input',
      reason: 'entry, stop, tick, capital, risk %, leverage and slots must be > 0',
    };
  }
  const sideProblem = stopSideProblem(side, entry, input.stop);
  if (sideProblem) return { ok: false, skip: 'stop-wrong-side', reason: sideProblem };

  const stop = roundStopAwayFromEntry(input.stop, entry, tickSize);
  const stopTicks = ticksBetween(entry, stop, tickSize);
  if (stopTicks < MIN_STOP_TICKS) {
    return {
      ok: false,
      skip: 'stop-too-close',
      reason: `stop ${stop} is ${stopTicks} tick(s) from entry ${entry}; at least ${MIN_STOP_TICKS} ticks are needed`,
    };
  }
  const stopDistance = Number((stopTicks * tickSize).toFixed(10));
  const riskAmount = (riskPerTradePct / 100) * capital;
  const byRisk = floorShares(riskAmount / stopDistance);
  const byBuyingPower = Math.max(0, floorShares((equity * leverage) / (maxOpenPositions * entry)));
  const quantity = Math.min(byRisk, byBuyingPower);
  if (quantity < 1) {
    return {
      ok: false,
      skip: 'too-small',
      reason: `size rounds to 0 shares (risk allows ${byRisk}, buying power allows ${byBuyingPower} at ₹${entry})`,
    };
  }
  return {
    ok: true,
    quantity,
    byRisk,
    byBuyingPower,
    binding: byRisk <= byBuyingPower ? 'risk' : 'buying-power',
    stop,
    stopDistance,
    riskAmount,
    riskTaken: quantity * stopDistance,
  };
}
