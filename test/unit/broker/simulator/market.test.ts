/** The simulated market at an instant, and the two price sources (synthetic, replay). */
import { join } from 'node:path';
import { aggregate, Market } from '../../../../broker/simulator/market/market';
import { Prng, seedFrom } from '../../../../broker/simulator/market/prng';
import { loadReplayFolder, parseOhlcvCsv } from '../../../../broker/simulator/market/replay';
import { SyntheticMarketSource } from '../../../../broker/simulator/market/synthetic';
import { NSE_CALENDAR } from '../../../../core/calendar';
import { INSTRUMENTS } from '../../../../core/instruments';
import { isOnTick } from '../../../../core/ticks';
import { istClock, istMinuteOfDay } from '../../../../core/time';
import { bars, fixedSource, ist, RELIANCE } from './fixed-market';

describe('Market over the fixed bars', () => {
  const market = new Market(fixedSource());

  it('knows the last price before, at and during the session', () => {
    expect(market.lastPrice('RELIANCE', ist('2026-06-19 09:00'))).toBe(1000); // previous close
    expect(market.lastPrice('RELIANCE', ist('2026-06-19 09:15'))).toBe(1000); // first bar's open
    expect(market.lastPrice('RELIANCE', ist('2026-06-19 09:24'))).toBe(1002); // 09:15 bar closed at 09:20
    expect(market.lastPrice('RELIANCE', ist('2026-06-19 09:25'))).toBe(996);
  });

  it('derives the circuit band from the previous close, on the tick', () => {
    expect(market.band(RELIANCE, '2026-06-19')).toEqual({ lower: 900, upper: 1100 });
    // 22 June follows the weekend: the previous close is Friday's 1000 (09:25 bar).
    expect(market.previousClose('RELIANCE', '2026-06-22')).toBe(1000);
  });

  it('sums the day from closed bars only', () => {
    // Bars closed by 09:25: 09:15 and 09:20 → open 1000, high max(1004, 1003), low min(998, 995), volume 10 500.
    expect(market.dayStats('RELIANCE', ist('2026-06-19 09:25'))).toMatchObject({
      open: 1000,
      high: 1004,
      low: 995,
      volume: 10_500,
    });
    expect(market.dayStats('RELIANCE', ist('2026-06-19 09:19'))).toBeUndefined();
  });

  it('returns only closed candles, and all of today’s whatever the end bound', () => {
    const at = ist('2026-06-19 09:30');
    const from = ist('2026-06-18 00:00');
    const fives = market.intradayCandles('RELIANCE', 5, from, ist('2026-06-19 09:15'), at);
    expect(fives.map((c) => istClock(c.time))).toEqual(['09:15', '09:15', '09:20', '09:25']);
    // At 09:29 the 09:25 bar is still forming.
    expect(market.intradayCandles('RELIANCE', 5, from, at, ist('2026-06-19 09:29'))).toHaveLength(3);
    // 15-minute candle 09:15–09:30 of the 19th: O1000 H1004 L994 C1000 V30 500, closed at 09:30.
    expect(market.intradayCandles('RELIANCE', 15, ist('2026-06-19 09:15'), at, at)).toEqual([
      { time: ist('2026-06-19 09:15'), open: 1000, high: 1004, low: 994, close: 1000, volume: 30_500 },
    ]);
  });

  it('returns daily candles of complete sessions, stamped 00:00 IST, toDate exclusive', () => {
    const days = market.dailyCandles('RELIANCE', '2026-06-18', '2026-06-23', ist('2026-06-22 10:00'));
    expect(days.map((c) => c.time)).toEqual([ist('2026-06-18 00:00'), ist('2026-06-19 00:00')]);
    expect(days[1]).toMatchObject({ open: 1000, high: 1004, low: 994, close: 1000, volume: 30_500 });
  });

  it('lists the bars closing in a window, in closing order', () => {
    const closing = market.barsClosingIn(ist('2026-06-19 09:20'), ist('2026-06-19 09:30'));
    expect(closing.map((b) => istClock(b.closesAt))).toEqual(['09:25', '09:30']);
  });
});

describe('aggregate', () => {
  it('groups bars into buckets from the anchor', () => {
    const five = bars('2026-06-19 09:15', [
      [10, 12, 9, 11, 100],
      [11, 13, 10, 12, 50],
      [12, 12, 8, 9, 25],
    ]);
    // 10-minute buckets from 09:15: [09:15, 09:20] and [09:25].
    expect(aggregate(five, 10 * 60_000, ist('2026-06-19 09:15'))).toEqual([
      { time: ist('2026-06-19 09:15'), open: 10, high: 13, low: 9, close: 12, volume: 150 },
      { time: ist('2026-06-19 09:25'), open: 12, high: 12, low: 8, close: 9, volume: 25 },
    ]);
  });
});

describe('Prng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seedFrom(1, 'RELIANCE', '2026-06-19')).not.toBe(seedFrom(1, 'RELIANCE', '2026-06-22'));
  });

  it('draws uniforms in [0, 1) and normals with mean near 0 and spread near 1', () => {
    const rng = new Prng(7);
    const n = 20_000;
    const uniforms = Array.from({ length: n }, () => rng.next());
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    const normals = Array.from({ length: n }, () => rng.normal());
    const mean = normals.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(normals.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    // Standard error of the mean is 1/√20 000 ≈ 0.007; 0.03 is over four of them.
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });
});

describe('SyntheticMarketSource', () => {
  const source = (seed: number) =>
    new SyntheticMarketSource({ seed, instruments: INSTRUMENTS, firstDay: '2026-06-01', calendar: NSE_CALENDAR });

  it('generates 375 one-minute bars per trading day, none on holidays or weekends', () => {
    const s = source(1);
    const day = s.session('RELIANCE', '2026-06-19')!;
    expect(day).toHaveLength(375);
    expect(istClock(day[0]!.time)).toBe('09:15');
    expect(istClock(day[374]!.time)).toBe('15:29');
    expect(s.session('RELIANCE', '2026-06-20')).toBeUndefined(); // Saturday
    expect(s.session('RELIANCE', '2026-06-26')).toBeUndefined(); // Muharram holiday
    expect(s.session('RELIANCE', '2026-05-29')).toBeUndefined(); // before the first day
  });

  it('is deterministic per seed, whatever order days are asked in', () => {
    const later = source(1).session('TCS', '2026-06-19');
    const s = source(1);
    s.session('TCS', '2026-06-05');
    expect(s.session('TCS', '2026-06-19')).toEqual(later);
    expect(source(2).session('TCS', '2026-06-19')).not.toEqual(later);
  });

  it('keeps bars consistent: on the tick, high/low around open/close, inside the band, opening from the last close', () => {
    const s = source(3);
    const market = new Market(s);
    for (const instrument of INSTRUMENTS) {
      for (const day of ['2026-06-02', '2026-06-19']) {
        const band = market.band(instrument, day)!;
        const session = s.session(instrument.symbol, day)!;
        for (const b of session) {
          for (const p of [b.open, b.high, b.low, b.close]) expect(isOnTick(p, instrument.tickSize)).toBe(true);
          expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
          expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
          expect(b.low).toBeGreaterThanOrEqual(band.lower);
          expect(b.high).toBeLessThanOrEqual(band.upper);
          expect(Number.isInteger(b.volume) && b.volume > 0).toBe(true);
        }
        // Each minute opens where the previous one closed.
        session.slice(1).forEach((b, i) => expect(b.open).toBe(session[i]!.close));
      }
    }
  });

  it('trades more at the open and the close than at midday (U-shaped volume)', () => {
    const s = source(4);
    let edges = 0;
    let middle = 0;
    for (const day of ['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-19']) {
      for (const b of s.session('INFY', day)!) {
        const minute = istMinuteOfDay(b.time) - (9 * 60 + 15);
        if (minute < 30 || minute >= 345) edges += b.volume;
        else if (minute >= 172 && minute < 232) middle += b.volume;
      }
    }
    // Both sums cover 60 minutes a day; the shape's weight is 1.8 at the ends and 0.6 at midday.
    expect(edges).toBeGreaterThan(2 * middle);
  });
});

describe('replay from CSV', () => {
  it('reads yfinance’s three-line header, rounds to the tick and drops bars outside 09:15–15:30', () => {
    const parsed = parseOhlcvCsv(
      [
        'Price,Close,High,Low,Open,Volume',
        'Ticker,RELIANCE.NS,RELIANCE.NS,RELIANCE.NS,RELIANCE.NS,RELIANCE.NS',
        'Datetime,,,,,',
        '2026-06-18 03:40:00+00:00,999,999,999,999,10',
        '2026-06-18 03:45:00+00:00,1000.0999755859375,1001.0,998.9000244140625,999.5,0',
      ].join('\n'),
      0.1,
    );
    // 03:40 UTC is 09:10 IST (pre-open, dropped); 03:45 UTC is the 09:15 IST bar.
    expect(parsed).toEqual([
      { time: ist('2026-06-18 09:15'), open: 999.5, high: 1001, low: 998.9, close: 1000.1, volume: 0 },
    ]);
  });

  it('reads a plain header in any column order, naive times being IST', () => {
    const parsed = parseOhlcvCsv('timestamp,close,open,low,high,volume\n2026-06-19 09:20:00,101,100,99,102,7', 0.05);
    expect(parsed).toEqual([{ time: ist('2026-06-19 09:20'), open: 100, high: 102, low: 99, close: 101, volume: 7 }]);
  });

  it('names the line of a malformed row, and a missing column', () => {
    expect(() =>
      parseOhlcvCsv('datetime,open,high,low,close,volume\n2026-06-19 09:20:00,1,2,x,1,1', 0.1, 'f.csv'),
    ).toThrow('f.csv: line 2 is not a bar');
    expect(() => parseOhlcvCsv('datetime,open,high,low,volume\n', 0.1, 'f.csv')).toThrow('missing close');
  });

  it('loads a folder, matching files to known symbols and ignoring the rest', () => {
    const source = loadReplayFolder(join(__dirname, '../../../fixtures/dhan/replay'), INSTRUMENTS);
    expect(source.instruments.map((i) => i.symbol)).toEqual(['RELIANCE']);
    expect(source.baseMinutes).toBe(5);
    expect(source.firstDay).toBe('2026-06-18');
    expect(source.isTradingDay('2026-06-19')).toBe(true);
    expect(source.isTradingDay('2026-06-22')).toBe(false);
    // The 10:00 UTC (15:30 IST) row is after the close and dropped.
    expect(source.session('RELIANCE', '2026-06-19')).toHaveLength(1);
  });
});
