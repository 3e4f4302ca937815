import { IstDayTracker } from '../candles/timeframes';
import { DAY_MS, MINUTE_MS } from '../time';
import { type Candle } from '../types';
import { RingBuffer } from './ring';

const MINUTES_PER_DAY = DAY_MS / MINUTE_MS;

/**
 * Relative volume, streaming. Intraday volume is U-shaped, so a bar is compared with the same clock
 * time on earlier sessions:
 *
 * - RVOL_k = V_k / mean(V at the same IST start time over the previous `sessions` sessions that had a
 *   bar at that time);
 * - until that many sessions exist: V_k / mean(V of the previous ≤ `fallbackBars` bars of the same
 *   session) — the current bar is never part of its own baseline;
 * - NaN when the baseline is empty or zero (e.g. the first bar of a session, or Yahoo's zero-volume
 *   09:15 bars).
 */
export class RelativeVolume {
  value = NaN;
  private readonly bySlot: Array<RingBuffer | undefined> = new Array<RingBuffer | undefined>(MINUTES_PER_DAY);
  private readonly session: RingBuffer;
  private readonly day = new IstDayTracker();

  constructor(
    readonly sessions = 10,
    readonly fallbackBars = 20,
  ) {
    this.session = new RingBuffer(fallbackBars);
  }

  update(time: number, volume: number): number {
    this.add({ time, volume });
    return this.value;
  }

  /**
   * Folds in one bar; read `value` after. The bar comes as an object and nothing is returned: a call
   * V8 does not inline boxes every number passed or returned (an allocation each).
   */
  add(bar: Pick<Candle, 'time' | 'volume'>): void {
    const { time, volume } = bar;
    if (this.day.enter(time)) this.session.clear();
    const slot = this.day.minuteOf(time);
    const history = (this.bySlot[slot] ??= new RingBuffer(this.sessions));
    const baseline = history.full
      ? history.sum / this.sessions
      : this.session.size > 0
        ? this.session.sum / this.session.size
        : NaN;
    this.value = baseline > 0 ? volume / baseline : NaN;
    history.push(volume);
    this.session.push(volume);
  }
}
