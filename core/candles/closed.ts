/**
 * Which bars are closed at a given market time: the one guard between a data feed (which happily
 * returns the still-forming bar) and the strategies.
 */
import { type Candle, type Timeframe } from '../types';
import { barCloseTime } from './timeframes';

/** A closed candle with the instant it closed (epoch ms), as the feature engine folds it in. */
export interface ClosedCandle extends Candle {
  readonly closeTime: number;
}

/** Whether the `tf` bar starting at `start` has closed by market time `marketTime`. */
export function isBarClosed(start: number, tf: Timeframe, marketTime: number): boolean {
  return barCloseTime(start, tf) <= marketTime;
}

/**
 * The bars of `bars` (timeframe `tf`) that are closed at `marketTime`; forming bars are dropped.
 *
 * - a 5m bar starting 10:00 is closed from 10:05;
 * - the 1h bar starting 09:15 is closed from 10:15, the 15:15 stub from 15:30;
 * - today's daily bar is not closed before 15:30.
 */
export function closedBars<T extends Candle>(bars: readonly T[], tf: Timeframe, marketTime: number): T[] {
  return bars.filter((bar) => isBarClosed(bar.time, tf, marketTime));
}
