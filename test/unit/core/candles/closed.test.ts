import { aggregateCandles } from '../../../../core/candles/aggregate';
import { closedBars, isBarClosed } from '../../../../core/candles/closed';
import { at, bar, closesToBars, MON } from '../candle-fixtures';

/** Tries to look ahead: asks for bars a second before and exactly at their close. */
describe('closedBars: no forming bar gets through', () => {
  const feed = [bar(MON, '09:55', 100, 101, 99, 100), bar(MON, '10:00', 100, 102, 99, 101)];

  it('drops the 10:00 5m bar at 10:04:59 and keeps it from 10:05', () => {
    const oneSecondEarly = at(MON, '10:05') - 1000;
    expect(closedBars(feed, '5m', oneSecondEarly).map((b) => b.time)).toEqual([at(MON, '09:55')]);
    expect(closedBars(feed, '5m', at(MON, '10:05')).map((b) => b.time)).toEqual([at(MON, '09:55'), at(MON, '10:00')]);
  });

  it('keeps the 09:15 hourly bar out until 10:15', () => {
    const hour = aggregateCandles(closesToBars(MON, '09:15', new Array<number>(12).fill(100)), '5m', '1h');
    expect(closedBars(hour, '1h', at(MON, '10:14'))).toEqual([]);
    expect(closedBars(hour, '1h', at(MON, '10:15'))).toHaveLength(1);
  });

  it('never treats today’s daily bar as closed during the session', () => {
    const today = bar(MON, '09:15', 100, 105, 95, 101);
    expect(isBarClosed(today.time, '1d', at(MON, '15:29'))).toBe(false);
    expect(isBarClosed(today.time, '1d', at(MON, '15:30'))).toBe(true);
  });
});
