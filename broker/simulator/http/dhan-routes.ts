/**
 * The Dhan v2 endpoints the simulator serves, under `/v2`. Each route validates with the client's
 * own request schemas (bad input → 400 DH-905) and delegates to the exchange or the market.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { type z } from 'zod';
import { roundPaise, roundToTick } from '../../../core/ticks';
import { DAY_MS, istDateKey } from '../../../core/time';
import { type Candle } from '../../../core/types';
import { formatIstDateTime, formatIstDmy, parseIstDateTime } from '../../dhan/dates';
import { categoryOf, DHAN_RATE_LIMITS, SlidingWindowLimiter, type DhanApiCategory } from '../../dhan/rate-limits';
import {
  describeIssues,
  historicalChartRequestSchema,
  intradayChartRequestSchema,
  MAX_QUOTE_INSTRUMENTS,
  modifyOrderRequestSchema,
  placeOrderRequestSchema,
  quoteInstrumentCount,
  quoteRequestSchema,
} from '../../dhan/requests';
import { OrderRefused } from '../exchange/exchange';
import { type DhanSimulator } from '../simulator';
import { MESSAGES, sendDataError, sendDhanError } from './dhan-errors';

/** Parses `req.body` with `schema`; answers 400 DH-905 and returns `undefined` when it does not fit. */
function bodyOf<S extends z.ZodType>(schema: S, req: Request, res: Response): z.infer<S> | undefined {
  const parsed = schema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  sendDhanError(res, 400, 'DH-905', `Invalid request: ${describeIssues(parsed.error)}`);
  return undefined;
}

const MAX_RECORDED_REQUESTS = 10_000;

/** Logs each request (method, path, status) for tests; never headers or bodies. */
function recordRequests(sim: DhanSimulator) {
  return (req: Request, res: Response, next: NextFunction) => {
    const record = { method: req.method, path: req.path } as DhanSimulator['requests'][number];
    sim.requests.push(record);
    // A long-running simulator keeps only the most recent requests.
    if (sim.requests.length > MAX_RECORDED_REQUESTS)
      sim.requests.splice(0, sim.requests.length - MAX_RECORDED_REQUESTS);
    res.on('finish', () => (record.status = res.statusCode));
    res.on('close', () => {
      if (!res.writableFinished) record.dropped = true;
    });
    next();
  };
}

function authenticate(sim: DhanSimulator) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.get('access-token') !== sim.options.accessToken)
      return sendDhanError(res, 401, 'DH-901', MESSAGES.invalidToken);
    // Market-quote APIs also need the client id; they answer in the Data-API shape.
    if (req.path.startsWith('/marketfeed/') && req.get('client-id') !== sim.options.clientId)
      return sendDataError(res, 401, '808', 'Authentication Failed - Client ID or Token invalid');
    next();
  };
}

function rateLimit(sim: DhanSimulator) {
  const limiters = new Map<DhanApiCategory, SlidingWindowLimiter>();
  return (req: Request, res: Response, next: NextFunction) => {
    if (sim.options.rateLimits === false) return next();
    const category = categoryOf(req.method, req.path);
    const limiter = limiters.get(category) ?? new SlidingWindowLimiter(DHAN_RATE_LIMITS[category]);
    limiters.set(category, limiter);
    if (limiter.tryTake(sim.wallClock()) > 0) return sendDhanError(res, 429, 'DH-904', MESSAGES.rateLimit);
    next();
  };
}

function requireDataPlan(sim: DhanSimulator) {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (!sim.access.dataPlan)
      return sendDhanError(res, 403, 'DH-902', 'You are not subscribed to Data APIs. Subscribe from web.dhan.co');
    next();
  };
}

function requireWhitelistedIp(sim: DhanSimulator) {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (!sim.access.staticIpWhitelisted)
      return sendDhanError(res, 403, 'DH-911', 'Invalid IP: order requests must come from your whitelisted static IP');
    next();
  };
}

/** Candles as Dhan's parallel arrays, stamped in UNIX seconds. */
function candleArrays(candles: readonly Candle[]) {
  return {
    open: candles.map((c) => c.open),
    high: candles.map((c) => c.high),
    low: candles.map((c) => c.low),
    close: candles.map((c) => c.close),
    volume: candles.map((c) => c.volume),
    timestamp: candles.map((c) => Math.floor(c.time / 1000)),
    open_interest: candles.map(() => 0),
  };
}

/** Builds the `/v2` router. */
export function dhanRouter(sim: DhanSimulator): Router {
  const router = express.Router();
  router.use(recordRequests(sim), sim.faults.middleware(), authenticate(sim), rateLimit(sim));
  router.use((_req, _res, next) => {
    sim.sync();
    next();
  });
  const ex = sim.exchange;
  const now = () => sim.clock.now();
  const clientId = sim.options.clientId;

  // -------------------------------------------------------------- orders
  router.post('/orders', requireWhitelistedIp(sim), (req, res) => {
    const body = bodyOf(placeOrderRequestSchema, req, res);
    if (!body) return;
    if (body.dhanClientId !== clientId)
      return sendDhanError(res, 400, 'DH-905', 'dhanClientId does not match the token');
    res.json(ex.place(body, now()));
  });
  router.put('/orders/:orderId', requireWhitelistedIp(sim), (req, res) => {
    const body = bodyOf(modifyOrderRequestSchema, req, res);
    if (!body) return;
    if (body.orderId !== req.params.orderId)
      return sendDhanError(res, 400, 'DH-905', 'orderId in the body must match the path');
    res.json(ex.modify(String(req.params.orderId), body, now()));
  });
  router.delete('/orders/:orderId', requireWhitelistedIp(sim), (req, res) => {
    res.json(ex.cancel(String(req.params.orderId), now()));
  });
  router.get('/orders', (_req, res) => void res.json(ex.orderBook()));
  router.get('/orders/external/:correlationId', (req, res) => {
    res.json(ex.orderByCorrelationId(String(req.params.correlationId)));
  });
  router.get('/orders/:orderId', (req, res) => void res.json(ex.orderById(String(req.params.orderId))));
  router.get('/trades', (_req, res) => void res.json(ex.tradeBook()));
  router.get('/trades/:orderId', (req, res) => void res.json(ex.tradesOf(String(req.params.orderId))));

  // -------------------------------------------------------------- portfolio and funds
  router.get('/positions', (_req, res) => void res.json(ex.positions(now())));
  router.get('/holdings', (_req, res) => void res.json(ex.holdings(now())));
  router.get('/fundlimit', (_req, res) => void res.json(ex.fundLimit()));
  router.get('/profile', (_req, res) => {
    res.json({
      dhanClientId: clientId,
      tokenValidity: formatIstDmy(sim.wallClock() + DAY_MS).slice(0, 16),
      activeSegment: 'Equity',
      ddpi: 'Active',
      mtf: 'Deactive',
      dataPlan: sim.access.dataPlan ? 'Active' : 'Deactive',
      dataValidity: `${formatIstDateTime(sim.wallClock() + 30 * DAY_MS)}.0`,
    });
  });

  // -------------------------------------------------------------- charts
  router.post('/charts/historical', requireDataPlan(sim), (req, res) => {
    const body = bodyOf(historicalChartRequestSchema, req, res);
    if (!body) return;
    const instrument = sim.market.bySecurityId(body.securityId);
    const candles =
      instrument && body.exchangeSegment === instrument.exchangeSegment
        ? sim.market.dailyCandles(instrument.symbol, body.fromDate, body.toDate, now())
        : [];
    if (candles.length === 0) return sendDhanError(res, 400, 'DH-905', MESSAGES.noData);
    res.json(candleArrays(candles));
  });
  router.post('/charts/intraday', requireDataPlan(sim), (req, res) => {
    const body = bodyOf(intradayChartRequestSchema, req, res);
    if (!body) return;
    if (body.interval % sim.market.baseMinutes !== 0)
      return sendDhanError(
        res,
        400,
        'DH-905',
        `interval ${body.interval} is not available: the simulated market has ${sim.market.baseMinutes}-minute bars`,
      );
    const instrument = sim.market.bySecurityId(body.securityId);
    const from = parseIstDateTime(body.fromDate) as number;
    // A bare `toDate` covers that whole day (Dhan's intraday end bound is inclusive).
    const to = (parseIstDateTime(body.toDate) as number) + (body.toDate.length === 10 ? DAY_MS - 1 : 0);
    const candles =
      instrument && body.exchangeSegment === instrument.exchangeSegment
        ? sim.market.intradayCandles(instrument.symbol, body.interval, from, to, now())
        : [];
    if (candles.length === 0) return sendDhanError(res, 400, 'DH-905', MESSAGES.noData);
    res.json(candleArrays(candles));
  });

  // -------------------------------------------------------------- market quotes
  for (const mode of ['ltp', 'ohlc', 'quote'] as const) {
    router.post(`/marketfeed/${mode}`, requireDataPlan(sim), (req, res) => {
      const body = bodyOf(quoteRequestSchema, req, res);
      if (!body) return;
      if (quoteInstrumentCount(body) > MAX_QUOTE_INSTRUMENTS)
        return sendDataError(res, 400, '804', 'Requested number of instruments exceeds limit');
      const data: Record<string, Record<string, unknown>> = {};
      for (const [segment, ids] of Object.entries(body)) {
        const entries: Record<string, unknown> = {};
        for (const id of ids ?? []) {
          const entry = quoteEntry(sim, segment, String(id), mode);
          if (entry) entries[String(id)] = entry;
        }
        data[segment] = entries;
      }
      res.json({ data, status: 'success' });
    });
  }

  // Refusals thrown by the exchange → Dhan's 400 bodies.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof OrderRefused) return sendDhanError(res, 400, error.code, error.message);
    next(error);
  });
  return router;
}

/** One instrument of a market-quote answer, in the requested mode. */
function quoteEntry(sim: DhanSimulator, segment: string, securityId: string, mode: 'ltp' | 'ohlc' | 'quote') {
  const instrument = sim.market.bySecurityId(securityId);
  const t = sim.clock.now();
  if (!instrument || instrument.exchangeSegment !== segment) return undefined;
  const last = sim.market.lastPrice(instrument.symbol, t);
  if (last === undefined) return undefined;
  if (mode === 'ltp') return { last_price: last };
  const day = sim.market.dayStats(instrument.symbol, t);
  const previousClose = sim.market.previousClose(instrument.symbol, istDateKey(t)) ?? last;
  // Before the first bar closes the day has no OHLC yet: Dhan shows zeros.
  const ohlc = { open: day?.open ?? 0, close: previousClose, high: day?.high ?? 0, low: day?.low ?? 0 };
  if (mode === 'ohlc') return { last_price: last, ohlc };
  const band = sim.market.band(instrument, istDateKey(t));
  const tradeTime = sim.market.lastTradeTime(instrument.symbol, t);
  const tick = instrument.tickSize;
  const level = (ticksAway: number) => ({
    quantity: 100,
    orders: 1,
    price: roundToTick(last + ticksAway * tick, tick),
  });
  return {
    average_price: day ? roundPaise(day.vwap) : 0,
    buy_quantity: 0,
    sell_quantity: 0,
    depth: {
      buy: [1, 2, 3, 4, 5].map((n) => level(-n)),
      sell: [1, 2, 3, 4, 5].map((n) => level(n)),
    },
    last_price: last,
    last_quantity: 0,
    last_trade_time: tradeTime === undefined ? '01/01/1980 00:00:00' : formatIstDmy(tradeTime),
    lower_circuit_limit: band?.lower ?? 0,
    net_change: roundPaise(last - previousClose),
    ohlc,
    oi: 0,
    oi_day_high: 0,
    oi_day_low: 0,
    upper_circuit_limit: band?.upper ?? 0,
    volume: day?.volume ?? 0,
  };
}
