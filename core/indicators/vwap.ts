import { IstDayTracker } from '../candles/timeframes';
import { type Candle } from '../types';
import { RingBuffer } from './ring';

/** Bars between the two VWAP values whose difference is the slope (VWAP_k − VWAP_{k−3}). */
export const VWAP_SLOPE_LAG = 3;

/**
 * Session-anchored VWAP with σ bands and slope, streaming.
 *
 * - Resets at the first bar of every IST session (the `technicalindicators` VWAP never resets).
 * - TP = (H + L + C)/3; VWAP = ΣTP·V / ΣV over the session so far.
 * - Undefined (NaN) until the session's first bar with volume > 0: Yahoo-style feeds stamp the 09:15
 *   bar with V = 0, and 0/0 must not leak out. Later zero-volume bars leave it unchanged.
 * - σ = √(ΣV·(TP − VWAP)² / ΣV); bands are VWAP ± m·σ.
 * - slope = VWAP_k − VWAP_{k−3} within the session (NaN until both exist).
 */
export class SessionVwap {
  value = NaN;
  sigma = NaN;
  slope = NaN;
  private readonly day = new IstDayTracker();
  private volume = 0;
  private priceVolume = 0;
  // σ from sums of TP shifted by the session's first traded TP: avoids cancellation in ΣV·TP² − (ΣV·TP)².
  private reference = 0;
  private shiftedSum = 0;
  private shiftedSquares = 0;
  private readonly recent = new RingBuffer(VWAP_SLOPE_LAG + 1);

  /** Folds in one bar and returns the VWAP (see {@link add} for the per-bar path). */
  update(time: number, high: number, low: number, close: number, volume: number): number {
    this.add({ time, high, low, close, volume });
    return this.value;
  }

  /**
   * Folds in one bar; read `value`, `sigma` and `slope` after. The bar comes as an object and nothing
   * is returned: a call V8 does not inline boxes every number passed or returned (an allocation each).
   */
  add(bar: Pick<Candle, 'time' | 'high' | 'low' | 'close' | 'volume'>): void {
    const { time, high, low, close, volume } = bar;
    if (this.day.enter(time)) this.reset();
    if (volume > 0) {
      const tp = (high + low + close) / 3;
      if (this.volume === 0) this.reference = tp;
      const shifted = tp - this.reference;
      this.volume += volume;
      this.priceVolume += tp * volume;
      this.shiftedSum += shifted * volume;
      this.shiftedSquares += shifted * shifted * volume;
      this.value = this.priceVolume / this.volume;
      const mean = this.shiftedSum / this.volume;
      this.sigma = Math.sqrt(Math.max(0, this.shiftedSquares / this.volume - mean * mean));
    }
    this.recent.push(this.value);
    this.slope = this.value - this.recent.get(VWAP_SLOPE_LAG);
  }

  /** VWAP + multiple·σ (negative multiples give the lower bands). */
  band(multiple: number): number {
    return this.value + multiple * this.sigma;
  }

  private reset(): void {
    this.value = NaN;
    this.sigma = NaN;
    this.slope = NaN;
    this.volume = 0;
    this.priceVolume = 0;
    this.shiftedSum = 0;
    this.shiftedSquares = 0;
    this.recent.clear();
  }
}
