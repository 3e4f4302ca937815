/**
 * Bars of the built-in Dhan simulator's synthetic market, without running the simulator: the same
 * seeded source (`DhanSimulator` builds it from the seed and the day its clock starts on), read as
 * the 5-minute candles the simulator serves. A simulator started on `start` with `seed` shows the
 * live desk exactly these bars.
 */
import { DhanSimulator } from '../../broker/simulator/simulator';
import { istTime } from '../../core/time';
import { type Candle } from '../../core/types';

export interface SimulatorData {
  readonly seed: number;
  /** IST date the simulator's clock starts on (default: the backtest's first day). */
  readonly start?: string;
}

/** 5-minute candles of `symbols` starting in `[from, to)` (epoch ms), closed by `to`. */
export function simulatorBars(
  data: SimulatorData,
  symbols: readonly string[],
  from: number,
  to: number,
  firstDay: string,
): Map<string, Candle[]> {
  const start = data.start ?? firstDay;
  const sim = new DhanSimulator({
    accessToken: 'backtest',
    clientId: 'backtest',
    market: { kind: 'synthetic', seed: data.seed },
    clock: { mode: 'stepped', start: istTime(start, 9, 15) },
  });
  return new Map(symbols.map((symbol) => [symbol, sim.market.intradayCandles(symbol, 5, from, to - 1, to)]));
}
