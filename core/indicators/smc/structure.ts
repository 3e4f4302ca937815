/**
 * Smart Money Concepts market structure, streaming and causal (strategies.md §1.4): swing points,
 * break of structure (BOS) and change of character (CHoCH), order blocks, fair value gaps, liquidity
 * pools and sweeps. Every fact carries the index of the bar at whose close it became known; nothing is
 * ever revised afterwards.
 */
import { LiquidityTracker, type SessionLevels, type Sweep } from './liquidity';
import { OrderBlockCandidate } from './order-block';
import { RecentBars } from './recent-bars';
import { SwingDetector } from './swings';
import { type BarPrices, type Direction, Zone } from './zone';

/** Read access to the closed bars of a frame, newest first (`back` 0 = the bar being processed). */
export interface BarHistory {
  open(back: number): number;
  high(back: number): number;
  low(back: number): number;
  close(back: number): number;
}

/** The bar being folded in, with its ATR(14) (NaN when the frame does not compute it), e.g. a frame's `now`. */
export interface StructureBar extends BarPrices {
  readonly atr: number;
}

export interface StructureOptions {
  /** Swing length L: a swing is confirmed L bars after its bar. 3 = internal structure on 5m. */
  readonly swingLength: number;
  /** A break needs a close beyond the level (conservative default), or only a wick. */
  readonly breakOn: 'close' | 'wick';
  /** Order-block zone: the candle's whole range, or its body. */
  readonly blockZone: 'range' | 'body';
  /** Equal highs/lows tolerance as a fraction of price (0.001 = 0.1 %). */
  readonly equalTolerance: number;
  /** A fair value gap counts if its height is ≥ this fraction of price… */
  readonly minGapFraction: number;
  /** …or ≥ this multiple of ATR(14). */
  readonly minGapAtr: number;
}

export const DEFAULT_STRUCTURE_OPTIONS: StructureOptions = Object.freeze({
  swingLength: 3,
  breakOn: 'close',
  blockZone: 'range',
  equalTolerance: 0.001,
  minGapFraction: 0.0005,
  minGapAtr: 0.1,
});

export type Trend = 'up' | 'down' | 'none';

/** A break of a swing level. */
export class StructureEvent {
  constructor(
    readonly direction: Direction,
    /** BOS continues the trend (or sets the first one); CHoCH reverses it. */
    readonly kind: 'BOS' | 'CHoCH',
    /** The bar that closed beyond the level. */
    readonly index: number,
    readonly level: number,
    /** The latest opposite-side sweep before the break (sell-side for a bullish break), if any. */
    readonly sweep: Sweep | undefined,
  ) {}
}

/** Whether `zone` exists and is not broken yet. */
function live(zone: Zone | undefined): zone is Zone {
  return zone !== undefined && zone.brokenIndex < 0;
}

/**
 * Market structure of one frame; call {@link update} once per closed bar, in order.
 *
 * With `trackZones` false only swings, breaks and the trend are followed (what a bias frame and the
 * snapshot read): no order blocks, fair value gaps or liquidity, and events carry no sweep.
 */
export class MarketStructure {
  trend: Trend = 'none';
  /** Last confirmed swing high that no close has broken yet (NaN when none), and its bar index. */
  swingHigh = NaN;
  swingHighIndex = -1;
  swingLow = NaN;
  swingLowIndex = -1;
  /** Latest confirmed swing high and low, broken or not: the dealing range. */
  lastSwingHigh = NaN;
  lastSwingLow = NaN;
  lastEvent: StructureEvent | undefined;
  bullishBlock: Zone | undefined;
  bearishBlock: Zone | undefined;
  bullishGap: Zone | undefined;
  bearishGap: Zone | undefined;
  readonly liquidity: LiquidityTracker;
  private readonly swings: SwingDetector;
  private readonly bullishCandidate: OrderBlockCandidate;
  private readonly bearishCandidate: OrderBlockCandidate;
  /** The last L bars: what an order-block search re-reads when a swing is confirmed. */
  private readonly recent: RecentBars;
  /** Kind of the last accepted swing point (+1 high, −1 low, 0 none), to drop duplicate highs/lows. */
  private lastSwingSide = 0;
  // High and low of the previous two bars, for the three-candle gap: kept here rather than read back
  // from the frame, which costs two calls per bar.
  private highBefore1 = NaN;
  private highBefore2 = NaN;
  private lowBefore1 = NaN;
  private lowBefore2 = NaN;

  constructor(
    readonly options: StructureOptions = DEFAULT_STRUCTURE_OPTIONS,
    readonly trackZones = true,
  ) {
    this.swings = new SwingDetector(options.swingLength);
    this.liquidity = new LiquidityTracker(options.equalTolerance);
    this.bullishCandidate = new OrderBlockCandidate(1, options.blockZone === 'body');
    this.bearishCandidate = new OrderBlockCandidate(-1, options.blockZone === 'body');
    this.recent = new RecentBars(options.swingLength);
  }

  /** Equilibrium of the dealing range: above it is premium, below it discount. */
  get equilibrium(): number {
    return (this.lastSwingHigh + this.lastSwingLow) / 2;
  }

  /**
   * Folds in the closed bar `index`. Its ATR filters tiny gaps (NaN: price filter only); `levels` adds
   * PDH/PDL and the opening range to the liquidity checked for sweeps.
   */
  update(index: number, bar: StructureBar, levels?: SessionLevels): void {
    this.detectBreaks(index, bar);
    if (this.trackZones) {
      // A broken zone never changes again: skip the call (most zones are broken most of the time).
      if (live(this.bullishBlock)) this.bullishBlock.update(index, bar);
      if (live(this.bearishBlock)) this.bearishBlock.update(index, bar);
      if (live(this.bullishGap)) this.bullishGap.update(index, bar);
      if (live(this.bearishGap)) this.bearishGap.update(index, bar);
      this.detectGap(index, bar);
      this.highBefore2 = this.highBefore1;
      this.highBefore1 = bar.high;
      this.lowBefore2 = this.lowBefore1;
      this.lowBefore1 = bar.low;
      this.liquidity.update(index, bar, levels);
      // This bar may hold the order block of a later break (but not of a break it made itself). Only
      // while the swing level is unbroken: no break can come before a new swing, which restarts the search.
      if (!Number.isNaN(this.swingHigh)) this.bullishCandidate.add(index, bar);
      if (!Number.isNaN(this.swingLow)) this.bearishCandidate.add(index, bar);
      this.recent.push(bar);
    }
    this.confirmSwings(index, bar);
  }

  // The test runs on every bar, the break itself rarely: it lives in its own method so that this one
  // stays small enough for V8 to inline.
  private detectBreaks(index: number, bar: BarPrices): void {
    const wick = this.options.breakOn === 'wick';
    if ((wick ? bar.high : bar.close) > this.swingHigh) this.breakHigh(index);
    if ((wick ? bar.low : bar.close) < this.swingLow) this.breakLow(index);
  }

  /** A close (or wick) above the swing high: bullish BOS or CHoCH, and its order block. */
  private breakHigh(index: number): void {
    this.lastEvent = new StructureEvent(
      1,
      this.trend === 'down' ? 'CHoCH' : 'BOS',
      index,
      this.swingHigh,
      this.liquidity.lastSellSweep,
    );
    this.trend = 'up';
    if (this.trackZones) this.bullishBlock = this.bullishCandidate.toZone(index);
    this.swingHigh = NaN;
  }

  private breakLow(index: number): void {
    this.lastEvent = new StructureEvent(
      -1,
      this.trend === 'up' ? 'CHoCH' : 'BOS',
      index,
      this.swingLow,
      this.liquidity.lastBuySweep,
    );
    this.trend = 'down';
    if (this.trackZones) this.bearishBlock = this.bearishCandidate.toZone(index);
    this.swingLow = NaN;
  }

  /** Three candles i−1, i, i+1 = back 2, 1, 0: bullish FVG when L_{i+1} > H_{i−1}, known at i+1's close. */
  private detectGap(index: number, bar: StructureBar): void {
    if (index < 2) return;
    const { high, low, close, atr } = bar;
    const highBefore = this.highBefore2;
    const lowBefore = this.lowBefore2;
    if (!(low > highBefore) && !(high < lowBefore)) return;
    // Two number branches rather than `Math.min(…, atr >= 0 ? … : Infinity)`: V8 would box the result
    // to merge it with an Infinity it has never seen used.
    const byPrice = this.options.minGapFraction * close;
    const minHeight = atr >= 0 ? Math.min(byPrice, this.options.minGapAtr * atr) : byPrice;
    if (low - highBefore >= minHeight && low > highBefore) {
      this.bullishGap = new Zone('fairValueGap', 1, low, highBefore, index - 1, index);
    }
    if (lowBefore - high >= minHeight && high < lowBefore) {
      this.bearishGap = new Zone('fairValueGap', -1, lowBefore, high, index - 1, index);
    }
  }

  private confirmSwings(index: number, bar: BarPrices): void {
    const swings = this.swings;
    swings.update(bar);
    const anchor = index - this.options.swingLength;
    if (swings.highConfirmed && this.acceptSwing(1, swings.highLevel, this.lastSwingHigh)) {
      this.swingHigh = this.lastSwingHigh = swings.highLevel;
      this.swingHighIndex = anchor;
      if (this.trackZones) {
        this.liquidity.addSwingHigh(swings.highLevel, bar.close);
        this.bullishCandidate.restart(this.recent, this.options.swingLength, index);
      }
    }
    if (swings.lowConfirmed && this.acceptSwing(-1, swings.lowLevel, this.lastSwingLow)) {
      this.swingLow = this.lastSwingLow = swings.lowLevel;
      this.swingLowIndex = anchor;
      if (this.trackZones) {
        this.liquidity.addSwingLow(swings.lowLevel, bar.close);
        this.bearishCandidate.restart(this.recent, this.options.swingLength, index);
      }
    }
  }

  /** Two swing highs in a row (no low between) keep only the higher; lows the mirror. */
  private acceptSwing(side: Direction, level: number, previous: number): boolean {
    const repeated = this.lastSwingSide === side;
    this.lastSwingSide = side;
    if (!repeated) return true;
    return side === 1 ? level > previous : level < previous;
  }
}
