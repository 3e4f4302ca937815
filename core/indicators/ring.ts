/**
 * A fixed-size window of the last numbers seen, with their running sum: the O(1) building block of
 * SMA, VWAP slope and relative volume. No allocation after construction.
 */
export class RingBuffer {
  private readonly items: Float64Array;
  private next = 0;
  private filled = 0;
  private total = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a whole number ≥ 1`);
    this.items = new Float64Array(capacity);
  }

  /** How many values the window holds (≤ capacity). */
  get size(): number {
    return this.filled;
  }

  get full(): boolean {
    return this.filled === this.capacity;
  }

  /** Sum of the values in the window. */
  get sum(): number {
    return this.total;
  }

  /** Appends `x`, dropping the oldest value when full. */
  push(x: number): void {
    if (this.filled === this.capacity) this.total -= this.items[this.next]!;
    else this.filled++;
    this.items[this.next] = x;
    this.total += x;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
  }

  /** The value `back` steps ago (0 = newest), or NaN when the window does not reach that far. */
  get(back: number): number {
    if (back < 0 || back >= this.filled) return NaN;
    const i = this.next - 1 - back;
    return this.items[i < 0 ? i + this.capacity : i]!;
  }

  clear(): void {
    this.next = 0;
    this.filled = 0;
    this.total = 0;
  }
}
