import {
  barCloseTime,
  bucketStart,
  isCoarser,
  isInSession,
  IstDayTracker,
  istDayNumber,
} from '../../../../core/candles/timeframes';
import { at, MON, TUE } from '../candle-fixtures';

describe('bucketStart: grids anchored at 09:15 IST', () => {
  it.each([
    ['5m', '10:02', '10:00'],
    ['5m', '09:15', '09:15'],
    ['15m', '09:44', '09:30'],
    ['15m', '15:29', '15:15'],
    // Hourly bars start 09:15, 10:15 … 14:15, then the 15:15 stub.
    ['1h', '10:14', '09:15'],
    ['1h', '10:15', '10:15'],
    ['1h', '15:20', '15:15'],
    ['1d', '14:00', '09:15'],
  ] as const)('%s bar containing %s starts at %s', (tf, clock, start) => {
    expect(bucketStart(at(MON, clock), tf)).toBe(at(MON, start));
  });
});

describe('barCloseTime', () => {
  it.each([
    ['5m', '10:00', '10:05'],
    ['15m', '15:15', '15:30'],
    ['1h', '09:15', '10:15'],
    ['1h', '14:15', '15:15'],
    // The stub is cut at the close, not at 16:15.
    ['1h', '15:15', '15:30'],
    ['1d', '09:15', '15:30'],
  ] as const)('a %s bar starting %s closes at %s', (tf, start, close) => {
    expect(barCloseTime(at(MON, start), tf)).toBe(at(MON, close));
  });

  it('closes a daily bar at 15:30 whatever time of day it is stamped with (Dhan stamps midnight)', () => {
    expect(barCloseTime(at(TUE, '00:00'), '1d')).toBe(at(TUE, '15:30'));
  });
});

describe('isInSession', () => {
  it.each([
    ['09:14', false],
    ['09:15', true],
    ['15:29', true],
    ['15:30', false],
  ] as const)('%s → %s', (clock, expected) => {
    expect(isInSession(at(MON, clock))).toBe(expected);
  });
});

describe('isCoarser', () => {
  it('orders timeframes from 1m to 1d', () => {
    expect(isCoarser('15m', '5m')).toBe(true);
    expect(isCoarser('5m', '5m')).toBe(false);
    expect(isCoarser('5m', '1h')).toBe(false);
  });
});

describe('IstDayTracker', () => {
  it('reports a new day only when the IST date changes, and minutes since IST midnight', () => {
    const day = new IstDayTracker();
    expect(day.enter(at(MON, '09:15'))).toBe(true);
    expect(day.enter(at(MON, '15:25'))).toBe(false);
    // 00:10 IST on Tuesday is still Monday in UTC (18:40Z): the tracker follows IST.
    expect(day.enter(at(TUE, '00:10'))).toBe(true);
    expect(day.day).toBe(istDayNumber(at(TUE, '09:15')));
    // 09:30 is 9·60 + 30 = 570 minutes after midnight.
    expect(day.minuteOf(at(TUE, '09:30'))).toBe(570);
  });
});
