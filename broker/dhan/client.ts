/**
 * A typed DhanHQ v2 REST client over Node's `fetch`.
 *
 * - Speaks Dhan's own vocabulary (wire field names, enums, IST strings); `DhanBroker` maps it to the
 *   desk's. Every answer is validated (see ./responses.ts), every failure is a typed `DhanError`.
 * - One attempt per call: retries belong to the caller (Temporal), which knows whether the call is safe
 *   to repeat. Mutations that fail with an unknown outcome must be reconciled by correlation id.
 * - Each call takes an optional `AbortSignal` (pass Temporal's `cancellationSignal()`), on top of the
 *   client's own timeout.
 *
 * @example
 * const client = new DhanClient({ baseUrl: sim.url, clientId: '1000000001', accessToken: new Secret(token) });
 * const ack = await client.placeOrder({ transactionType: 'BUY', exchangeSegment: 'NSE_EQ', productType: 'INTRADAY',
 *   orderType: 'LIMIT', validity: 'DAY', securityId: '2885', quantity: 1, price: 1400, correlationId: 'acct-1' });
 */
import type { z } from 'zod';
import { formatIstDateTime, parseIstDateTime, splitRange } from './dates';
import { DhanError, DhanInputError } from './errors';
import { type CallSpec, DhanHttp, type DhanHttpOptions, type HttpMethod } from './http';
import {
  describeIssues,
  historicalChartRequestSchema,
  intradayChartRequestSchema,
  MAX_QUOTE_INSTRUMENTS,
  modifyOrderRequestSchema,
  placeOrderRequestSchema,
  quoteInstrumentCount,
  quoteRequestSchema,
  type HistoricalChartRequest,
  type IntradayChartRequest,
  type ModifyOrderRequest,
  type PlaceOrderRequest,
  type QuoteRequest,
} from './requests';
import {
  dhanCandlesSchema,
  dhanFundLimitSchema,
  dhanHoldingListSchema,
  dhanOrderAckSchema,
  dhanOrderListSchema,
  dhanPositionListSchema,
  dhanProfileSchema,
  dhanQuoteResponseSchema,
  dhanSingleOrderSchema,
  dhanTradeListSchema,
  type DhanCandles,
  type DhanFundLimit,
  type DhanHolding,
  type DhanOrder,
  type DhanOrderAck,
  type DhanPosition,
  type DhanProfile,
  type DhanQuoteResponse,
  type DhanTrade,
} from './responses';

export type DhanClientOptions = DhanHttpOptions;

/** Place-order fields; the client adds `dhanClientId` itself. */
export type PlaceOrderInput = Omit<PlaceOrderRequest, 'dhanClientId'>;
/** Modify-order fields; the client adds `dhanClientId` and `orderId`. */
export type ModifyOrderInput = Omit<ModifyOrderRequest, 'dhanClientId' | 'orderId'>;

export class DhanClient {
  private readonly http: DhanHttp;
  readonly clientId: string;

  constructor(options: DhanClientOptions) {
    this.http = new DhanHttp(options);
    this.clientId = options.clientId;
  }

  /** `GET /profile`: the cheapest token check; fails with `DhanAuthError` when the token is bad. */
  async profile(signal?: AbortSignal): Promise<DhanProfile> {
    return this.get('/profile', dhanProfileSchema, signal);
  }

  /** `GET /fundlimit`. */
  async fundLimit(signal?: AbortSignal): Promise<DhanFundLimit> {
    return this.get('/fundlimit', dhanFundLimitSchema, signal);
  }

  /** `GET /positions`: today's positions. */
  async positions(signal?: AbortSignal): Promise<DhanPosition[]> {
    return this.get('/positions', dhanPositionListSchema, signal);
  }

  /** `GET /holdings`: demat holdings. */
  async holdings(signal?: AbortSignal): Promise<DhanHolding[]> {
    return this.get('/holdings', dhanHoldingListSchema, signal);
  }

  /** `GET /orders`: today's order book. */
  async orderBook(signal?: AbortSignal): Promise<DhanOrder[]> {
    return this.get('/orders', dhanOrderListSchema, signal);
  }

  /** `GET /orders/{id}`; `null` when Dhan says there is no such order. */
  async order(orderId: string, signal?: AbortSignal): Promise<DhanOrder | null> {
    return orNullIfNotFound(this.get(`/orders/${pathPart(orderId, 'orderId')}`, dhanSingleOrderSchema, signal));
  }

  /**
   * `GET /orders/external/{correlation-id}`; `null` when Dhan says there is no such order.
   *
   * "Not found" is read only from explicit signals (HTTP 404, an empty answer, or an error whose
   * message says not found), never from other failures: a wrong "none" here would let the caller
   * place a duplicate order.
   */
  async orderByCorrelationId(correlationId: string, signal?: AbortSignal): Promise<DhanOrder | null> {
    const path = `/orders/external/${pathPart(correlationId, 'correlationId')}`;
    return orNullIfNotFound(this.get(path, dhanSingleOrderSchema, signal));
  }

  /** `GET /trades`: today's trade book. */
  async tradeBook(signal?: AbortSignal): Promise<DhanTrade[]> {
    return this.get('/trades', dhanTradeListSchema, signal);
  }

  /** `GET /trades/{order-id}`: the fills of one order. */
  async tradesOfOrder(orderId: string, signal?: AbortSignal): Promise<DhanTrade[]> {
    return this.get(`/trades/${pathPart(orderId, 'orderId')}`, dhanTradeListSchema, signal);
  }

  /**
   * `POST /orders`. Not idempotent by itself: after a `DhanTimeoutError`, `DhanNetworkError` or
   * `DhanServerError` the order may exist; look it up with {@link orderByCorrelationId} before placing again.
   */
  async placeOrder(input: PlaceOrderInput, signal?: AbortSignal): Promise<DhanOrderAck> {
    const body = checked(placeOrderRequestSchema, { ...input, dhanClientId: this.clientId }, 'POST /orders');
    return this.send('POST', '/orders', body, dhanOrderAckSchema, signal);
  }

  /** `PUT /orders/{id}`: only pending orders; `quantity` is the new total. */
  async modifyOrder(orderId: string, input: ModifyOrderInput, signal?: AbortSignal): Promise<DhanOrderAck> {
    const path = `/orders/${pathPart(orderId, 'orderId')}`;
    const body = checked(modifyOrderRequestSchema, { ...input, orderId, dhanClientId: this.clientId }, `PUT ${path}`);
    return this.send('PUT', path, body, dhanOrderAckSchema, signal);
  }

  /** `DELETE /orders/{id}`: cancels a pending order. */
  async cancelOrder(orderId: string, signal?: AbortSignal): Promise<DhanOrderAck> {
    return this.send('DELETE', `/orders/${pathPart(orderId, 'orderId')}`, undefined, dhanOrderAckSchema, signal);
  }

  /**
   * `POST /charts/historical`: daily bars stamped 00:00 IST, `toDate` exclusive.
   * An empty range comes back as empty arrays (see {@link isNoData}).
   */
  async dailyCandles(request: HistoricalChartRequest, signal?: AbortSignal): Promise<DhanCandles> {
    const body = checked(historicalChartRequestSchema, request, 'POST /charts/historical');
    return emptyIfNoData(this.send('POST', '/charts/historical', body, dhanCandlesSchema, signal));
  }

  /**
   * `POST /charts/intraday`: minute bars stamped at their start. Ranges longer than Dhan's 90-day
   * limit are split into several requests (run one after another, inside the data rate limit) and
   * joined, without duplicate timestamps, in time order.
   */
  async intradayCandles(request: IntradayChartRequest, signal?: AbortSignal): Promise<DhanCandles> {
    const from = parseIstDateTime(request.fromDate);
    const to = parseIstDateTime(request.toDate);
    if (from === undefined || to === undefined || to < from) {
      checked(intradayChartRequestSchema, request, 'POST /charts/intraday'); // throws with the field named
      throw new DhanInputError('Dhan POST /charts/intraday: bad date range', { endpoint: 'POST /charts/intraday' });
    }
    const parts: DhanCandles[] = [];
    for (const window of splitRange(from, to)) {
      const part = { ...request, fromDate: formatIstDateTime(window.from), toDate: formatIstDateTime(window.to) };
      const body = checked(intradayChartRequestSchema, part, 'POST /charts/intraday');
      parts.push(await emptyIfNoData(this.send('POST', '/charts/intraday', body, dhanCandlesSchema, signal)));
    }
    return parts.length === 1 ? (parts[0] as DhanCandles) : mergeCandles(parts);
  }

  /** `POST /marketfeed/ltp`: last traded prices (needs the data plan; 1 request/s). */
  async ltp(request: QuoteRequest, signal?: AbortSignal): Promise<DhanQuoteResponse> {
    return this.quoteCall('/marketfeed/ltp', request, signal);
  }

  /** `POST /marketfeed/ohlc`: LTP plus the day's OHLC. */
  async ohlc(request: QuoteRequest, signal?: AbortSignal): Promise<DhanQuoteResponse> {
    return this.quoteCall('/marketfeed/ohlc', request, signal);
  }

  /** `POST /marketfeed/quote`: full quote with depth, volume and circuit limits. */
  async quote(request: QuoteRequest, signal?: AbortSignal): Promise<DhanQuoteResponse> {
    return this.quoteCall('/marketfeed/quote', request, signal);
  }

  private async quoteCall(path: string, request: QuoteRequest, signal?: AbortSignal): Promise<DhanQuoteResponse> {
    const body = checked(quoteRequestSchema, request, `POST ${path}`);
    if (quoteInstrumentCount(body) > MAX_QUOTE_INSTRUMENTS)
      throw new DhanInputError(
        `Dhan POST ${path}: at most ${MAX_QUOTE_INSTRUMENTS} instruments per request; split the request`,
        { endpoint: `POST ${path}` },
      );
    return this.send('POST', path, body, dhanQuoteResponseSchema, signal);
  }

  private get<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    return this.http.call({ method: 'GET', path, schema, signal });
  }

  private send<T>(
    method: HttpMethod,
    path: string,
    body: unknown,
    schema: CallSpec<T>['schema'],
    signal?: AbortSignal,
  ): Promise<T> {
    return this.http.call({ method, path, body, schema, signal });
  }
}

/** Validates an outgoing body; a bad one never reaches the network. */
function checked<S extends z.ZodType>(schema: S, value: unknown, endpoint: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new DhanInputError(`Dhan ${endpoint}: invalid request (${describeIssues(result.error)})`, { endpoint });
  return result.data;
}

function pathPart(value: string, name: string): string {
  if (value.length === 0) throw new DhanInputError(`${name} must not be empty`, { endpoint: '(client)' });
  return encodeURIComponent(value);
}

const NOT_FOUND = /not found|no order|no such order|no record/i;

async function orNullIfNotFound<T>(call: Promise<T | null>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof DhanError && !error.retryable) {
      if (error.status === 404 || NOT_FOUND.test(error.dhanMessage ?? '')) return null;
    }
    throw error;
  }
}

/**
 * Dhan reports a range without bars as DH-905 "System is unable to fetch data due to incorrect
 * parameters or no data present" (DhanHQ-py issue #92). The client validates the parameters before
 * sending, so that answer is read as "no bars".
 */
export function isNoData(error: unknown): boolean {
  return (
    error instanceof DhanInputError &&
    (error.code === 'DH-905' || error.code === 'DH-907') &&
    /no data/i.test(error.dhanMessage ?? '')
  );
}

async function emptyIfNoData(call: Promise<DhanCandles>): Promise<DhanCandles> {
  try {
    return await call;
  } catch (error) {
    if (isNoData(error)) return { open: [], high: [], low: [], close: [], volume: [], timestamp: [] };
    throw error;
  }
}

/** Joins candle sets in time order; the first bar seen for a timestamp wins. */
function mergeCandles(parts: readonly DhanCandles[]): DhanCandles {
  const rows = new Map<number, [number, number, number, number, number]>();
  for (const c of parts)
    c.timestamp.forEach((t, i) => {
      if (!rows.has(t))
        rows.set(t, [
          c.open[i] as number,
          c.high[i] as number,
          c.low[i] as number,
          c.close[i] as number,
          c.volume[i] as number,
        ]);
    });
  const times = [...rows.keys()].sort((a, b) => a - b);
  const column = (k: number) => times.map((t) => (rows.get(t) as number[])[k] as number);
  return { open: column(0), high: column(1), low: column(2), close: column(3), volume: column(4), timestamp: times };
}
