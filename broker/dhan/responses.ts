/**
 * zod schemas for Dhan v2 responses, written to read what Dhan really sends rather than only what
 * its docs print: numbers may arrive as numeric strings, optional fields may be missing, `null` or
 * `""`, single-order endpoints may answer with an object or a one-element array, and the misspelt
 * `availabelBalance` is the real field name. Unknown fields are dropped; unknown enum values are kept
 * as strings so a new status never breaks decoding.
 */
import { z } from 'zod';
import { TRANSACTION_TYPES } from './enums';

const blankToUndefined = (v: unknown) => (v === null || v === '' ? undefined : v);

/** A number that may arrive as a numeric string (`"1400.5"`). */
const numberLike = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v),
  z.number(),
);
/** Optional number: missing, `null` and `""` all mean "not given". */
const optNumber = z.preprocess(blankToUndefined, numberLike.optional()).optional();
/** Optional text; a number is accepted as its decimal text, anything else is refused. */
const optString = z
  .preprocess(blankToUndefined, z.union([z.string(), z.number().transform(String)]).optional())
  .optional();
const optBoolean = z.preprocess(blankToUndefined, z.boolean().optional()).optional();
/** Ids are strings on the wire, but a number must not break decoding. */
const idString = z.union([z.string().min(1), z.number()]).transform(String);

export const dhanOrderSchema = z.object({
  dhanClientId: optString,
  orderId: idString,
  exchangeOrderId: optString,
  correlationId: optString,
  orderStatus: z.string().min(1),
  transactionType: z.enum(TRANSACTION_TYPES),
  exchangeSegment: z.string(),
  productType: z.string(),
  orderType: z.string(),
  validity: optString,
  tradingSymbol: optString,
  securityId: idString,
  quantity: numberLike,
  disclosedQuantity: optNumber,
  price: optNumber,
  triggerPrice: optNumber,
  afterMarketOrder: optBoolean,
  legName: optString,
  createTime: optString,
  updateTime: optString,
  exchangeTime: optString,
  omsErrorCode: optString,
  omsErrorDescription: optString,
  algoId: optString,
  remainingQuantity: optNumber,
  averageTradedPrice: optNumber,
  filledQty: optNumber,
});
export type DhanOrder = z.infer<typeof dhanOrderSchema>;

export const dhanOrderListSchema = z.array(dhanOrderSchema);

/**
 * `GET /orders/{id}` and `/orders/external/{cid}`: the SDK fixtures show an object, one digest shows
 * a one-element array (open question 1 of the note). Both decode; an empty array or body means none.
 */
export const dhanSingleOrderSchema = z
  .union([z.null(), z.literal(''), dhanOrderSchema, z.array(dhanOrderSchema).max(1)])
  .transform((v): DhanOrder | null => (Array.isArray(v) ? (v[0] ?? null) : v === '' ? null : v));

export const dhanOrderAckSchema = z.object({ orderId: idString, orderStatus: z.string().min(1) });
export type DhanOrderAck = z.infer<typeof dhanOrderAckSchema>;

export const dhanTradeSchema = z.object({
  dhanClientId: optString,
  orderId: idString,
  exchangeOrderId: optString,
  exchangeTradeId: optString,
  transactionType: z.enum(TRANSACTION_TYPES),
  exchangeSegment: z.string(),
  productType: z.string(),
  orderType: optString,
  tradingSymbol: optString,
  customSymbol: optString,
  securityId: idString,
  tradedQuantity: numberLike,
  tradedPrice: numberLike,
  createTime: optString,
  updateTime: optString,
  exchangeTime: optString,
});
export type DhanTrade = z.infer<typeof dhanTradeSchema>;
export const dhanTradeListSchema = z.array(dhanTradeSchema);

export const dhanPositionSchema = z.object({
  dhanClientId: optString,
  tradingSymbol: optString,
  securityId: idString,
  positionType: z.string(),
  exchangeSegment: z.string(),
  productType: z.string(),
  buyAvg: optNumber,
  costPrice: optNumber,
  buyQty: optNumber,
  sellAvg: optNumber,
  sellQty: optNumber,
  netQty: numberLike,
  realizedProfit: optNumber,
  unrealizedProfit: optNumber,
  multiplier: optNumber,
  carryForwardBuyQty: optNumber,
  carryForwardSellQty: optNumber,
  carryForwardBuyValue: optNumber,
  carryForwardSellValue: optNumber,
  dayBuyQty: optNumber,
  daySellQty: optNumber,
  dayBuyValue: optNumber,
  daySellValue: optNumber,
});
export type DhanPosition = z.infer<typeof dhanPositionSchema>;
export const dhanPositionListSchema = z.array(dhanPositionSchema);

export const dhanHoldingSchema = z.object({
  exchange: optString,
  tradingSymbol: optString,
  securityId: idString,
  isin: optString,
  totalQty: numberLike,
  dpQty: optNumber,
  t1Qty: optNumber,
  availableQty: optNumber,
  collateralQty: optNumber,
  avgCostPrice: optNumber,
  lastTradedPrice: optNumber,
});
export type DhanHolding = z.infer<typeof dhanHoldingSchema>;
export const dhanHoldingListSchema = z.array(dhanHoldingSchema);

/** Fund limits. The API spells `availabelBalance`; a corrected spelling is accepted too, in case Dhan fixes it. */
export const dhanFundLimitSchema = z.preprocess(
  (v) => {
    if (v && typeof v === 'object' && !('availabelBalance' in v) && 'availableBalance' in v) {
      return { ...v, availabelBalance: (v as { availableBalance: unknown }).availableBalance };
    }
    return v;
  },
  z.object({
    dhanClientId: optString,
    availabelBalance: numberLike,
    sodLimit: optNumber,
    collateralAmount: optNumber,
    receiveableAmount: optNumber,
    utilizedAmount: optNumber,
    blockedPayoutAmount: optNumber,
    withdrawableBalance: optNumber,
  }),
);
export type DhanFundLimit = z.infer<typeof dhanFundLimitSchema>;

export const dhanProfileSchema = z.object({
  dhanClientId: idString,
  tokenValidity: optString,
  activeSegment: optString,
  ddpi: optString,
  mtf: optString,
  dataPlan: optString,
  dataValidity: optString,
});
export type DhanProfile = z.infer<typeof dhanProfileSchema>;

const numberArray = z.array(numberLike);

/** Candles as parallel arrays; index i of every array is the same bar. `timestamp` is UNIX seconds. */
export const dhanCandlesSchema = z
  .object({
    open: numberArray,
    high: numberArray,
    low: numberArray,
    close: numberArray,
    volume: numberArray,
    timestamp: numberArray,
    open_interest: numberArray.optional(),
  })
  .refine(
    (c) => [c.open, c.high, c.low, c.close, c.volume].every((a) => a.length === c.timestamp.length),
    'candle arrays differ in length',
  );
export type DhanCandles = z.infer<typeof dhanCandlesSchema>;

const ohlcSchema = z.object({ open: numberLike, close: numberLike, high: numberLike, low: numberLike });
const depthLevelSchema = z.object({ quantity: numberLike, orders: numberLike, price: numberLike });

/** One instrument of a market-quote answer; LTP mode has only `last_price`, OHLC mode adds `ohlc`. */
export const dhanQuoteEntrySchema = z.object({
  last_price: numberLike,
  ohlc: ohlcSchema.optional(),
  average_price: optNumber,
  buy_quantity: optNumber,
  sell_quantity: optNumber,
  last_quantity: optNumber,
  last_trade_time: optString,
  net_change: optNumber,
  volume: optNumber,
  oi: optNumber,
  lower_circuit_limit: optNumber,
  upper_circuit_limit: optNumber,
  depth: z.object({ buy: z.array(depthLevelSchema), sell: z.array(depthLevelSchema) }).optional(),
});
export type DhanQuoteEntry = z.infer<typeof dhanQuoteEntrySchema>;

/** `{data: {<SEGMENT>: {<securityId>: entry}}, status: "success"}`. */
export const dhanQuoteResponseSchema = z.object({
  data: z.record(z.string(), z.record(z.string(), dhanQuoteEntrySchema)),
  status: z.string(),
});
export type DhanQuoteResponse = z.infer<typeof dhanQuoteResponseSchema>;

/** Trading-API error body. */
export const dhanErrorBodySchema = z.object({
  errorType: optString,
  errorCode: optString,
  errorMessage: optString,
});
/** Data-API error body: `{"status":"failed","data":{"808":"Authentication Failed …"}}`. */
export const dhanDataErrorBodySchema = z.object({
  status: z.literal('failed'),
  data: z.record(z.string(), z.coerce.string()),
});
/** Spring-style body of an unknown route: `{"status":404,"error":"Not Found","path":…}`. */
export const springErrorBodySchema = z.object({ status: z.number(), error: z.string(), path: optString });
