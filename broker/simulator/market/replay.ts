/**
 * Replays OHLCV bars from CSV files, one file per symbol, named `<SYMBOL>.csv` or
 * `<SYMBOL>_anything.csv` (e.g. `RELIANCE_5min.csv`).
 *
 * Accepted layouts:
 * - yfinance's three-line header (`Price,Close,High,Low,Open,Volume` / `Ticker,…` / `Datetime,,,,,`),
 *   the format of the NSE files in ../shared/data/nse;
 * - a plain header naming a time column (`datetime`, `date`, `time` or `timestamp`) and
 *   open/high/low/close/volume in any order.
 * Times with an offset (`+00:00`, `Z`) are read as such; naive times are IST. Bars outside
 * 09:15–15:30 IST are dropped; prices are rounded to the instrument's tick (the files carry float noise).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Instrument } from '../../../core/instruments';
import { barOnTicks } from '../../../core/ticks';
import { istDateKey, istMinuteOfDay, MINUTE_MS } from '../../../core/time';
import { type Candle } from '../../../core/types';
import { parseIstDateTime } from '../../dhan/dates';
import { type MarketSource } from './source';

const TIME_COLUMNS = ['datetime', 'date', 'time', 'timestamp', 'price'];
const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
const OPEN_MINUTE = 9 * 60 + 15;
const CLOSE_MINUTE = 15 * 60 + 30;

function parseTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) {
    const t = Date.parse(trimmed.replace(' ', 'T'));
    return Number.isNaN(t) ? undefined : t;
  }
  return parseIstDateTime(trimmed);
}

/**
 * Parses one CSV file into bars sorted by time, rounded to `tickSize`, within NSE hours.
 * Throws an error naming the line when a data row is malformed.
 */
export function parseOhlcvCsv(text: string, tickSize: number, label = 'csv'): Candle[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const timeIndex = header.findIndex((h) => TIME_COLUMNS.includes(h));
  const index = Object.fromEntries(FIELDS.map((f) => [f, header.indexOf(f)])) as Record<
    (typeof FIELDS)[number],
    number
  >;
  const missing = FIELDS.filter((f) => index[f] < 0);
  if (timeIndex < 0 || missing.length > 0)
    throw new Error(
      `${label}: header must name a time column and ${FIELDS.join(', ')}; missing ${missing.join(', ') || 'time'}`,
    );
  const bars: Candle[] = [];
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    const time = parseTime(cells[timeIndex] ?? '');
    // yfinance's second and third header lines (`Ticker,…`, `Datetime,,,`) are not data.
    if (time === undefined && i < 2 && /^[A-Za-z]+$/.test((cells[0] ?? '').trim())) return;
    const values = FIELDS.map((f) => Number(cells[index[f]]));
    if (time === undefined || values.some((v) => !Number.isFinite(v)))
      throw new Error(`${label}: line ${i + 2} is not a bar: ${line.slice(0, 80)}`);
    const minute = istMinuteOfDay(time);
    if (minute < OPEN_MINUTE || minute >= CLOSE_MINUTE) return;
    const [open, high, low, close, volume] = values as [number, number, number, number, number];
    bars.push(barOnTicks(time, [open, high, low, close, volume], tickSize));
  });
  return bars.sort((a, b) => a.time - b.time);
}

/** Replays bars held in memory, grouped by symbol and IST day. */
export class ReplayMarketSource implements MarketSource {
  readonly baseMinutes: number;
  readonly firstDay: string;
  private readonly byDay = new Map<string, Map<string, Candle[]>>(); // symbol → day → bars
  private readonly days = new Set<string>();

  constructor(
    readonly instruments: readonly Instrument[],
    barsBySymbol: ReadonlyMap<string, readonly Candle[]>,
  ) {
    let step = Infinity;
    for (const [symbol, bars] of barsBySymbol) {
      const days = new Map<string, Candle[]>();
      bars.forEach((bar, i) => {
        const day = istDateKey(bar.time);
        this.days.add(day);
        (days.get(day) ?? days.set(day, []).get(day))?.push(bar);
        const previous = bars[i - 1];
        if (previous && istDateKey(previous.time) === day) step = Math.min(step, bar.time - previous.time);
      });
      this.byDay.set(symbol, days);
    }
    if (this.days.size === 0) throw new Error('replay: no bars inside NSE hours were found');
    this.baseMinutes = Number.isFinite(step) ? Math.max(1, Math.round(step / MINUTE_MS)) : 5;
    this.firstDay = [...this.days].sort()[0] as string;
  }

  isTradingDay(dateKey: string): boolean {
    return this.days.has(dateKey);
  }

  session(symbol: string, dateKey: string): readonly Candle[] | undefined {
    return this.byDay.get(symbol)?.get(dateKey);
  }
}

/**
 * Loads every `<SYMBOL>[_…].csv` in `folder` whose symbol is one of `instruments`; other files are
 * ignored. Throws when no file matches.
 */
export function loadReplayFolder(folder: string, instruments: readonly Instrument[]): ReplayMarketSource {
  const bars = new Map<string, Candle[]>();
  for (const file of readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.csv'))) {
    const symbol =
      basename(file)
        .replace(/\.csv$/i, '')
        .split('_')[0]
        ?.toUpperCase() ?? '';
    const instrument = instruments.find((i) => i.symbol === symbol);
    if (!instrument) continue;
    bars.set(symbol, parseOhlcvCsv(readFileSync(join(folder, file), 'utf8'), instrument.tickSize, file));
  }
  if (bars.size === 0)
    throw new Error(
      `replay: no CSV in ${folder} is named after a known symbol (${instruments.map((i) => i.symbol).join(', ')})`,
    );
  return new ReplayMarketSource(
    instruments.filter((i) => bars.has(i.symbol)),
    bars,
  );
}
