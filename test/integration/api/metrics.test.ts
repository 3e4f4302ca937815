import { type ApiHarness, insertAccountRow, startApiHarness, uniqueAccountId } from './harness';
import { insertCycle, insertInvocation, insertOrder, insertRiskEvent, insertSnapshot } from './fixtures';

let api: ApiHarness;
let a: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: false });
  a = uniqueAccountId('met');
  const db = api.db;
  await insertAccountRow(db, { id: a });
  // Two finished cycles of 7 s and 40 s, one failed without a finish time.
  await insertCycle(db, {
    accountId: a,
    marketTime: '2026-06-19T04:00:00Z',
    startedAt: '2026-06-19T04:00:00Z',
    finishedAt: '2026-06-19T04:00:07Z',
  });
  await insertCycle(db, {
    accountId: a,
    marketTime: '2026-06-19T04:05:00Z',
    startedAt: '2026-06-19T04:05:00Z',
    finishedAt: '2026-06-19T04:05:40Z',
  });
  await insertCycle(db, { accountId: a, marketTime: '2026-06-19T04:10:00Z', status: 'failed' });
  // Two LLM calls (1.5 s and 3 s) and one rules decision.
  await insertInvocation(db, {
    accountId: a,
    key: `${a}/1`,
    latencyMs: 1500,
    inputTokens: 1000,
    outputTokens: 100,
    costUsd: 0.01,
    costInr: 0.84,
  });
  await insertInvocation(db, {
    accountId: a,
    key: `${a}/2`,
    latencyMs: 3000,
    inputTokens: 2000,
    outputTokens: 200,
    costUsd: 0.02,
    costInr: 1.68,
  });
  await insertInvocation(db, {
    accountId: a,
    key: `${a}/3`,
    decider: 'rules',
    model: 'rules',
    latencyMs: 2,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    costInr: 0,
  });
  await insertOrder(db, { accountId: a, key: `${a}-1`, status: 'TRADED' });
  await insertOrder(db, { accountId: a, key: `${a}-2`, status: 'TRADED' });
  await insertOrder(db, { accountId: a, key: `${a}-3`, status: 'REJECTED' });
  await insertRiskEvent(db, { accountId: a, key: `${a}/r1`, rule: 'per-trade-risk', verdict: 'reject' });
  await insertRiskEvent(db, { accountId: a, key: `${a}/r2`, rule: 'per-trade-risk', verdict: 'reject' });
  await insertRiskEvent(db, { accountId: a, key: `${a}/r3`, rule: 'stop-loss', verdict: 'adjust' });
  await insertSnapshot(db, { accountId: a, marketTime: '2026-06-19T04:00:00Z', cash: 100_000, equity: 100_500 });
  await insertSnapshot(db, {
    accountId: a,
    marketTime: '2026-06-19T04:05:00Z',
    cash: 90_000,
    equity: 99_000,
    peak: 100_500,
    drawdown: 0.014925,
  });
}, 60_000);
afterAll(() => api?.close());

/** The value of one sample line, e.g. `desk_orders{account="x",status="TRADED"}`. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

test('the trading metrics are derived from Postgres at scrape time', async () => {
  const res = await api.call('get', '/metrics');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toContain('text/plain');
  const m = res.text;
  const acc = `account="${a}"`;
  expect(sample(m, `desk_cycles_total{${acc},outcome="completed"}`)).toBe(2);
  expect(sample(m, `desk_cycles_total{${acc},outcome="failed"}`)).toBe(1);
  // 7 s and 40 s: none ≤ 5, one ≤ 10 and ≤ 30, both ≤ 60; sum 47.
  expect(sample(m, `desk_cycle_duration_seconds_bucket{${acc},le="5"}`)).toBe(0);
  expect(sample(m, `desk_cycle_duration_seconds_bucket{${acc},le="10"}`)).toBe(1);
  expect(sample(m, `desk_cycle_duration_seconds_bucket{${acc},le="30"}`)).toBe(1);
  expect(sample(m, `desk_cycle_duration_seconds_bucket{${acc},le="60"}`)).toBe(2);
  expect(sample(m, `desk_cycle_duration_seconds_bucket{${acc},le="+Inf"}`)).toBe(2);
  expect(sample(m, `desk_cycle_duration_seconds_sum{${acc}}`)).toBe(47);
  expect(sample(m, `desk_cycle_duration_seconds_count{${acc}}`)).toBe(2);
  // LLM calls only (the rules decision is left out): 1.5 s and 3 s.
  const llm = `${acc},model="anthropic/claude-3.5-sonnet"`;
  expect(sample(m, `desk_llm_latency_seconds_bucket{${llm},le="2"}`)).toBe(1);
  expect(sample(m, `desk_llm_latency_seconds_bucket{${llm},le="5"}`)).toBe(2);
  expect(sample(m, `desk_llm_latency_seconds_sum{${llm}}`)).toBe(4.5);
  expect(sample(m, `desk_llm_latency_seconds_count{${acc},model="rules"}`)).toBeUndefined();
  expect(sample(m, `desk_llm_tokens_total{${llm},direction="input"}`)).toBe(3000);
  expect(sample(m, `desk_llm_tokens_total{${llm},direction="output"}`)).toBe(300);
  expect(sample(m, `desk_llm_cost_usd_total{${llm}}`)).toBeCloseTo(0.03, 10);
  expect(sample(m, `desk_llm_cost_inr_total{${llm}}`)).toBeCloseTo(2.52, 10);
  expect(sample(m, `desk_orders{${acc},status="TRADED"}`)).toBe(2);
  expect(sample(m, `desk_orders{${acc},status="REJECTED"}`)).toBe(1);
  expect(sample(m, `desk_risk_rejections_total{${acc},rule="per-trade-risk"}`)).toBe(2);
  expect(sample(m, `desk_risk_rejections_total{${acc},rule="stop-loss"}`)).toBeUndefined();
  expect(sample(m, `desk_equity_rupees{${acc}}`)).toBe(99_000);
  expect(sample(m, `desk_drawdown_ratio{${acc}}`)).toBe(0.014925);
  expect(m).toContain('# TYPE desk_cycle_duration_seconds histogram');
  expect(m).toContain('# TYPE desk_broker_errors_total counter');
});

test('HTTP requests are counted by route template, not raw path', async () => {
  await api.call('get', `/api/portfolio/${a}`);
  await api.call('get', '/api/portfolio/nobody');
  const m = (await api.call('get', '/metrics')).text;
  expect(sample(m, 'desk_api_http_requests_total{method="GET",route="/api/portfolio/:accountId",status="200"}')).toBe(
    1,
  );
  expect(sample(m, 'desk_api_http_requests_total{method="GET",route="/api/portfolio/:accountId",status="404"}')).toBe(
    1,
  );
  expect(m).not.toContain(`route="/api/portfolio/${a}"`);
});
