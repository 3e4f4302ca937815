/**
 * A backtest as a Temporal workflow on the real dev server, its worker a separate process: the run
 * heartbeats its progress, is SIGKILLed mid-run, is retried on a new worker and stores the same
 * result as the same backtest run straight through. A bad spec fails at once, without retries.
 */
import { ActivityFailure, type ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryTypes } from 'sequelize';
import { type BacktestActivityResult, type BacktestData, type BacktestHeartbeat } from '../../../activities/backtest';
import { DEFAULT_ACCOUNTS } from '../../../contracts/account';
import { startTestDesk, workflowBundle, type TestDesk } from '../../support/desk';
import { spawnWorker, type WorkerProcess } from '../../support/worker-process';

let desk: TestDesk;
let dir: string;
let env: Record<string, string>;
const workers: WorkerProcess[] = [];

// Six sessions of the simulator's market, analysed the slow exact way: long enough to kill mid-run.
const data: BacktestData = { kind: 'simulator', seed: 7 };
const spec = {
  account: DEFAULT_ACCOUNTS.find((a) => a.id === 'claude')!,
  capital: 600_000,
  from: '2026-06-01',
  to: '2026-06-08',
  analysis: 'window',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startWorker(): Promise<WorkerProcess> {
  const worker = spawnWorker(env);
  workers.push(worker);
  await worker.ready;
  return worker;
}

/** The running attempt's last heartbeat, if Temporal has one yet. */
async function lastHeartbeat(workflowId: string): Promise<BacktestHeartbeat | undefined> {
  const { raw } = await desk.client.workflow.getHandle(workflowId).describe();
  const payload = raw.pendingActivities?.[0]?.heartbeatDetails?.payloads?.[0];
  return payload ? defaultPayloadConverter.fromPayload<BacktestHeartbeat>(payload) : undefined;
}

beforeAll(async () => {
  desk = await startTestDesk({ inProcessWorker: false });
  dir = mkdtempSync(join(tmpdir(), 'backtest-wf-'));
  const bundlePath = join(dir, 'workflows.js');
  writeFileSync(bundlePath, (await workflowBundle()).code);
  env = { ...desk.workerEnv, WORKFLOW_BUNDLE_PATH: bundlePath };
}, 60_000);

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  await desk?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a backtest workflow heartbeats its progress, survives the death of its worker and stores the result', async () => {
  const first = await startWorker();
  const workflowId = 'backtest-claude-crash';
  const handle = await desk.client.workflow.start('backtestWorkflow', {
    workflowId,
    taskQueue: desk.taskQueue,
    args: [{ spec, data, outDir: join(dir, 'report'), heartbeatTimeout: '10s' }],
  });

  // Progress shows in the pending activity's heartbeat details; the worker dies mid-run.
  let seen: BacktestHeartbeat | undefined;
  const deadline = Date.now() + 60_000;
  while (!(seen && seen.done > 0)) {
    if (Date.now() > deadline) throw new Error('no progress heartbeat within 60 s');
    await sleep(200);
    seen = await lastHeartbeat(workflowId);
  }
  expect(seen).toMatchObject({ attempt: 1, total: 450 });
  expect(seen.done).toBeLessThan(450);
  first.child.kill('SIGKILL');
  await first.exited;
  const [running] = await desk.db.sequelize.query<{ status: string }>(
    `SELECT status FROM backtests WHERE run_key = :workflowId`,
    { type: QueryTypes.SELECT, replacements: { workflowId } },
  );
  expect(running?.status).toBe('running');

  // Another worker takes the retry once the dead one's heartbeats have stopped for the heartbeat
  // timeout; it also runs the same backtest straight through, under another id, for reference.
  await startWorker();
  const straight = await desk.client.workflow.start('backtestWorkflow', {
    workflowId: 'backtest-claude-straight',
    taskQueue: desk.taskQueue,
    args: [{ spec, data }],
  });
  const result: BacktestActivityResult = await handle.result();
  const reference: BacktestActivityResult = await straight.result();
  expect(result.attempt).toBeGreaterThanOrEqual(2);
  expect(reference.attempt).toBe(1);
  expect(result.netPnl).toBe(reference.netPnl);
  expect(result.trades).toBe(reference.trades);
  expect(result.summary).toBe(reference.summary);
  const rows = await desk.db.sequelize.query<{ id: number; status: string; net_pnl: string; trades_count: number }>(
    `SELECT id, status, net_pnl, trades_count FROM backtests WHERE run_key = :workflowId`,
    { type: QueryTypes.SELECT, replacements: { workflowId } },
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ id: result.backtestId, status: 'completed' });
  expect(Number(rows[0]!.net_pnl)).toBeCloseTo(reference.netPnl, 2);
  expect(existsSync(result.report!)).toBe(true);
}, 180_000);

test('a bad spec fails the workflow at once, naming the field, without retries', async () => {
  const handle = await desk.client.workflow.start('backtestWorkflow', {
    workflowId: 'backtest-bad-spec',
    taskQueue: desk.taskQueue,
    args: [{ spec: { ...spec, from: '2026-13-01' }, data }],
  });
  const failure = await handle.result().then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(WorkflowFailedError);
  const activity = (failure as WorkflowFailedError).cause;
  expect(activity).toBeInstanceOf(ActivityFailure);
  const cause = (activity as ActivityFailure).cause as ApplicationFailure;
  expect(cause.type).toBe('BacktestSpecError');
  expect(cause.message).toMatch(/^invalid backtest: from: not a calendar date/);
  const { raw } = await handle.describe();
  expect(raw.pendingActivities ?? []).toHaveLength(0);
}, 60_000);
