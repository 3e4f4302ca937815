import { RingBuffer } from './ring';

/**
 * Simple moving average, streaming. First value after `period` inputs (TA-Lib: index period−1).
 * `value` is NaN until then.
 */
export class Sma {
  value = NaN;
  private readonly window: RingBuffer;

  constructor(readonly period: number) {
    this.window = new RingBuffer(period);
  }

  update(x: number): number {
    this.window.push(x);
    if (this.window.full) this.value = this.window.sum / this.period;
    return this.value;
  }
}
