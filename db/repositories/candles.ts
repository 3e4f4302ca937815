import { Op } from 'sequelize';
import { type Candle, type Timeframe } from '../../core/types';
import { type Models } from '../models';

/** Bars the cycles decided on, one row per (symbol, timeframe, bar start). */
export function candleRepository(models: Models) {
  return {
    /** Inserts new bars and corrects changed ones; returns how many were written. */
    async upsert(symbol: string, timeframe: Timeframe, candles: readonly Candle[]): Promise<number> {
      if (candles.length === 0) return 0;
      await models.Candle.bulkCreate(
        candles.map((c) => ({ symbol, timeframe, time: new Date(c.time), ...pick(c) })),
        { updateOnDuplicate: ['open', 'high', 'low', 'close', 'volume'] },
      );
      return candles.length;
    },

    /** Start of the newest stored bar, or undefined. */
    async latest(symbol: string, timeframe: Timeframe): Promise<number | undefined> {
      const time = (await models.Candle.max('time', { where: { symbol, timeframe } })) as Date | null;
      return time ? new Date(time).getTime() : undefined;
    },

    /** Bars starting in [from, to), oldest first. */
    async between(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<Candle[]> {
      const rows = await models.Candle.findAll({
        where: { symbol, timeframe, time: { [Op.gte]: new Date(from), [Op.lt]: new Date(to) } },
        order: [['time', 'ASC']],
        raw: true,
      });
      return rows.map((r) => ({ time: new Date(r.time).getTime(), ...pick(r) }));
    },
  };
}

function pick(c: Pick<Candle, 'open' | 'high' | 'low' | 'close' | 'volume'>) {
  return { open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume };
}
