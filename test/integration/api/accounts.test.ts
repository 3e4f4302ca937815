import { WorkflowNotFoundError } from '@temporalio/client';
import { getAccount } from '../../../db/queries';
import { type ApiHarness, eventually, insertAccountRow, startApiHarness, uniqueAccountId } from './harness';

let api: ApiHarness;
// The wall clock: a Sunday. The simulated market (the harness's simulator) is at 11:00 IST on Friday 19 June.
const WALL = Date.parse('2026-06-21T05:30:00Z');

beforeAll(async () => {
  api = await startApiHarness({ clock: () => WALL });
}, 60_000);
afterAll(() => api?.close());

const spec = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Test ${id}`,
  model: 'anthropic/claude-3.5-sonnet',
  capitalSharePct: 20,
  stocks: ['RELIANCE', 'TCS'],
  strategies: ['vwap', 'ema'],
  ...extra,
});

const liveStatus = async (id: string) => (await api.call('get', `/api/accounts/${id}`)).body.live?.status as string;
const untilLive = (id: string, status: string) =>
  eventually(async () => ((await liveStatus(id)) === status ? status : undefined));
const temporalStatus = async (id: string) => {
  try {
    return (await api.client.workflow.getHandle(`account-${id}`).describe()).status.name;
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return 'NONE';
    throw e;
  }
};

describe('creating accounts', () => {
  test('POST /accounts inserts the row and starts the workflow', async () => {
    const id = uniqueAccountId('new');
    const res = await api.call('post', '/api/accounts', { body: spec(id) });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/accounts/${id}`);
    // 20 % of the ₹10,00,000 test capital.
    expect(res.body.account).toMatchObject({ id, allocatedCapital: 200_000, status: 'created', mode: 'paper' });
    expect(res.body.workflow.workflowId).toBe(`account-${id}`);
    expect(res.body.workflow.url).toBe(
      `http://ui.test/namespaces/default/workflows/account-${id}/${res.body.workflow.runId}`,
    );
    expect(await temporalStatus(id)).toBe('RUNNING');
    await untilLive(id, 'running');
    const detail = await api.call('get', `/api/accounts/${id}`);
    expect(detail.body.live.spec).toMatchObject({
      id,
      model: 'anthropic/claude-3.5-sonnet',
      stocks: ['RELIANCE', 'TCS'],
    });
    const list = await api.call('get', '/api/accounts');
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(id);
  });

  test('a taken id or capital beyond 100 % is a 409 and changes nothing', async () => {
    const first = uniqueAccountId('cap');
    expect((await api.call('post', '/api/accounts', { body: spec(first, { capitalSharePct: 30 }) })).status).toBe(201);
    const again = await api.call('post', '/api/accounts', { body: spec(first, { capitalSharePct: 1 }) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('account_exists');

    // Shares so far in this file: 20 (first test) + 30 = 50, so 51 is too much and 50 is left.
    const greedy = uniqueAccountId('big');
    const refused = await api.call('post', '/api/accounts', { body: spec(greedy, { capitalSharePct: 51 }) });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'capital_exceeded',
      message: expect.stringContaining('at most 50%'),
    });
    expect(await getAccount(api.db.sequelize, greedy)).toBeNull();
    expect(await temporalStatus(greedy)).toBe('NONE');
  });

  test('an invalid spec is a 400 naming each field', async () => {
    const res = await api.call('post', '/api/accounts', {
      body: { ...spec('Bad-Id'), stocks: ['RELIANCE', 'NOPE'], capitalSharePct: 0, extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(
      ['body.capitalSharePct', 'body.extra', 'body.id', 'body.stocks.1'].sort(),
    );
  });
});

describe('controlling an account', () => {
  let id: string;
  beforeAll(async () => {
    id = uniqueAccountId('ctl');
    await insertAccountRow(api.db, { id, capitalSharePct: 5 });
  });

  test('signals to an account that is not running are a 409', async () => {
    for (const action of ['pause', 'resume', 'stop']) {
      const res = await api.call('post', `/api/accounts/${id}/${action}`, { body: {} });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('account_not_running');
    }
  });

  test('start, pause, start (resumes), resume, stop, start again', async () => {
    const started = await api.call('post', `/api/accounts/${id}/start`);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ accountId: id, action: 'start', outcome: 'started' });
    await untilLive(id, 'running');

    expect((await api.call('post', `/api/accounts/${id}/start`)).body.outcome).toBe('already_running');

    const paused = await api.call('post', `/api/accounts/${id}/pause`, { body: { reason: 'lunch' } });
    expect(paused.body.outcome).toBe('signalled');
    await untilLive(id, 'paused');
    expect((await api.call('post', `/api/accounts/${id}/start`)).body.outcome).toBe('signalled');
    await untilLive(id, 'running');

    await api.call('post', `/api/accounts/${id}/pause`, { body: {} });
    await untilLive(id, 'paused');
    expect((await api.call('post', `/api/accounts/${id}/resume`)).status).toBe(202);
    await untilLive(id, 'running');

    const stopped = await api.call('post', `/api/accounts/${id}/stop`, { body: { reason: 'done', flatten: true } });
    expect(stopped.status).toBe(202);
    await eventually(async () => ((await temporalStatus(id)) === 'COMPLETED' ? true : undefined));
    expect((await api.call('post', `/api/accounts/${id}/pause`, { body: {} })).status).toBe(409);

    const restarted = await api.call('post', `/api/accounts/${id}/start`);
    expect(restarted.body.outcome).toBe('started');
    expect(restarted.body.workflow.runId).not.toBe(started.body.workflow.runId);
  });

  test('a killed account cannot be started again (409); killing it again is a no-op', async () => {
    const killed = await api.call('post', `/api/accounts/${id}/kill`, { body: { reason: 'test' } });
    expect(killed.status).toBe(202);
    expect(killed.body.outcome).toBe('signalled');
    await eventually(async () => ((await temporalStatus(id)) === 'COMPLETED' ? true : undefined));

    const start = await api.call('post', `/api/accounts/${id}/start`);
    expect(start.status).toBe(409);
    expect(start.body.error.code).toBe('account_killed');
    expect(await temporalStatus(id)).toBe('COMPLETED');

    expect((await api.call('post', `/api/accounts/${id}/kill`, { body: { reason: 'again' } })).body.outcome).toBe(
      'already_killed',
    );
  });

  test('kill reaches an account that never ran (signal-with-start) and needs a reason', async () => {
    const idle = uniqueAccountId('idl');
    await insertAccountRow(api.db, { id: idle, capitalSharePct: 1 });
    const noReason = await api.call('post', `/api/accounts/${idle}/kill`, { body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toEqual({ 'body.reason': expect.any(String) });

    const res = await api.call('post', `/api/accounts/${idle}/kill`, { body: { reason: 'never trade' } });
    expect(res.body.outcome).toBe('started');
    await eventually(async () => ((await temporalStatus(idle)) === 'COMPLETED' ? true : undefined));
    expect((await api.call('post', `/api/accounts/${idle}/start`)).status).toBe(409);
  });

  test('every account route answers 404 for an unknown account', async () => {
    const ghost = 'ghost';
    const calls: [string, 'get' | 'post' | 'patch', unknown][] = [
      [`/api/accounts/${ghost}`, 'get', undefined],
      [`/api/accounts/${ghost}`, 'patch', { model: 'x/y' }],
      ...['start', 'pause', 'resume', 'stop'].map(
        (a) => [`/api/accounts/${ghost}/${a}`, 'post', {}] as [string, 'post', unknown],
      ),
      [`/api/accounts/${ghost}/kill`, 'post', { reason: 'x' }],
      [`/api/portfolio/${ghost}`, 'get', undefined],
    ];
    for (const [path, method, body] of calls) {
      const res = await api.call(method, path, { body });
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'account_not_found']);
    }
  });
});

describe('reconfiguring an account', () => {
  let id: string;
  beforeAll(async () => {
    id = uniqueAccountId('cfg');
    await insertAccountRow(api.db, { id, capitalSharePct: 5 });
  });

  test('a stopped account keeps the patch in its row for its next start', async () => {
    const res = await api.call('patch', `/api/accounts/${id}`, { body: { model: 'openai/gpt-4o' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ appliedBy: 'database', account: { model: 'openai/gpt-4o' } });
  });

  test('a running account applies it through its workflow; absent risk fields are kept', async () => {
    await api.call('post', `/api/accounts/${id}/start`);
    await untilLive(id, 'running');
    const res = await api.call('patch', `/api/accounts/${id}`, {
      body: { risk: { maxOpenPositions: 2 }, stocks: ['INFY'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.appliedBy).toBe('workflow');
    // Only maxOpenPositions changed: the other limits are the row's (2, 1, 10, 1).
    expect(res.body.account.riskLimits).toEqual({
      riskPerTradePct: 2,
      maxOpenPositions: 2,
      maxPositionsPerSymbol: 1,
      dailyLossLimitPct: 10,
      intradayLeverage: 1,
    });
    const detail = await api.call('get', `/api/accounts/${id}`);
    expect(detail.body.live.spec).toMatchObject({ stocks: ['INFY'], risk: { maxOpenPositions: 2 } });
  });

  test("the workflow's validator has the last word: 400 with its reason, nothing stored", async () => {
    const res = await api.call('patch', `/api/accounts/${id}`, { body: { model: 'refused/by-the-workflow' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'update_rejected',
      message: expect.stringContaining('this model is not allowed'),
    });
    expect((await getAccount(api.db.sequelize, id))?.model).toBe('openai/gpt-4o');
  });

  test('a patch that makes the account invalid, or names nothing, is a 400', async () => {
    const invalid = await api.call('patch', `/api/accounts/${id}`, { body: { risk: { riskPerTradePct: 50 } } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields).toHaveProperty(['body.risk.riskPerTradePct']);
    const empty = await api.call('patch', `/api/accounts/${id}`, { body: {} });
    expect(empty.status).toBe(400);
  });
});

describe('the whole desk', () => {
  test("GET /system/status shows the session at the market's time and each account", async () => {
    const res = await api.call('get', '/api/system/status');
    expect(res.status).toBe(200);
    // The simulator's 11:00 IST Friday (not the wall clock's Sunday): open, entry window; next tick
    // 11:05 IST; next open Monday 22 June 09:15 IST.
    expect(res.body.market).toEqual({
      clock: 'simulator',
      now: '2026-06-19T05:30:00.000Z',
      open: true,
      phase: 'entry',
      nextTick: '2026-06-19T05:35:00.000Z',
      nextOpen: '2026-06-22T03:45:00.000Z',
    });
    expect(res.body.temporal).toEqual({ namespace: 'default', uiUrl: 'http://ui.test' });
    const running = res.body.accounts.filter((a: { live: unknown }) => a.live !== null);
    expect(running.length).toBeGreaterThan(0);
    for (const a of running) expect(a.workflow.status).toBe('RUNNING');
  });

  test('stop-trading stops every running account; start-trading starts all but the killed', async () => {
    const stop = await api.call('post', '/api/system/stop-trading', { body: { reason: 'end of test' } });
    expect(stop.status).toBe(200);
    const stopped = stop.body.results.filter((r: { outcome: string }) => r.outcome === 'signalled');
    expect(stopped.length).toBeGreaterThan(0);
    for (const r of stopped)
      await eventually(async () => ((await temporalStatus(r.accountId)) === 'COMPLETED' ? true : undefined));

    const start = await api.call('post', '/api/system/start-trading');
    expect(start.status).toBe(200);
    const byOutcome = (o: string) =>
      start.body.results
        .filter((r: { outcome: string }) => r.outcome === o)
        .map((r: { accountId: string }) => r.accountId);
    expect(byOutcome('started').sort()).toEqual(stopped.map((r: { accountId: string }) => r.accountId).sort());
    expect(byOutcome('skipped').length).toBeGreaterThanOrEqual(2); // the two killed accounts
    await api.call('post', '/api/system/stop-trading', { body: { flatten: false } });
  });
});
