/** Where the simulator's prices come from: a synthetic generator or a replay of files. */
import { type Instrument } from '../../../core/instruments';
import { type Candle } from '../../../core/types';

export interface MarketSource {
  /** Length of the source's bars in minutes (1 for synthetic, 5 for the NSE files). */
  readonly baseMinutes: number;
  readonly instruments: readonly Instrument[];
  /** Earliest day with bars. */
  readonly firstDay: string;
  /** Whether the exchange trades on `dateKey` (IST). */
  isTradingDay(dateKey: string): boolean;
  /**
   * The base bars of `symbol` on `dateKey`, oldest first, each stamped at its start; `undefined` when
   * the day did not trade or lies outside what the source has.
   */
  session(symbol: string, dateKey: string): readonly Candle[] | undefined;
}
