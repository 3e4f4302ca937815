import { z } from 'zod';
import { timestamp } from './common';

const TIMEFRAMES = ['1m', '5m', '15m', '1h', '1d'] as const;

export const symbolParams = z.strictObject({
  symbol: z
    .string()
    .regex(/^[A-Z][A-Z0-9&-]{0,19}$/, 'an NSE symbol in capitals, e.g. RELIANCE')
    .meta({ description: 'NSE symbol, e.g. RELIANCE.' }),
});

export const candlesQuery = z.strictObject({
  timeframe: z.enum(TIMEFRAMES).default('5m'),
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: 'Most recent closed bars.' }),
});

const candleSchema = z
  .strictObject({
    time: timestamp.meta({ description: 'Bar start.' }),
    open: z.number(),
    high: z.number(),
    low: z.number(),
    close: z.number(),
    volume: z.number(),
  })
  .meta({ id: 'Candle' });

const quoteSchema = z
  .strictObject({
    symbol: z.string(),
    lastPrice: z.number(),
    open: z.number().optional(),
    high: z.number().optional(),
    low: z.number().optional(),
    previousClose: z.number().optional(),
    volume: z.number().optional(),
    lowerCircuit: z.number().optional(),
    upperCircuit: z.number().optional(),
    lastTradeTime: z.number().optional().meta({ description: 'Epoch ms.' }),
  })
  .meta({ id: 'Quote' });

export const marketDataSchema = z
  .strictObject({
    symbol: z.string(),
    timeframe: z.enum(TIMEFRAMES),
    source: z.string().meta({ description: 'simulator or dhan.' }),
    asOf: timestamp.meta({ description: 'Market time of the answer.' }),
    quote: quoteSchema.nullable(),
    candles: z.array(candleSchema).meta({ description: 'Closed bars, oldest first.' }),
  })
  .meta({ id: 'MarketData' });

export const indicatorsQuery = z.strictObject({
  timeframe: z.enum(['5m', '15m', '1h', '1d']).optional().meta({ description: 'Only this frame (default: all).' }),
});

const n = z.number().optional();
const structureSchema = z.strictObject({
  trend: z.enum(['up', 'down', 'none']),
  lastEvent: z.string().optional(),
  swingHigh: n,
  swingLow: n,
  equilibrium: n,
});
const frameSchema = z
  .strictObject({
    symbol: z.string(),
    timeframe: z.enum(TIMEFRAMES),
    time: timestamp.meta({ description: 'Start of the last closed bar.' }),
    closeTime: timestamp,
    open: z.number(),
    high: z.number(),
    low: z.number(),
    close: z.number(),
    volume: z.number(),
    vwap: n,
    vwapUpper1: n,
    vwapLower1: n,
    vwapUpper2: n,
    vwapLower2: n,
    vwapSlope: n,
    ema9: n,
    ema21: n,
    ema50: n,
    rsi14: n,
    atr14: n,
    macd: n,
    macdSignal: n,
    macdHistogram: n,
    rvol: n,
    structure: structureSchema,
  })
  .meta({ id: 'IndicatorFrame', description: 'Indicators at the last closed bar; absent values are warming up.' });

export const indicatorsSchema = z
  .strictObject({
    symbol: z.string(),
    source: z.string(),
    asOf: timestamp.meta({ description: 'Close of the newest 5-minute bar used.' }),
    session: z.strictObject({
      dayHigh: n,
      dayLow: n,
      prevHigh: n,
      prevLow: n,
      prevClose: n,
      openingHigh: n,
      openingLow: n,
      averageRange: n,
    }),
    frames: z.partialRecord(z.enum(TIMEFRAMES), frameSchema),
  })
  .meta({ id: 'Indicators' });

export const seriesQuery = z.strictObject({
  timeframe: z.enum(['5m', '15m', '1h', '1d']).default('5m'),
  limit: z.coerce.number().int().min(1).max(500).default(200).meta({ description: 'Most recent closed bars.' }),
});

const seriesPointSchema = candleSchema
  .extend({
    vwap: n,
    ema9: n,
    ema21: n,
    ema50: n,
    rsi14: n,
  })
  .meta({ id: 'SeriesPoint' });

export const seriesSchema = z
  .strictObject({
    symbol: z.string(),
    timeframe: z.enum(TIMEFRAMES),
    source: z.string(),
    asOf: timestamp.meta({ description: 'Market time of the answer.' }),
    points: z.array(seriesPointSchema).meta({ description: 'Closed bars with their indicators, oldest first.' }),
    structure: z
      .array(
        z.strictObject({
          time: timestamp.meta({ description: 'Start of the bar that closed beyond the level.' }),
          kind: z.enum(['BOS', 'CHoCH']),
          direction: z.enum(['bullish', 'bearish']),
          level: z.number(),
        }),
      )
      .meta({ description: 'Breaks of market structure (SMC) among the points.' }),
    levels: structureSchema.nullable().meta({ description: 'Structure at the last closed bar.' }),
  })
  .meta({
    id: 'IndicatorSeries',
    description: "Bars of one timeframe with VWAP, EMA and RSI as the trading core's feature engine computed them.",
  });
