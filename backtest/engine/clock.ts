/**
 * The backtest's simulated clock: the market times the live account workflow would tick at, from
 * the first to the last IST day of the range (09:20, 09:25 … 15:30 on every NSE trading day).
 */
import { NSE_CALENDAR, nextTick, type TradingCalendar } from '../../core/calendar';
import { istDateKey, istTime } from '../../core/time';

/** Every cycle's market time from `from` to `to` (IST dates, inclusive), in order. */
export function cycleTimes(from: string, to: string, calendar: TradingCalendar = NSE_CALENDAR): number[] {
  const times: number[] = [];
  // The live planner's own step (workflows/ticks.ts `nextMarketTime`), from midnight before `from`.
  for (let t = nextTick(istTime(from, 0, 0), calendar, 0); istDateKey(t) <= to; t = nextTick(t, calendar, 0))
    times.push(t);
  return times;
}
