/**
 * Validates the NSE calendar and tick grid against real 5-minute bars (../shared/data/nse, read at
 * run time, never copied into the repo):
 * - every session in the data is a trading day of the calendar, and every trading day in the
 *   data's range has bars (so the holiday list explains the missing weekdays);
 * - every bar closes on the cycle grid: bar start + 5 min === nextTick(bar start), 75 a session;
 * - every price, rounded from float32 noise to the instrument tick, stays within half a tick.
 *
 * Run: npx tsx bench/core-calendar-check.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTradingDay, nextTick, nextTradingDay } from '../core/calendar';
import { roundToTick, tickSizeOf } from '../core/ticks';
import { istDateKey, MINUTE_MS } from '../core/time';

const DATA_DIR = join(__dirname, '..', '..', 'shared', 'data', 'nse');

interface Bar {
  readonly time: number;
  readonly prices: readonly number[];
}

/** Yahoo-style file: 3 header lines, then Datetime(UTC, bar start),Close,High,Low,Open,Volume. */
function readBars(file: string): Bar[] {
  return readFileSync(join(DATA_DIR, file), 'utf8')
    .trim()
    .split('\n')
    .slice(3)
    .map((line) => {
      const [stamp, close, high, low, open] = line.split(',');
      return { time: Date.parse((stamp ?? '').replace(' ', 'T')), prices: [close, high, low, open].map(Number) };
    });
}

const problems: string[] = [];
const files = readdirSync(DATA_DIR).filter((f) => f.endsWith('_5min.csv'));
for (const file of files) {
  const symbol = file.replace('_5min.csv', '');
  const tick = tickSizeOf(symbol);
  if (tick === undefined) throw new Error(`unknown symbol ${symbol}`);
  const bars = readBars(file);
  const sessions = new Map<string, number>();
  let worstTickError = 0;
  for (const bar of bars) {
    const date = istDateKey(bar.time);
    sessions.set(date, (sessions.get(date) ?? 0) + 1);
    if (!isTradingDay(date)) problems.push(`${symbol}: bar on non-trading day ${date}`);
    if (nextTick(bar.time) !== bar.time + 5 * MINUTE_MS) problems.push(`${symbol}: bar ${bar.time} off the grid`);
    for (const p of bar.prices) worstTickError = Math.max(worstTickError, Math.abs(roundToTick(p, tick) - p) / tick);
  }
  const dates = [...sessions.keys()].sort();
  const first = dates[0] as string;
  const last = dates[dates.length - 1] as string;
  let expected = 0;
  for (let d = isTradingDay(first) ? first : nextTradingDay(first); d <= last; d = nextTradingDay(d)) {
    expected++;
    if (!sessions.has(d)) problems.push(`${symbol}: trading day ${d} has no bars`);
  }
  const short = [...sessions].filter(([, n]) => n !== 75);
  for (const [d, n] of short) problems.push(`${symbol}: ${d} has ${n} bars, not 75`);
  console.log(
    `${symbol.padEnd(10)} ${bars.length} bars, ${sessions.size} sessions (calendar expects ${expected}) ` +
      `${first}…${last}; worst tick rounding ${worstTickError.toFixed(4)} ticks`,
  );
}
console.log(
  problems.length ? `PROBLEMS (${problems.length}):\n${problems.slice(0, 20).join('\n')}` : 'calendar check: OK',
);
process.exitCode = problems.length ? 1 : 0;
