/**
 * Backtests started through the API as Temporal workflows on a real desk (Postgres, the dev server,
 * the worker with the real activities): a POST runs one to completion and it is then listed with its
 * metrics; a retried POST starts nothing new; the key is required; bad requests are 400s naming the
 * field, before any workflow starts; a CSV folder is read by name only, never by path.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BacktestControl } from '../../../api/control/backtest-control';
import { type EventHub } from '../../../api/events/hub';
import { startTestDesk, workflowBundle, type TestDesk } from '../../support/desk';
import { spawnWorker, type WorkerProcess } from '../../support/worker-process';
import { type ApiHarness, deskApi, eventually } from '../api/harness';
import { walkBars } from '../../unit/backtest/fixtures';

let desk: TestDesk;
let events: EventHub;
let call: ApiHarness['call'];
let csvRoot: string;
let worker: WorkerProcess | undefined;

/** Three sessions of a random walk for two stocks, as CSV files of the folder `walk` under the root. */
function writeWalkFolder(root: string): void {
  mkdirSync(join(root, 'walk'));
  for (const [symbol, bars] of walkBars(['RELIANCE', 'TCS'], 3)) {
    const rows = bars.map((b) => [new Date(b.time).toISOString(), b.open, b.high, b.low, b.close, b.volume].join(','));
    writeFileSync(join(root, 'walk', `${symbol}.csv`), ['time,open,high,low,close,volume', ...rows].join('\n'));
  }
}

beforeAll(async () => {
  csvRoot = mkdtempSync(join(tmpdir(), 'backtest-csv-root-'));
  writeWalkFolder(csvRoot);
  // The worker runs as its own process, as deployed: a backtest's computation then never starves this
  // process's API calls, whatever the analysis.
  desk = await startTestDesk({ env: { BACKTEST_CSV_ROOT: csvRoot }, inProcessWorker: false });
  const bundlePath = join(csvRoot, 'workflows.js');
  writeFileSync(bundlePath, (await workflowBundle()).code);
  worker = spawnWorker({ ...desk.workerEnv, WORKFLOW_BUNDLE_PATH: bundlePath });
  await worker.ready;
  ({ events, call } = await deskApi(
    desk,
    new BacktestControl({
      client: desk.client,
      taskQueue: desk.taskQueue,
      uiUrl: 'http://ui.test',
      csvRoot,
      simulatorSeed: 7,
    }),
  ));
}, 60_000);

afterAll(async () => {
  if (worker && worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  await worker?.exited;
  await events?.close();
  await desk?.close();
  rmSync(csvRoot, { recursive: true, force: true });
});

const post = (key: string, body: unknown, auth = true) =>
  call('post', '/api/backtests', { body, headers: { 'Idempotency-Key': key }, auth });

/** Polls the run until its workflow has ended. */
const finished = (runKey: string) =>
  eventually(async () => {
    const run = await call('get', `/api/backtests/runs/${runKey}`);
    return run.body.workflow?.status !== 'RUNNING' ? run.body : undefined;
  }, 45_000);

const simulatorRun = { account: 'claude', from: '2026-06-01', to: '2026-06-02', data: { kind: 'simulator' } };

test('a POST starts a workflow backtest that completes and is listed with its metrics; a retry starts nothing new', async () => {
  const first = await post('sim-run-0001', simulatorRun);
  expect(first.status).toBe(202);
  expect(first.body).toMatchObject({
    runKey: 'backtest-api-sim-run-0001',
    started: true,
    links: { self: '/api/backtests/runs/backtest-api-sim-run-0001' },
  });
  expect(first.body.workflow.url).toContain('/workflows/backtest-api-sim-run-0001/');

  // The same request again (a client retrying after a lost answer): the same run, not a second one.
  const retry = await post('sim-run-0001', simulatorRun);
  expect(retry.status).toBe(202);
  expect(retry.body).toMatchObject({ runKey: first.body.runKey, started: false });
  expect(retry.body.workflow.runId).toBe(first.body.workflow.runId);
  // The same key for another backtest is refused.
  const reused = await post('sim-run-0001', { ...simulatorRun, to: '2026-06-03' });
  expect(reused.status).toBe(409);
  expect(reused.body.error.code).toBe('idempotency_key_reused');

  const run = await finished(first.body.runKey);
  expect(run).toMatchObject({ workflow: { status: 'COMPLETED' }, progress: null, error: null });
  expect(run.backtest).toMatchObject({ status: 'completed', accountId: 'claude', progress: 1, decider: 'rules' });
  expect(run.backtest.data).toBe('simulator (synthetic, seed 7)');

  // A retry after completion still starts nothing: one row, one workflow execution.
  expect((await post('sim-run-0001', simulatorRun)).body.started).toBe(false);
  const list = await call('get', '/api/backtests');
  expect(list.body.total).toBe(1);
  const listed = list.body.items[0];
  expect(listed).toMatchObject({ id: run.backtest.id, runKey: first.body.runKey, fromDate: '2026-06-01' });
  const detail = await call('get', `/api/backtests/${listed.id}`);
  expect(detail.body.metrics.sessions).toBe(2);
  expect(listed.sharpe).toBe(detail.body.metrics.sharpe);
  expect(listed.maxDrawdown).toBe(detail.body.metrics.maxDrawdown);
  expect(listed.tradesCount).toBe(detail.body.metrics.trades);
  // The account's allocation by default: claude's 60 % of the desk's ₹10 lakh.
  expect(detail.body.spec).toMatchObject({ capital: 600_000, account: { id: 'claude', stocks: expect.any(Array) } });
  const executions = await desk.client.workflow.list({ query: `WorkflowId = '${first.body.runKey}'` });
  let count = 0;
  for await (const _ of executions) count++;
  expect(count).toBe(1);
}, 60_000);

test('a named CSV folder under the configured root is read by the worker', async () => {
  const res = await post('csv-run-0001', {
    account: 'claude',
    from: '2026-06-02',
    to: '2026-06-03',
    data: { kind: 'csv', folder: 'walk' },
    stocks: ['RELIANCE', 'TCS'],
    capital: 500_000,
    name: 'walk over CSV',
  });
  expect(res.status).toBe(202);
  const run = await finished(res.body.runKey);
  expect(run.backtest).toMatchObject({ status: 'completed', name: 'walk over CSV', data: join(csvRoot, 'walk') });
  expect(run.backtest.cycles).toBeGreaterThan(0);
}, 60_000);

test('a running backtest shows its progress from the heartbeats, and can be cancelled', async () => {
  // Four months with the live cycle's 21-day window at every cycle (about half a second a session on a
  // quiet machine, a minute in all): the cancel lands first even where the fast stream analysis would
  // finish the whole run in two seconds; each day is short enough to notice the cancel soon.
  const res = await post('long-run-0001', {
    ...simulatorRun,
    from: '2026-03-02',
    to: '2026-06-30',
    analysis: 'window',
  });
  expect(res.status).toBe(202);
  const runKey = res.body.runKey;
  const running = await eventually(async () => {
    const run = (await call('get', `/api/backtests/runs/${runKey}`)).body;
    return run.progress?.done > 0 ? run : undefined;
  }, 30_000);
  expect(running.workflow.status).toBe('RUNNING');
  const { done, total, fraction, marketTime } = running.progress;
  expect(running.progress.attempt).toBe(1);
  expect(total % 75).toBe(0); // 75 cycles a session
  expect(done).toBeLessThan(total);
  expect(fraction).toBeCloseTo(done / total, 9);
  expect(Date.parse(marketTime)).toBeGreaterThan(Date.parse('2026-03-02T03:45:00Z'));
  expect(Date.parse(marketTime)).toBeLessThan(Date.parse('2026-06-30T10:00:00Z'));
  expect(running.backtest).toMatchObject({ status: 'running', runKey });

  const cancel = await call('post', `/api/backtests/runs/${runKey}/cancel`);
  expect(cancel.status).toBe(202);
  const ended = await finished(runKey);
  expect(ended.workflow.status).toBe('CANCELLED');
  const row = await eventually(async () => {
    const b = (await call('get', `/api/backtests/runs/${runKey}`)).body.backtest;
    return b.status !== 'running' ? b : undefined;
  });
  expect(row.status).toBe('failed');
  expect((await call('post', '/api/backtests/runs/backtest-api-never-started/cancel')).status).toBe(404);
}, 60_000);

test('without the API key: 401, and nothing starts', async () => {
  const res = await post('no-key-0001', simulatorRun, false);
  expect(res.status).toBe(401);
  expect((await call('get', '/api/backtests/runs/backtest-api-no-key-0001')).status).toBe(404);
});

test.each([
  ['an unknown account', { ...simulatorRun, account: 'nobody' }, 'body.account'],
  ['from after to', { ...simulatorRun, from: '2026-06-05', to: '2026-06-01' }, 'body.to'],
  ['a date that does not exist', { ...simulatorRun, from: '2026-02-30' }, 'body.from'],
  ['an unknown data source', { ...simulatorRun, data: { kind: 'ftp' } }, 'body.data.kind'],
  ['a path instead of a folder name', { ...simulatorRun, data: { kind: 'csv', folder: '../' } }, 'body.data.folder'],
  ['an absolute path', { ...simulatorRun, data: { kind: 'csv', folder: '/etc' } }, 'body.data.folder'],
  ['a folder the root does not have', { ...simulatorRun, data: { kind: 'csv', folder: 'nse' } }, 'body.data.folder'],
  ['a stock the desk does not trade', { ...simulatorRun, stocks: ['NOPE'] }, 'body.stocks.0'],
  ['an unknown field', { ...simulatorRun, speed: 'fast' }, 'body.speed'],
  ['a negative LLM cap', { ...simulatorRun, decider: { kind: 'llm', maxInr: -5 } }, 'body.decider.maxInr'],
  ['an unknown strategy', { ...simulatorRun, strategies: ['martingale'] }, 'body.strategies.0'],
])('400 naming the field for %s, and no workflow', async (_why, body, field) => {
  const key = `bad-${Math.random().toString(36).slice(2, 12)}`;
  const res = await post(key, body);
  expect(res.status).toBe(400);
  expect(Object.keys(res.body.error.fields)).toContain(field);
  expect((await call('get', `/api/backtests/runs/backtest-api-${key}`)).status).toBe(404);
});

test('a missing or malformed Idempotency-Key is a 400', async () => {
  const res = await call('post', '/api/backtests', { body: simulatorRun });
  expect(res.status).toBe(400);
  expect(Object.keys(res.body.error.fields)).toEqual(['headers.idempotency-key']);
  expect((await post('../../x', simulatorRun)).status).toBe(400);
});
