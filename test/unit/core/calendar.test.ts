import {
  calendarCovers,
  createCalendar,
  isMarketOpen,
  isTradingDay,
  minutesToSquareOff,
  NSE_CALENDAR,
  NSE_HOLIDAYS_2026,
  nextSessionOpen,
  nextTick,
  nextTradingDay,
  sessionClose,
  sessionOpen,
  sessionPhase,
} from '../../../core/calendar';
import { istTime } from '../../../core/time';

// Weekdays were checked with Python's datetime: 2026-06-19 is a Friday, 2026-01-26 a Monday, etc.
const at = istTime;
const SECOND = 1000;

describe('trading days', () => {
  it('closes on weekends', () => {
    expect(isTradingDay('2026-06-20')).toBe(false); // Saturday
    expect(isTradingDay('2026-06-21')).toBe(false); // Sunday
    expect(isTradingDay('2026-06-19')).toBe(true); // Friday
  });

  it('closes on the 2026 NSE holidays, including the late-added 15 January', () => {
    expect(NSE_HOLIDAYS_2026.holidays).toHaveLength(16);
    for (const h of NSE_HOLIDAYS_2026.holidays) expect(isTradingDay(h.date)).toBe(false);
    expect(isTradingDay('2026-01-15')).toBe(false);
    expect(isTradingDay('2026-01-26')).toBe(false); // Republic Day, a Monday
    expect(isTradingDay('2026-01-27')).toBe(true);
  });

  it('accepts an instant as well as a date key (the IST date counts, not the UTC one)', () => {
    // 2026-01-25 19:00 UTC is 2026-01-26 00:30 IST: Republic Day.
    expect(isTradingDay(Date.UTC(2026, 0, 25, 19, 0))).toBe(false);
    expect(isTradingDay(Date.UTC(2026, 0, 25, 18, 0))).toBe(false); // 23:30 IST Sunday
    expect(isTradingDay(Date.UTC(2026, 0, 26, 18, 45))).toBe(true); // 00:15 IST Tuesday 27th
  });

  it('steps to the next trading day over weekends and holidays', () => {
    expect(nextTradingDay('2026-06-19')).toBe('2026-06-22'); // Fri → Mon
    expect(nextTradingDay('2026-06-25')).toBe('2026-06-29'); // Thu → (Muharram Fri, weekend) → Mon
    expect(nextTradingDay('2026-01-23')).toBe('2026-01-27'); // Fri → (weekend, Republic Day Mon) → Tue
  });
});

describe('session times', () => {
  it('opens at 09:15 and closes at 15:30 IST, i.e. 03:45 and 10:00 UTC', () => {
    expect(sessionOpen('2026-06-19')).toBe(Date.UTC(2026, 5, 19, 3, 45));
    expect(sessionClose('2026-06-19')).toBe(Date.UTC(2026, 5, 19, 10, 0));
  });

  it('is open from the open (inclusive) to the close (exclusive) on trading days only', () => {
    expect(isMarketOpen(at('2026-06-19', 9, 15))).toBe(true);
    expect(isMarketOpen(at('2026-06-19', 9, 15) - 1)).toBe(false);
    expect(isMarketOpen(at('2026-06-19', 15, 30) - 1)).toBe(true);
    expect(isMarketOpen(at('2026-06-19', 15, 30))).toBe(false);
    expect(isMarketOpen(at('2026-06-26', 11, 0))).toBe(false); // Muharram
  });

  it('finds the next open across a weekend, a holiday, and both', () => {
    expect(nextSessionOpen(at('2026-06-18', 8, 0))).toBe(at('2026-06-18', 9, 15)); // same morning
    expect(nextSessionOpen(at('2026-06-18', 9, 15))).toBe(at('2026-06-19', 9, 15)); // strictly after
    expect(nextSessionOpen(at('2026-06-19', 16, 0))).toBe(at('2026-06-22', 9, 15)); // weekend
    expect(nextSessionOpen(at('2026-05-27', 15, 45))).toBe(at('2026-05-29', 9, 15)); // Bakri Id Thu
    expect(nextSessionOpen(at('2026-04-02', 15, 45))).toBe(at('2026-04-06', 9, 15)); // Good Friday + weekend
    expect(nextSessionOpen(at('2026-06-20', 10, 0))).toBe(at('2026-06-22', 9, 15)); // from a Saturday
  });

  it('counts minutes to the 15:15 square-off, and has none on a closed day', () => {
    expect(minutesToSquareOff(at('2026-06-19', 14, 15))).toBe(60);
    expect(minutesToSquareOff(at('2026-06-19', 15, 15))).toBe(0);
    expect(minutesToSquareOff(at('2026-06-19', 15, 20))).toBe(-5);
    expect(minutesToSquareOff(at('2026-06-20', 14, 15))).toBeNull();
  });

  it('puts each instant in its phase of the day, edges included', () => {
    const d = '2026-06-19';
    expect(sessionPhase(at(d, 9, 15) - 1)).toBe('closed');
    expect(sessionPhase(at(d, 9, 15))).toBe('opening');
    expect(sessionPhase(at(d, 9, 30) - 1)).toBe('opening');
    expect(sessionPhase(at(d, 9, 30))).toBe('entry');
    expect(sessionPhase(at(d, 14, 45) - 1)).toBe('entry');
    expect(sessionPhase(at(d, 14, 45))).toBe('no-new-entries');
    expect(sessionPhase(at(d, 15, 15))).toBe('square-off');
    expect(sessionPhase(at(d, 15, 30) - 1)).toBe('square-off');
    expect(sessionPhase(at(d, 15, 30))).toBe('closed');
    expect(sessionPhase(at('2026-06-26', 11, 0))).toBe('closed');
  });
});

describe('the 5-minute cycle grid', () => {
  const d = '2026-06-19';

  it('runs on bar closes: the first at 09:20, the last at 15:30', () => {
    expect(nextTick(at(d, 8, 0))).toBe(at(d, 9, 20));
    expect(nextTick(at(d, 9, 15))).toBe(at(d, 9, 20));
    expect(nextTick(at(d, 15, 26))).toBe(at(d, 15, 30));
  });

  it('is strictly after the given time', () => {
    expect(nextTick(at(d, 9, 20))).toBe(at(d, 9, 25));
    expect(nextTick(at(d, 9, 20) - 1)).toBe(at(d, 9, 20));
    expect(nextTick(at(d, 9, 21))).toBe(at(d, 9, 25));
  });

  it('moves to the next trading day after the last bar, over weekends and holidays', () => {
    expect(nextTick(at('2026-06-18', 15, 30))).toBe(at('2026-06-19', 9, 20));
    expect(nextTick(at(d, 15, 30))).toBe(at('2026-06-22', 9, 20)); // Friday → Monday
    expect(nextTick(at('2026-06-25', 16, 0))).toBe(at('2026-06-29', 9, 20)); // Muharram Friday
  });

  it('adds the offset so the cycle runs a few seconds after each close', () => {
    const offset = 5 * SECOND;
    expect(nextTick(at(d, 9, 20) + 3 * SECOND, NSE_CALENDAR, offset)).toBe(at(d, 9, 20) + offset);
    expect(nextTick(at(d, 9, 20) + offset, NSE_CALENDAR, offset)).toBe(at(d, 9, 25) + offset);
    expect(nextTick(at(d, 15, 30) + offset, NSE_CALENDAR, offset)).toBe(at('2026-06-22', 9, 20) + offset);
  });

  it('has 75 ticks in a session (375 minutes / 5)', () => {
    const ticks: number[] = [];
    for (let t = nextTick(at(d, 0, 0)); t <= at(d, 23, 59); t = nextTick(t)) ticks.push(t);
    expect(ticks).toHaveLength(75);
    expect(ticks[0]).toBe(at(d, 9, 20));
    expect(ticks[74]).toBe(at(d, 15, 30));
  });
});

describe('loading other years as data', () => {
  const list2027 = {
    year: 2027,
    source: 'test fixture',
    holidays: [{ date: '2027-01-26', name: 'Republic Day' }],
  };

  it('adds the year: its holidays close and it counts as covered', () => {
    const cal = createCalendar([NSE_HOLIDAYS_2026, list2027]);
    expect(isTradingDay('2027-01-26', cal)).toBe(false); // a Tuesday
    expect(isTradingDay('2027-01-27', cal)).toBe(true);
    expect(calendarCovers('2027-05-03', cal)).toBe(true);
    expect(calendarCovers('2027-05-03')).toBe(false); // the default calendar has only 2026
    expect(isTradingDay('2026-01-26', cal)).toBe(false);
  });

  it('rejects a malformed list with a clear error', () => {
    expect(() => createCalendar([{ ...list2027, holidays: [{ date: '2028-01-26', name: 'x' }] }])).toThrow(
      /fall in the list year/,
    );
    expect(() => createCalendar([{ ...list2027, holidays: [{ date: '2027-02-30', name: 'x' }] }])).toThrow();
  });

  it('rejects session times out of order', () => {
    const session = {
      open: '09:15',
      close: '15:30',
      entryStart: '14:50',
      entryEnd: '14:45',
      squareOff: '15:15',
      barMinutes: 5,
    };
    expect(() => createCalendar([], session)).toThrow(/open ≤ entryStart ≤ entryEnd/);
  });
});
