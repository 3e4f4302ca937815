/**
 * The control routes against the real account workflow (workflows/), its real worker and activities,
 * the Dhan simulator and Postgres, as test/support/desk.ts wires them: the same calls the contract
 * double answers in the other files, answered by the real thing.
 */
import { QueryTypes } from 'sequelize';
import { type EventHub } from '../../../api/events/hub';
import { istTime } from '../../../core/time';
import { startTestDesk, type TestDesk } from '../../support/desk';
import { type ApiHarness, deskApi, eventually, uniqueAccountId } from './harness';

let desk: TestDesk;
let events: EventHub;
let call: ApiHarness['call'];
const id = uniqueAccountId('real');

beforeAll(async () => {
  desk = await startTestDesk({
    env: {
      TICK_SECONDS: '0.2',
      ACCOUNTS: JSON.stringify([
        { id, model: 'test/rules', capitalSharePct: 50, stocks: ['RELIANCE', 'TCS'], strategies: ['vwap', 'ema'] },
      ]),
    },
  });
  ({ events, call } = await deskApi(desk));
}, 120_000);

afterAll(async () => {
  await desk?.client.workflow
    .getHandle(`account-${id}`)
    .terminate('test over')
    .catch(() => undefined);
  await events?.close();
  await desk?.close();
});

const live = async () => (await call('get', `/api/accounts/${id}`)).body.live;
const until = <T>(what: string, probe: () => Promise<T | undefined | false>) =>
  eventually(async () => (await probe().catch(() => undefined)) || undefined, 60_000).catch(() => {
    throw new Error(`timed out waiting for ${what}`);
  });

test('start, status, pause and resume through the API', async () => {
  const started = await call('post', `/api/accounts/${id}/start`);
  expect(started.status).toBe(202);
  expect(started.body.outcome).toBe('started');
  // New entries open at 09:30 IST on the simulated day: wait until the account's market time is past it.
  await until(
    'cycles past 09:35',
    async () => ((await live())?.lastCycle?.marketTime ?? 0) >= istTime('2026-06-01', 9, 35),
  );

  await call('post', `/api/accounts/${id}/pause`, { body: { reason: 'api test' } });
  await until('paused', async () => (await live())?.status === 'paused');
  expect((await call('post', `/api/accounts/${id}/start`)).body.outcome).toBe('signalled');
  await until('running again', async () => (await live())?.status === 'running');
  // Some fifteen real cycles: on a loaded machine that can take longer than jest's default 30 s.
}, 120_000);

test('config patches go through the workflow and its validator', async () => {
  const ok = await call('patch', `/api/accounts/${id}`, { body: { risk: { maxOpenPositions: 2 } } });
  expect(ok.body).toMatchObject({
    appliedBy: 'workflow',
    account: { riskLimits: { maxOpenPositions: 2, riskPerTradePct: 2 } },
  });
  expect((await live()).spec.risk.maxOpenPositions).toBe(2);
});

test('a manual trade trades once per Idempotency-Key and shows up in the trades', async () => {
  const body = { accountId: id, symbol: 'TCS', side: 'BUY', quantity: 3, stopLoss: 1, reason: 'api test' };
  const first = await call('post', '/api/trades/execute', { headers: { 'Idempotency-Key': 'real-trade-0001' }, body });
  expect(first.status).toBe(200);
  expect(first.body.result.verdict).not.toBe('reject');
  const again = await call('post', '/api/trades/execute', { headers: { 'Idempotency-Key': 'real-trade-0001' }, body });
  expect(again.body).toEqual(first.body);
  expect(again.headers['idempotent-replayed']).toBe('true');
  const orderKey = first.body.result.orderKey as string;
  expect(desk.sim.control.orders().filter((o) => o.correlationId === orderKey)).toHaveLength(1);
  const rows = await desk.db.sequelize.query('SELECT id FROM orders WHERE correlation_id = :orderKey', {
    replacements: { orderKey },
    type: QueryTypes.SELECT,
  });
  expect(rows).toHaveLength(1);
  // The risk gate may adjust the size; the order carries what it approved.
  expect((await call('get', `/api/trades/${orderKey}`)).body.trade).toMatchObject({
    source: 'manual',
    quantity: first.body.result.quantity,
  });
});

test("a manual trade outside the account's stocks is refused by the workflow's validator: 400", async () => {
  const body = { accountId: id, symbol: 'HDFCBANK', side: 'BUY', quantity: 3, stopLoss: 1, reason: 'api test' };
  const refused = await call('post', '/api/trades/execute', {
    headers: { 'Idempotency-Key': 'real-trade-0002' },
    body,
  });
  expect(refused.status).toBe(400);
  expect(refused.body.error).toMatchObject({
    code: 'update_rejected',
    message: expect.stringContaining("HDFCBANK is not one of this account's stocks"),
  });
  const keys = await desk.db.sequelize.query("SELECT key FROM api_idempotency_keys WHERE key = 'real-trade-0002'", {
    type: QueryTypes.SELECT,
  });
  expect(keys).toEqual([]);
});

test('the cycles the workflow recorded link to the Temporal Web UI', async () => {
  const cycles = await call('get', `/api/cycles?account=${id}&limit=1`);
  expect(cycles.body.total).toBeGreaterThan(0);
  const cycle = await call('get', `/api/cycles/${cycles.body.items[0].id}`);
  expect(cycle.body.temporal.url).toMatch(
    new RegExp(
      `^http://ui\\.test/namespaces/${desk.namespace}/workflows/${cycle.body.cycle.workflowId.replace(/[^\w-]/g, '.')}`,
    ),
  );
});

test('a killed account cannot be started again', async () => {
  const killed = await call('post', `/api/accounts/${id}/kill`, { body: { reason: 'api test' } });
  expect(killed.status).toBe(202);
  await until('killed', async () => (await call('get', `/api/accounts/${id}`)).body.account.status === 'killed');
  const start = await call('post', `/api/accounts/${id}/start`);
  expect(start.status).toBe(409);
  expect(start.body.error.code).toBe('account_killed');
});
