import { indicatorSeries } from '../../../api/market-data/series';
import { FeatureEngine, frameSnapshot } from '../../../core/indicators';
import { istTime } from '../../../core/time';
import { type Candle } from '../../../core/types';

const MINUTE = 60_000;
const DAYS = ['2026-06-01', '2026-06-02', '2026-06-03'];

/**
 * Three sessions of 5-minute bars (09:15–15:25 IST starts): a zigzag that climbs for two days (higher
 * highs and lows every 12 bars) and falls on the third, so the structure breaks both ways.
 */
function sessions(): Candle[] {
  const bars: Candle[] = [];
  let price = 1000;
  DAYS.forEach((day, d) => {
    for (let i = 0; i < 75; i++) {
      const leg = Math.floor(i / 6) % 2 === 0 ? 1 : -1;
      const drift = d < 2 ? 1.5 : -3;
      const open = price;
      price = price + leg * 4 + drift;
      bars.push({
        time: istTime(day, 9, 15) + i * 5 * MINUTE,
        open,
        high: Math.max(open, price) + 1,
        low: Math.min(open, price) - 1,
        close: price,
        volume: 1000 + i,
      });
    }
  });
  return bars;
}

test('15-minute bars are the 5-minute bars folded by three, oldest first, the last `limit` kept', () => {
  const bars = sessions();
  const { points } = indicatorSeries('RELIANCE', bars, '15m', 30);
  expect(points).toHaveLength(30);
  // 25 bars a session: the last 30 are the last 5 of day 2 and the 25 of day 3.
  expect(points[0]!.time).toBe(istTime(DAYS[1]!, 14, 15));
  expect(points.at(-1)!.time).toBe(istTime(DAYS[2]!, 15, 15));
  for (const p of points) {
    const three = bars.filter((b) => b.time >= p.time && b.time < p.time + 15 * MINUTE);
    expect(three).toHaveLength(3);
    expect(p).toMatchObject({
      open: three[0]!.open,
      close: three[2]!.close,
      high: Math.max(...three.map((b) => b.high)),
      low: Math.min(...three.map((b) => b.low)),
      volume: three.reduce((sum, b) => sum + b.volume, 0),
    });
  }
});

test("each point carries the feature engine's indicators as they were at that bar", () => {
  const bars = sessions();
  const series = indicatorSeries('TCS', bars, '5m', 500);
  expect(series.points).toHaveLength(225);
  // Replay to the 100th bar by hand: the series' 100th point must match the engine's snapshot there.
  const engine = new FeatureEngine('TCS');
  bars.slice(0, 100).forEach((b) => engine.push(b));
  const then = frameSnapshot('TCS', engine.frame('5m'))!;
  expect(series.points[99]).toEqual({
    time: then.time,
    open: then.open,
    high: then.high,
    low: then.low,
    close: then.close,
    volume: then.volume,
    vwap: then.vwap,
    ema9: then.ema9,
    ema21: then.ema21,
    ema50: then.ema50,
    rsi14: then.rsi14,
  });
  // Warm-up: no EMA(50) before 50 bars, and one from then on.
  expect(series.points[10]!.ema50).toBeUndefined();
  expect(series.points[60]!.ema50).toBeGreaterThan(0);
});

test('structure breaks are marked at their bars, both ways, and the levels are the last bar’s', () => {
  const bars = sessions();
  const series = indicatorSeries('INFY', bars, '5m', 500);
  const times = new Set(series.points.map((p) => p.time));
  expect(series.structure.every((m) => times.has(m.time))).toBe(true);
  expect(series.structure.map((m) => m.time)).toEqual([...series.structure.map((m) => m.time)].sort((a, b) => a - b));
  expect(series.structure.some((m) => m.direction === 'bullish')).toBe(true);
  expect(series.structure.some((m) => m.direction === 'bearish')).toBe(true);

  const engine = new FeatureEngine('INFY');
  bars.forEach((b) => engine.push(b));
  expect(series.levels).toEqual(frameSnapshot('INFY', engine.frame('5m'))!.structure);
  expect(series.levels?.trend).toBe('down');

  // A shorter window keeps only the breaks inside it.
  const short = indicatorSeries('INFY', bars, '5m', 40);
  expect(short.structure.every((m) => m.time >= short.points[0]!.time)).toBe(true);
  expect(short.structure.length).toBeLessThan(series.structure.length);
});

test('no bars, no points', () => {
  expect(indicatorSeries('TCS', [], '1h', 10)).toEqual({ points: [], structure: [], levels: undefined });
});
