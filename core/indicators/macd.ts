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
    this.seen++;
    const slow = this.slowEma.update(close);
    if (this.seen <= this.slow - this.fast) return;
    const line = this.fastEma.update(close) - slow;
    if (Number.isNaN(line)) return;
    const signal = this.signalEma.update(line);
    if (Number.isNaN(signal)) return;
    this.macd = line;
    this.signal = signal;
    this.histogram = line - signal;
  }
}
