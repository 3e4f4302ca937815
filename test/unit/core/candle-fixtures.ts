/** Hand-made candles for the core unit tests: IST clock times, small round prices. */
import { istTime } from '../../../core/time';
import { type Candle } from '../../../core/types';

/** A Monday and the following days (no holidays in that week). */
export const MON = '2026-06-01';
export const TUE = '2026-06-02';
export const WED = '2026-06-03';

/** Epoch ms of `HH:MM` IST on `date`. */
export function at(date: string, clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return istTime(date, h, m);
}

/** One bar starting at `clock` IST on `date`. */
export function bar(
  date: string,
  clock: string,
  open: number,
  high: number,
  low: number,
  close: number,
  volume = 1000,
): Candle {
  return { time: at(date, clock), open, high, low, close, volume };
}

/** `HH:MM` plus `minutes`. */
export function addMinutes(clock: string, minutes: number): string {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * Consecutive 5-minute bars from `start`: each opens at the previous close, closes at the given value,
 * and its high/low extend `wick` beyond the body.
 */
export function closesToBars(
  date: string,
  start: string,
  closes: readonly number[],
  wick = 0.5,
  volume = 1000,
): Candle[] {
  let open = closes[0]!;
  return closes.map((close, i) => {
    const candle = bar(
      date,
      addMinutes(start, 5 * i),
      open,
      Math.max(open, close) + wick,
      Math.min(open, close) - wick,
      close,
      volume,
    );
    open = close;
    return candle;
  });
}

/** A whole 09:15–15:25 session of 75 flat bars at `price` (for warm-ups that only need time to pass). */
export function flatSession(date: string, price: number, volume = 1000): Candle[] {
  return closesToBars(date, '09:15', new Array<number>(75).fill(price), 0.5, volume);
}
