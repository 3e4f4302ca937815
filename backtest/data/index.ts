/**
 * Where a backtest's bars come from: a folder of OHLCV CSV files, the built-in simulator's synthetic
 * market, Dhan's historical candles (cached on disk), or the desk's own candles table. Whatever the
 * source, the backtest gets the bars of `[from − 21 days, end of to)`: the 21 days before the first
 * session warm the indicators up, as the live cycle's lookback does.
 */
import { ANALYSIS_LOOKBACK_MS } from '../../core/cycle';
import { DAY_MS, istTime } from '../../core/time';
import { type Candle } from '../../core/types';
import { type CsvFormat } from './csv';
import { type CandleFetcher, dhanBars } from './dhan';
import { loadCsvFolder } from './folder';
import { simulatorBars, type SimulatorData } from './simulator';

export type DataSource =
  | { readonly kind: 'csv'; readonly folder: string; readonly format?: CsvFormat }
  | ({ readonly kind: 'simulator' } & SimulatorData)
  | { readonly kind: 'dhan'; readonly fetch: CandleFetcher; readonly cacheDir: string; readonly now: number }
  /** The desk's candles table (what the live cycles decided on). */
  | { readonly kind: 'candles'; readonly read: (symbol: string, from: number, to: number) => Promise<Candle[]> };

/** The source in words, for the result and the report. */
export function describeSource(source: DataSource): string {
  switch (source.kind) {
    case 'csv':
      return source.folder;
    case 'simulator':
      return `simulator (synthetic, seed ${source.seed}${source.start ? `, started ${source.start}` : ''})`;
    case 'dhan':
      return `dhan (historical 5m candles, cached in ${source.cacheDir})`;
    case 'candles':
      return 'candles table';
  }
}

/** The bars the backtest of `[from, to]` (IST dates) needs, per symbol, oldest first. */
export async function loadBars(
  source: DataSource,
  symbols: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Candle[]>> {
  const start = istTime(from, 0, 0) - ANALYSIS_LOOKBACK_MS;
  const end = istTime(to, 0, 0) + DAY_MS;
  const within = (bars: Map<string, Candle[]>) =>
    new Map([...bars].map(([s, b]) => [s, b.filter((bar) => bar.time >= start && bar.time < end)]));
  switch (source.kind) {
    case 'csv':
      return within(loadCsvFolder(source.folder, symbols, source.format));
    case 'simulator':
      return within(simulatorBars(source, symbols, start, end, from));
    case 'dhan':
      return dhanBars(source.fetch, source.cacheDir, symbols, start, end, source.now);
    case 'candles': {
      const bars = new Map<string, Candle[]>();
      for (const symbol of symbols) bars.set(symbol, await source.read(symbol, start, end));
      return bars;
    }
  }
}
