/**
 * zod schemas for Dhan v2 request bodies. The client checks what it is about to send (bad input
 * fails before the network, with the field named), and the simulator validates what it receives with
 * the very same schemas, answering DH-905 as Dhan does.
 */
import { z } from 'zod';
import { parseIstDateTime, MAX_INTRADAY_DAYS } from './dates';
import { DAY_MS } from '../../core/time';
import {
  AMO_TIMES,
  CHART_SEGMENTS,
  INSTRUMENT_TYPES,
  INTRADAY_INTERVALS,
  LEG_NAMES,
  ORDER_SEGMENTS,
  ORDER_TYPES,
  PRODUCT_TYPES,
  QUOTE_SEGMENTS,
  TRANSACTION_TYPES,
  VALIDITIES,
} from './enums';

/** Dhan's own rule: at most 30 characters of letters, digits, space, `_`, `-` (the portal adds `.`). */
export const dhanCorrelationIdSchema = z
  .string()
  .max(30, 'correlationId is at most 30 characters')
  .regex(/^[A-Za-z0-9 _.-]*$/, 'correlationId allows letters, digits, space, _, - and . only');

const securityIdSchema = z.string().regex(/^\d+$/, 'securityId is a numeric string, e.g. "2885"');
const price = z.number().finite().min(0);

const needsPrice = new Set(['LIMIT', 'STOP_LOSS']);
const needsTrigger = new Set(['STOP_LOSS', 'STOP_LOSS_MARKET']);

/** Cross-field rules shared by place and modify: the price fields an order type needs. */
function checkPrices(body: { orderType: string; price?: number; triggerPrice?: number }, ctx: z.RefinementCtx): void {
  if (needsPrice.has(body.orderType) && !(body.price !== undefined && body.price > 0))
    ctx.addIssue({ code: 'custom', path: ['price'], message: `price > 0 is required for ${body.orderType} orders` });
  if (needsTrigger.has(body.orderType) && !(body.triggerPrice !== undefined && body.triggerPrice > 0))
    ctx.addIssue({
      code: 'custom',
      path: ['triggerPrice'],
      message: `triggerPrice > 0 is required for ${body.orderType} orders`,
    });
}

/**
 * `POST /orders`. Quantity must be a whole number; whether it is positive, a lot multiple, on tick
 * or inside the band is an order-level decision (Dhan rejects the order, not the request).
 */
export const placeOrderRequestSchema = z
  .object({
    dhanClientId: z.string().min(1),
    correlationId: dhanCorrelationIdSchema.optional(),
    transactionType: z.enum(TRANSACTION_TYPES),
    exchangeSegment: z.enum(ORDER_SEGMENTS),
    productType: z.enum(PRODUCT_TYPES),
    orderType: z.enum(ORDER_TYPES),
    validity: z.enum(VALIDITIES),
    securityId: securityIdSchema,
    quantity: z.number().int(),
    disclosedQuantity: z.number().int().min(0).optional(),
    price: price.optional(),
    triggerPrice: price.optional(),
    afterMarketOrder: z.boolean().optional(),
    amoTime: z.enum(AMO_TIMES).optional(),
    boProfitValue: price.optional(),
    boStopLossValue: price.optional(),
  })
  .superRefine(checkPrices);
export type PlaceOrderRequest = z.infer<typeof placeOrderRequestSchema>;

/** `PUT /orders/{order-id}`; `quantity` is the new total, not the unfilled remainder. */
export const modifyOrderRequestSchema = z
  .object({
    dhanClientId: z.string().min(1),
    orderId: z.string().min(1),
    orderType: z.enum(ORDER_TYPES),
    legName: z.enum(LEG_NAMES).optional(),
    quantity: z.number().int().optional(),
    price: price.optional(),
    disclosedQuantity: z.number().int().min(0).optional(),
    triggerPrice: price.optional(),
    validity: z.enum(VALIDITIES),
  })
  .superRefine(checkPrices);
export type ModifyOrderRequest = z.infer<typeof modifyOrderRequestSchema>;

const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')
  .refine((s) => parseIstDateTime(s) !== undefined, 'not a calendar date');
const dateOrDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, 'dates are YYYY-MM-DD or YYYY-MM-DD HH:MM:SS')
  .refine((s) => parseIstDateTime(s) !== undefined, 'not a calendar date and time');

const chartBase = {
  securityId: securityIdSchema,
  exchangeSegment: z.enum(CHART_SEGMENTS),
  instrument: z.enum(INSTRUMENT_TYPES),
  oi: z.boolean().optional(),
};

/** `POST /charts/historical`: daily bars, `toDate` exclusive. */
export const historicalChartRequestSchema = z
  .object({ ...chartBase, expiryCode: z.number().int().min(0).max(3).optional(), fromDate: dateOnly, toDate: dateOnly })
  .refine((b) => b.fromDate < b.toDate, { path: ['toDate'], message: 'toDate (exclusive) must be after fromDate' });
export type HistoricalChartRequest = z.infer<typeof historicalChartRequestSchema>;

/** The docs send the interval as `"5"`, the SDK as `5`; both are accepted and normalised to a number. */
const intervalSchema = z.preprocess(
  (v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v),
  z.literal(INTRADAY_INTERVALS, { error: `interval is one of ${INTRADAY_INTERVALS.join(', ')} minutes` }),
);

/** `POST /charts/intraday`: minute bars, at most 90 days per request. */
export const intradayChartRequestSchema = z
  .object({ ...chartBase, interval: intervalSchema, fromDate: dateOrDateTime, toDate: dateOrDateTime })
  .superRefine((b, ctx) => {
    const from = parseIstDateTime(b.fromDate) ?? NaN;
    const to = parseIstDateTime(b.toDate) ?? NaN;
    if (!(from <= to))
      ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'toDate must not be before fromDate' });
    if (to - from > MAX_INTRADAY_DAYS * DAY_MS)
      ctx.addIssue({ code: 'custom', path: ['toDate'], message: `at most ${MAX_INTRADAY_DAYS} days per request` });
  });
export type IntradayChartRequest = z.infer<typeof intradayChartRequestSchema>;

/** At most this many instruments per market-quote call. */
export const MAX_QUOTE_INSTRUMENTS = 1000;

/** `POST /marketfeed/ltp|ohlc|quote`: `{"NSE_EQ": [2885, 11536]}` (integer security ids). */
export const quoteRequestSchema = z
  .partialRecord(
    z.enum(QUOTE_SEGMENTS as unknown as [string, ...string[]]),
    z.array(z.number().int().positive()).min(1),
  )
  .refine((r) => Object.keys(r).length > 0, 'name at least one exchange segment');
export type QuoteRequest = z.infer<typeof quoteRequestSchema>;

/** Number of instruments in a quote request. */
export function quoteInstrumentCount(request: QuoteRequest): number {
  return Object.values(request).reduce((n, ids) => n + (ids?.length ?? 0), 0);
}

/** One line per problem, `field: message`, for DH-905 bodies and client-side errors. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');
}
