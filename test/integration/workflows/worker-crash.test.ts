/**
 * Exactly-once orders under crashes: the worker runs as a separate process and is killed with
 * SIGKILL at least 12 times mid-cycle, at least 3 of them between "order sent" (the simulator has
 * applied it) and "order recorded" (Postgres has its broker id). After each kill a new worker
 * process takes over. The simulator's own order book must then hold each decided order exactly once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryTypes } from 'sequelize';
import { accountWorkflowId, ACCOUNT_WORKFLOW_TYPE } from '../../../contracts/workflows';
import { startTestDesk, workflowBundle, type TestDesk } from '../../support/desk';
import { spawnWorker, type WorkerProcess } from '../../support/worker-process';

const ACCOUNTS = ['claude', 'gpt'];
const MIN_KILLS = 12;
const MIN_KILLS_IN_FLIGHT = 3;

let desk: TestDesk;
let dir: string;
let env: Record<string, string>;
let worker: WorkerProcess | undefined;
const stats = { kills: 0, inFlight: 0, cyclesBefore: 0 };

const rows = <T extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
  desk.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });

/** Orders the simulator holds that Postgres has not recorded a broker id for yet. */
async function unrecorded(): Promise<string[]> {
  const recorded = new Set(
    (await rows<{ k: string }>(`SELECT correlation_id AS k FROM orders WHERE broker_order_id IS NOT NULL`)).map(
      (r) => r.k,
    ),
  );
  return desk.sim.control
    .orders()
    .map((o) => String(o.correlationId))
    .filter((k) => !recorded.has(k));
}

async function kill(w: WorkerProcess): Promise<void> {
  w.child.kill('SIGKILL');
  await w.exited;
  stats.kills++;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  // Killed workers stall an account for several seconds: keep the accounts in lockstep through that.
  desk = await startTestDesk({
    inProcessWorker: false,
    env: { TICK_SECONDS: '0.05' },
    simulator: { barrierStaleMs: 60_000 },
  });
  dir = mkdtempSync(join(tmpdir(), 'desk-crash-'));
  const bundlePath = join(dir, 'workflows.js');
  writeFileSync(bundlePath, (await workflowBundle()).code);
  env = { ...desk.workerEnv, WORKFLOW_BUNDLE_PATH: bundlePath };
  // Every placement is applied at once but answered 1.5 s late: a window in which the order
  // exists at the broker and is not yet recorded.
  desk.sim.control.setFaults([{ kind: 'applyThenDelay', method: 'POST', path: '/v2/orders', rate: 1, ms: 1_500 }]);
  for (const accountId of ACCOUNTS)
    await desk.client.workflow.start(ACCOUNT_WORKFLOW_TYPE, {
      workflowId: accountWorkflowId(accountId),
      taskQueue: desk.taskQueue,
      args: [{ accountId }],
    });

  const deadline = Date.now() + 300_000;
  let seed = 1;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  while (stats.kills < MIN_KILLS || stats.inFlight < MIN_KILLS_IN_FLIGHT) {
    if (Date.now() > deadline)
      throw new Error(`only ${stats.kills} kills (${stats.inFlight} in flight) before the deadline`);
    worker = spawnWorker(env);
    await worker.ready;
    const killAt = Date.now() + 1_500 + random() * 2_500;
    let inFlight = false;
    // Kill at a random moment, or at once when an order is sent but not yet recorded.
    while (
      Date.now() < killAt ||
      (stats.inFlight < MIN_KILLS_IN_FLIGHT && stats.kills >= MIN_KILLS - MIN_KILLS_IN_FLIGHT)
    ) {
      if ((await unrecorded()).length > 0) {
        inFlight = true;
        break;
      }
      if (Date.now() > deadline) break;
      await sleep(50);
    }
    await kill(worker);
    if (inFlight) stats.inFlight++;
  }
  stats.cyclesBefore = (
    await rows<{ n: number }>(`SELECT count(*)::int AS n FROM cycles WHERE status = 'completed'`)
  )[0]!.n;
  // A last worker finishes the work in flight and runs a few more cycles.
  worker = spawnWorker(env);
  await worker.ready;
  for (;;) {
    const [r] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM cycles WHERE status = 'completed'`);
    if (r!.n >= stats.cyclesBefore + 10 && (await unrecorded()).length === 0) break;
    if (Date.now() > deadline + 120_000) throw new Error('the last worker did not catch up');
    await sleep(250);
  }
  for (const accountId of ACCOUNTS)
    await desk.client.workflow.getHandle(accountWorkflowId(accountId)).terminate('test over');
  console.log(`worker crash test: ${stats.kills} SIGKILLs, ${stats.inFlight} between "sent" and "recorded"`);
}, 480_000);

afterAll(async () => {
  if (worker && worker.child.exitCode === null) worker.child.kill('SIGTERM');
  await worker?.exited;
  await desk?.close();
  rmSync(dir, { recursive: true, force: true });
});

test(`the worker was killed at least ${MIN_KILLS} times, ${MIN_KILLS_IN_FLIGHT} of them between "sent" and "recorded"`, () => {
  expect(stats.kills).toBeGreaterThanOrEqual(MIN_KILLS);
  expect(stats.inFlight).toBeGreaterThanOrEqual(MIN_KILLS_IN_FLIGHT);
});

test('no duplicate orders: each correlation id is at the broker at most once', () => {
  const keys = desk.sim.control.orders().map((o) => String(o.correlationId));
  expect(keys.length).toBeGreaterThan(0);
  expect(new Set(keys).size).toBe(keys.length);
});

test('no lost orders: every broker order is recorded, and every recorded order reached the broker or says why not', async () => {
  const atBroker = new Map(desk.sim.control.orders().map((o) => [String(o.correlationId), o]));
  const ours = await rows<{ correlation_id: string; broker_order_id: string | null; status: string; quantity: number }>(
    `SELECT correlation_id, broker_order_id, status, quantity FROM orders`,
  );
  const recorded = new Map(ours.map((o) => [o.correlation_id, o]));
  for (const [key, order] of atBroker) {
    expect(recorded.get(key)?.broker_order_id).toBe(String(order.orderId));
    expect(recorded.get(key)?.quantity).toBe(order.quantity);
  }
  for (const o of ours) {
    if (!atBroker.has(o.correlation_id)) expect(o.status).toBe('EXPIRED');
  }
});

test('every approved decision of a completed cycle became exactly one order', async () => {
  const mismatches = await rows<{ workflow_id: string; approved: number; orders: number }>(
    `SELECT c.workflow_id,
            (SELECT count(*)::int FROM risk_events r WHERE r.cycle_id = c.id AND r.verdict IN ('approve', 'adjust')) AS approved,
            (SELECT count(*)::int FROM orders o WHERE o.cycle_id = c.id) AS orders
       FROM cycles c WHERE c.status = 'completed'`,
  );
  expect(mismatches.filter((m) => m.approved !== m.orders)).toEqual([]);
});

test('every fill at the broker is booked once', async () => {
  const [r] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM fills`);
  expect(r?.n).toBe(desk.sim.control.trades().length);
});
