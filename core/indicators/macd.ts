import { type Candle } from '../types';
import { Ema } from './ema';

/**
 * MACD (default 12/26/9), streaming, TA-Lib convention:
 * - the slow EMA is seeded with the SMA of closes 0…slow−1; the **fast EMA is seeded with the SMA of the
 *   `fast` closes ending at the same bar** (TA-Lib starts both at bar slow−1), so it simply skips the
 *   first slow−fast closes;
 * - signal = EMA(signal) of the MACD line, seeded with the SMA of its first `signal` values;
 * - like TA-Lib, all three outputs appear together, at index slow+signal−2 (33 for 12/26/9).
 */
export class Macd {
  macd = NaN;
  signal = NaN;
  histogram = NaN;
  private readonly fastEma: Ema;
  private readonly slowEma: Ema;
  private readonly signalEma: Ema;
  private seen = 0;

  constructor(
    readonly fast = 12,
    readonly slow = 26,
    readonly signalPeriod = 9,
  ) {
    if (!(fast < slow)) throw new RangeError('MACD fast period must be shorter than the slow period');
    this.fastEma = new Ema(fast);
    this.slowEma = new Ema(slow);
    this.signalEma = new Ema(signalPeriod);
  }

  update(close: number): void {
    this.add({ close });
  }

  /**
   * Folds in one bar; read `macd`, `signal` and `histogram` after. The bar comes as an object: a call
   * V8 does not inline boxes every number passed (an allocation each).
   */
  add(bar: Pick<Candle, 'close'>): void {
    const close = bar.close;
    this.seen++;
    // `add` and then `value`: an EMA call V8 does not inline then boxes no returned number.
    this.slowEma.add(close);
    if (this.seen <= this.slow - this.fast) return;
    this.fastEma.add(close);
    const line = this.fastEma.value - this.slowEma.value;
    if (Number.isNaN(line)) return;
    this.signalEma.add(line);
    const signal = this.signalEma.value;
    if (Number.isNaN(signal)) return;
    this.macd = line;
    this.signal = signal;
    this.histogram = line - signal;
  }
}
