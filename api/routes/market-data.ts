import { type ApiContext } from '../context';
import { defineRoute, type Route } from '../http/route';
import { toJson } from '../schemas/json';
import {
  candlesQuery,
  indicatorsQuery,
  indicatorsSchema,
  marketDataSchema,
  seriesQuery,
  seriesSchema,
  symbolParams,
} from '../schemas/market-data';
import { notFoundError } from '../errors';

const iso = (t: number) => new Date(t).toISOString();

export function marketDataRoutes(ctx: ApiContext): Route[] {
  const reader = ctx.marketData;
  return [
    defineRoute({
      method: 'get',
      path: '/api/market-data/:symbol',
      operationId: 'getMarketData',
      summary: 'Closed candles of one timeframe and the latest quote',
      tag: 'market-data',
      access: 'read',
      params: symbolParams,
      query: candlesQuery,
      success: { status: 200, description: 'Candles and quote.', schema: marketDataSchema },
      errors: [404, 502],
      handle: async ({ params, query }) => {
        const { now, quote, candles } = await reader.recent(params.symbol, query.timeframe, query.limit);
        return {
          symbol: params.symbol,
          timeframe: query.timeframe,
          source: reader.sourceName,
          asOf: iso(now),
          quote: quote && { ...quote },
          candles: candles.map((c) => ({ ...c, time: iso(c.time) })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/market-data/:symbol/indicators',
      operationId: 'getIndicators',
      summary: 'VWAP, EMA, RSI, ATR, MACD, relative volume and structure, per timeframe',
      description: "Computed by the trading core's feature engine from the last 60 days of 5-minute bars.",
      tag: 'market-data',
      access: 'read',
      params: symbolParams,
      query: indicatorsQuery,
      success: { status: 200, description: 'Indicators at the last closed bar.', schema: indicatorsSchema },
      errors: [404, 502],
      handle: async ({ params, query }) => {
        const snapshot = await reader.indicators(params.symbol);
        if (!snapshot) throw notFoundError(`No bars for ${params.symbol} yet.`, 'no_market_data');
        const frames = Object.fromEntries(
          Object.entries(snapshot.frames)
            .filter(([tf]) => query.timeframe === undefined || tf === query.timeframe)
            .map(([tf, f]) => [tf, { ...toJson(f), time: iso(f.time), closeTime: iso(f.closeTime) }]),
        );
        return {
          symbol: snapshot.symbol,
          source: reader.sourceName,
          asOf: iso(snapshot.time),
          session: { ...snapshot.session },
          frames,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/market-data/:symbol/series',
      operationId: 'getIndicatorSeries',
      summary: 'Candles of one timeframe with VWAP, EMA and RSI per bar and SMC structure breaks (for charts)',
      description:
        "Computed by the trading core's feature engine from the last 60 days of 5-minute bars, bar by bar, " +
        'so the chart shows the values the strategies and the LLM saw.',
      tag: 'market-data',
      access: 'read',
      params: symbolParams,
      query: seriesQuery,
      success: { status: 200, description: 'Bars with indicators, oldest first.', schema: seriesSchema },
      errors: [404, 502],
      handle: async ({ params, query }) => {
        const series = await reader.series(params.symbol, query.timeframe, query.limit);
        return {
          symbol: params.symbol,
          timeframe: query.timeframe,
          source: reader.sourceName,
          asOf: iso(series.now),
          points: series.points.map((p) => ({ ...p, time: iso(p.time) })),
          structure: series.structure.map((m) => ({ ...m, time: iso(m.time) })),
          levels: series.levels ? { ...series.levels } : null,
        };
      },
    }),
  ];
}
