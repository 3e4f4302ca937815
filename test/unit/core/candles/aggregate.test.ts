import { aggregateCandles, CandleAggregator } from '../../../../core/candles/aggregate';
import { type Candle } from '../../../../core/types';
import { at, bar, closesToBars, MON, TUE } from '../candle-fixtures';

describe('aggregateCandles', () => {
  it('folds three 5m bars into one 15m bar: first open, max high, min low, last close, summed volume', () => {
    const bars = [
      bar(MON, '09:15', 100, 103, 99, 102, 10),
      bar(MON, '09:20', 102, 105, 101, 104, 20),
      bar(MON, '09:25', 104, 104.5, 98, 99, 30),
    ];
    expect(aggregateCandles(bars, '5m', '15m')).toEqual([
      { time: at(MON, '09:15'), open: 100, high: 105, low: 98, close: 99, volume: 60 },
    ]);
  });

  it('builds hourly bars from 09:15 and the 15:15–15:30 stub from its three 5m bars', () => {
    const session = closesToBars(
      MON,
      '09:15',
      Array.from({ length: 75 }, (_, i) => 100 + i),
    );
    const hours = aggregateCandles(session, '5m', '1h');
    expect(hours.map((h) => h.time)).toEqual(
      ['09:15', '10:15', '11:15', '12:15', '13:15', '14:15', '15:15'].map((c) => at(MON, c)),
    );
    // The first hour has the closes 100 … 111 (12 bars); the stub 172, 173, 174.
    expect(hours[0]).toMatchObject({ open: 100, close: 111, volume: 12_000 });
    expect(hours[6]).toMatchObject({ open: 171, close: 174, volume: 3000 });
  });

  it('leaves out a bucket that has not closed yet (today’s daily bar during the session)', () => {
    const monday = closesToBars(MON, '09:15', new Array<number>(75).fill(100));
    const tuesdayMorning = closesToBars(TUE, '09:15', [101, 102]);
    const days = aggregateCandles([...monday, ...tuesdayMorning], '5m', '1d');
    expect(days).toHaveLength(1);
    expect(days[0]!.time).toBe(at(MON, '09:15'));
  });
});

describe('CandleAggregator', () => {
  it('hands over a bucket only when its last source bar closes', () => {
    const agg = new CandleAggregator('5m', '15m');
    const closed: Candle[] = [];
    agg.push(bar(MON, '09:15', 100, 101, 99, 100), (c) => closed.push(c));
    agg.push(bar(MON, '09:20', 100, 101, 99, 100), (c) => closed.push(c));
    expect(closed).toEqual([]);
    expect(agg.partial()).toMatchObject({ time: at(MON, '09:15') });
    agg.push(bar(MON, '09:25', 100, 101, 99, 100), (c) => closed.push(c));
    expect(closed).toHaveLength(1);
    expect(agg.partial()).toBeUndefined();
  });

  it('hands over a bucket with missing bars late, when the next bucket starts (never early)', () => {
    const agg = new CandleAggregator('5m', '15m');
    const closed: Candle[] = [];
    // The aggregator refills one object per closed bar: copy it to keep it.
    agg.push(bar(MON, '09:15', 100, 101, 99, 100, 5), (c) => closed.push({ ...c }));
    // 09:20 and 09:25 never arrive; the 09:30 bar starts the next bucket.
    agg.push(bar(MON, '09:30', 100, 102, 99, 101, 7), (c) => closed.push({ ...c }));
    expect(closed).toEqual([
      { time: at(MON, '09:15'), open: 100, high: 101, low: 99, close: 100, volume: 5, closeTime: at(MON, '09:30') },
    ]);
  });

  it('hands over each closed bar with its close time (the 15:15 hourly stub closes at 15:30)', () => {
    const agg = new CandleAggregator('5m', '1h');
    const closeTimes: number[] = [];
    for (const start of ['14:15', '14:20', '15:15', '15:20', '15:25']) {
      agg.push(bar(MON, start, 100, 101, 99, 100), (c) => closeTimes.push(c.closeTime));
    }
    expect(closeTimes).toEqual([at(MON, '15:15'), at(MON, '15:30')]);
  });

  it('refuses to build finer bars from coarser ones', () => {
    expect(() => new CandleAggregator('15m', '5m')).toThrow(/cannot build 5m bars from 15m bars/);
  });
});
