/**
 * A folder of OHLCV CSV files, one per symbol, named `<SYMBOL>.csv` or `<SYMBOL>_anything.csv`
 * (e.g. `RELIANCE_5min.csv`, the NSE files in ../shared/data/nse).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tickSizeOf } from '../../core/ticks';
import { type Candle } from '../../core/types';
import { type CsvFormat, CsvFormatError, parseOhlcvCsv } from './csv';

/** The symbol a file is named after (`RELIANCE_5min.csv` → `RELIANCE`). */
export function symbolOfFile(file: string): string {
  return (
    file
      .replace(/\.csv$/i, '')
      .split('_')[0]
      ?.toUpperCase() ?? ''
  );
}

/**
 * Reads the bars of `symbols` from `folder`. Throws naming the symbols that have no file, or the
 * file and line that cannot be read.
 */
export function loadCsvFolder(
  folder: string,
  symbols: readonly string[],
  format: CsvFormat = {},
): Map<string, Candle[]> {
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.csv'));
  } catch (error) {
    throw new CsvFormatError(`cannot read the data folder ${folder}: ${(error as Error).message}`);
  }
  const bars = new Map<string, Candle[]>();
  for (const symbol of symbols) {
    const file = files.find((f) => symbolOfFile(f) === symbol);
    if (!file) continue;
    const tick = tickSizeOf(symbol);
    if (tick === undefined) throw new CsvFormatError(`${file}: unknown symbol ${symbol}`);
    bars.set(symbol, parseOhlcvCsv(readFileSync(join(folder, file), 'utf8'), tick, format, file));
  }
  const missing = symbols.filter((s) => !bars.has(s));
  if (missing.length > 0)
    throw new CsvFormatError(
      `no CSV for ${missing.join(', ')} in ${folder} (expected <SYMBOL>.csv or <SYMBOL>_*.csv; found ${files.join(', ') || 'none'})`,
    );
  return bars;
}
