import { type Candle } from '../../types';

/** Direction of a structure event, zone or sweep: +1 bullish, −1 bearish. */
export type Direction = 1 | -1;

/**
 * The prices of one closed bar. The SMC parts take the bar object rather than four numbers: a call
 * V8 does not inline would box every number argument (an allocation each), an object goes as is.
 */
export type BarPrices = Pick<Candle, 'open' | 'high' | 'low' | 'close'>;

/**
 * A price zone left by a displacement: an order block or a fair value gap.
 *
 * Life cycle, checked on every later bar:
 * - **touched** when price first trades back into it (for an order block this is "mitigated", the
 *   entry event);
 * - **broken** when price goes through its far edge: for an order block a *close* beyond it (the block
 *   is invalid, a "breaker"); for a fair value gap a trade through it (the gap is filled).
 */
export class Zone {
  /** Index of the bar that first traded into the zone, or −1. */
  touchedIndex = -1;
  /** Index of the bar that broke the zone, or −1. */
  brokenIndex = -1;

  constructor(
    readonly kind: 'orderBlock' | 'fairValueGap',
    readonly direction: Direction,
    readonly top: number,
    readonly bottom: number,
    /** Index of the candle (OB) or middle candle (FVG) the zone comes from. */
    readonly anchorIndex: number,
    /** Index of the bar at whose close the zone became known. */
    readonly detectedIndex: number,
  ) {}

  /** The edge price returns to first: the top of a bullish zone, the bottom of a bearish one. */
  get nearEdge(): number {
    return this.direction === 1 ? this.top : this.bottom;
  }

  /** Applies the bar `index` (only bars after detection count). */
  update(index: number, bar: Omit<BarPrices, 'open'>): void {
    if (index <= this.detectedIndex || this.brokenIndex >= 0) return;
    const bullish = this.direction === 1;
    if (this.touchedIndex < 0 && (bullish ? bar.low <= this.top : bar.high >= this.bottom)) this.touchedIndex = index;
    const through = this.kind === 'orderBlock' ? bar.close : bullish ? bar.low : bar.high;
    if (bullish ? through < this.bottom : through > this.top) this.brokenIndex = index;
  }
}
