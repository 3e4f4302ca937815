/**
 * The simulator's own control API, under `/sim` (outside Dhan's namespace, no token):
 *
 * | Method | Path | Does |
 * |---|---|---|
 * | GET | /sim/clock | clock state `{mode, now, iso, ist, marketOpen}` |
 * | POST | /sim/clock/advance | `{steps?: n}`: n bars forward (stepped mode) |
 * | POST | /sim/clock/set | `{time}`: epoch ms, ISO instant or IST `YYYY-MM-DD HH:MM` (forward only) |
 * | POST | /sim/clock/arrive | `{participant, time, waitMs?}`: an account is ready for bar close `time`; the clock moves to the time every active account has reached; with `waitMs` (≤ 5000) the answer waits until the clock reaches `time` or that long |
 * | GET/POST/DELETE | /sim/faults | list / replace (`{rules: [...]}`) / clear fault rules |
 * | PUT | /sim/access | `{dataPlan?, staticIpWhitelisted?}` |
 * | GET | /sim/orders | every order since start, `{count, orders}` |
 * | GET | /sim/trades | every trade since start, `{count, trades}` |
 * | GET | /sim/requests | Dhan requests received `{method, path, status, dropped}` |
 *
 * A refused control call answers 400 `{error: {message}}`.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { describeIssues } from '../../dhan/requests';
import { type DhanSimulator } from '../simulator';
import { faultRuleSchema } from './faults';

const advanceSchema = z.object({ steps: z.number().int().min(1).max(10_000).optional() }).strict();
const setSchema = z.object({ time: z.union([z.number(), z.string().min(1)]) }).strict();
const arriveSchema = z
  .object({
    participant: z.string().min(1).max(64),
    time: z.number().finite(),
    waitMs: z.number().int().min(0).max(5_000).optional(),
  })
  .strict();
const faultsSchema = z.object({ rules: z.array(faultRuleSchema) }).strict();
const accessSchema = z
  .object({ dataPlan: z.boolean().optional(), staticIpWhitelisted: z.boolean().optional() })
  .strict();

function parse<S extends z.ZodType>(schema: S, req: Request, res: Response): z.infer<S> | undefined {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  res.status(400).json({ error: { message: describeIssues(parsed.error) } });
  return undefined;
}

export function controlRouter(sim: DhanSimulator): Router {
  const router = express.Router();
  router.get('/clock', (_req, res) => void res.json(sim.clockState()));
  router.post('/clock/advance', (req, res) => {
    const body = parse(advanceSchema, req, res);
    if (body) res.json(sim.advance(body.steps ?? 1));
  });
  router.post('/clock/set', (req, res) => {
    const body = parse(setSchema, req, res);
    if (body) res.json(sim.setTime(body.time));
  });
  router.post('/clock/arrive', async (req, res) => {
    const body = parse(arriveSchema, req, res);
    if (!body) return;
    const arrived = sim.arrive(body.participant, body.time);
    if (arrived.now >= body.time || !body.waitMs) {
      res.json({ ...arrived, waitingFor: sim.barrier.participants() });
      return;
    }
    await sim.untilClockReaches(body.time, body.waitMs);
    // Arriving again after the wait keeps this participant fresh at the barrier (it is still waiting).
    res.json({ ...sim.arrive(body.participant, body.time), waitingFor: sim.barrier.participants() });
  });
  router.get('/faults', (_req, res) => void res.json({ rules: sim.faults.list() }));
  router.post('/faults', (req, res) => {
    const body = parse(faultsSchema, req, res);
    if (!body) return;
    sim.faults.set(body.rules);
    res.json({ rules: sim.faults.list() });
  });
  router.delete('/faults', (_req, res) => {
    sim.faults.clear();
    res.json({ rules: [] });
  });
  router.put('/access', (req, res) => {
    const body = parse(accessSchema, req, res);
    if (!body) return;
    Object.assign(sim.access, body);
    res.json(sim.access);
  });
  router.get('/orders', (_req, res) => {
    sim.sync();
    const orders = sim.exchange.allOrders();
    res.json({ count: orders.length, orders });
  });
  router.get('/trades', (_req, res) => {
    sim.sync();
    const trades = sim.exchange.allTrades();
    res.json({ count: trades.length, trades });
  });
  router.get('/requests', (_req, res) => void res.json({ count: sim.requests.length, requests: sim.requests }));
  // Clock misuse (stepping a real-time clock, going back) is the caller's mistake: 400 with the reason.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof RangeError) return void res.status(400).json({ error: { message: error.message } });
    next(error);
  });
  return router;
}
