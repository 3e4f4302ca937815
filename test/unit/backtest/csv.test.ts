/** Generic OHLCV CSV import: the NSE (yfinance) layout, column mapping, time zones, stamps, 1m bars, errors. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvFormatError, parseOhlcvCsv, zoneOffsetMinutes } from '../../../backtest/data/csv';
import { loadCsvFolder, symbolOfFile } from '../../../backtest/data/folder';
import { istTime } from '../../../core/time';

const YFINANCE = `Price,Close,High,Low,Open,Volume
Ticker,RELIANCE.NS,RELIANCE.NS,RELIANCE.NS,RELIANCE.NS,RELIANCE.NS
Datetime,,,,,
2026-06-01 03:45:00+00:00,1400.0999755859375,1401.5,1398.9000244140625,1399.5,0
2026-06-01 03:50:00+00:00,1401.199951171875,1402.0,1399.800048828125,1400.0999755859375,120500
`;

test('the NSE files’ layout: three header lines, Close first, UTC bar starts, float noise rounded to the tick', () => {
  const bars = parseOhlcvCsv(YFINANCE, 0.1, {}, 'RELIANCE_5min.csv');
  expect(bars).toEqual([
    { time: istTime('2026-06-01', 9, 15), open: 1399.5, high: 1401.5, low: 1398.9, close: 1400.1, volume: 0 },
    { time: istTime('2026-06-01', 9, 20), open: 1400.1, high: 1402, low: 1399.8, close: 1401.2, volume: 120500 },
  ]);
});

test('mapped columns, naive IST times stamped at the bar end, pre-open and post-close rows dropped', () => {
  const csv = `when,px_open,px_high,px_low,px_close,qty
2026-06-01 09:10,100,101,99,100.5,10
2026-06-01 09:20,100.5,101.25,100,101,20
2026-06-01 09:25,101,102,100.75,101.5,30
2026-06-01 15:35,101.5,102,101,101.5,5
`;
  const bars = parseOhlcvCsv(csv, 0.05, {
    columns: { time: 'WHEN', open: 'px_open', high: 'px_high', low: 'px_low', close: 'px_close', volume: 5 },
    timeZone: 'IST',
    stamp: 'end',
  });
  // 09:10 ends the pre-open 09:05 bar; 15:35 ends the 15:30 post-close bar: both outside 09:15–15:30.
  expect(bars.map((b) => b.time)).toEqual([istTime('2026-06-01', 9, 15), istTime('2026-06-01', 9, 20)]);
  expect(bars[0]).toMatchObject({ open: 100.5, high: 101.25, low: 100, close: 101, volume: 20 });
});

test('epoch seconds and another delimiter; a time zone offset for naive stamps', () => {
  const start = istTime('2026-06-01', 9, 15) / 1000;
  const epoch = `timestamp;open;high;low;close;volume\n${start};10;11;9;10.5;7\n${start + 300};10.5;11;10;10.8;8\n`;
  expect(parseOhlcvCsv(epoch, 0.05, { delimiter: ';' }).map((b) => b.time)).toEqual([
    istTime('2026-06-01', 9, 15),
    istTime('2026-06-01', 9, 20),
  ]);
  const utc = `date,open,high,low,close,volume\n2026-06-01 03:45,10,11,9,10.5,7\n2026-06-01 03:50,10,11,9,10.5,7\n`;
  expect(parseOhlcvCsv(utc, 0.05, { timeZone: 'UTC' })[0]!.time).toBe(istTime('2026-06-01', 9, 15));
  expect(parseOhlcvCsv(utc, 0.05, { timeZone: '+05:30' })).toEqual([]); // 03:45 IST is before the open
  expect(zoneOffsetMinutes('-04:00')).toBe(-240);
  expect(() => zoneOffsetMinutes('Mars/Olympus')).toThrow(CsvFormatError);
});

test('one-minute bars become five-minute bars anchored at 09:15', () => {
  const rows = Array.from({ length: 10 }, (_, i) => {
    const minute = 15 + i;
    return `2026-06-01 09:${minute},${100 + i},${101 + i},${99 + i},${100.5 + i},${10 * (i + 1)}`;
  });
  const bars = parseOhlcvCsv(`datetime,open,high,low,close,volume\n${rows.join('\n')}\n`, 0.05);
  expect(bars).toEqual([
    { time: istTime('2026-06-01', 9, 15), open: 100, high: 105, low: 99, close: 104.5, volume: 150 },
    { time: istTime('2026-06-01', 9, 20), open: 105, high: 110, low: 104, close: 109.5, volume: 400 },
  ]);
});

test('bad input names the file, the line and what is missing', () => {
  expect(() => parseOhlcvCsv('datetime,open,high,low,close\n', 0.1, {}, 'x.csv')).toThrow(
    /x\.csv: no column for volume/,
  );
  expect(() =>
    parseOhlcvCsv('datetime,open,high,low,close,volume\n2026-06-01 09:15,1,2,0.5,abc,1\n', 0.1, {}, 'y.csv'),
  ).toThrow(/y\.csv: line 2 is not a bar/);
  expect(() =>
    parseOhlcvCsv(
      'time,open,high,low,close,volume\n2026-06-01 09:15,1,2,0.5,1,1\n2026-06-01 09:20,1,2,0.5,1,1\n2026-06-01 09:35,1,2,0.5,1,1\n',
      0.1,
    ),
  ).not.toThrow();
  expect(() =>
    parseOhlcvCsv(
      'time,open,high,low,close,volume\n2026-06-01 09:15,1,2,0.5,1,1\n2026-06-01 10:15,1,2,0.5,1,1\n2026-06-01 11:15,1,2,0.5,1,1\n',
      0.1,
    ),
  ).toThrow(/60 minutes apart/);
  expect(() => parseOhlcvCsv('', 0.1, {}, 'e.csv')).toThrow(/e\.csv: the file is empty/);
});

test('a folder of <SYMBOL>_*.csv files; a missing symbol is named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bt-csv-'));
  try {
    writeFileSync(join(dir, 'RELIANCE_5min.csv'), YFINANCE);
    writeFileSync(join(dir, 'notes.txt'), 'not a csv');
    expect(symbolOfFile('tcs.csv')).toBe('TCS');
    expect(loadCsvFolder(dir, ['RELIANCE']).get('RELIANCE')).toHaveLength(2);
    expect(() => loadCsvFolder(dir, ['RELIANCE', 'TCS'])).toThrow(/no CSV for TCS in .*found RELIANCE_5min\.csv/);
    expect(() => loadCsvFolder(join(dir, 'nope'), ['TCS'])).toThrow(/cannot read the data folder/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
