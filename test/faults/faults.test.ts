/**
 * The fault suite (`npm run test:faults`): a desk of paper accounts on the rules decider and the Dhan
 * simulator, run as production runs it (worker processes, a Temporal dev server keeping history in a
 * file, a real Postgres), for at least 200 cycles while
 * (a) worker processes are killed with SIGKILL at random moments and replaced,
 * (b) the Temporal dev server is stopped and started again on the same history file,
 * (c) Postgres is stopped and started again on the same data folder,
 * (d) the simulator fails about 20 % of Dhan calls: 5xx, rate limits, and timeouts (requests left
 *     hanging, and placements applied but answered only after the client gave up).
 * Then the accounts are stopped and the books are audited: no order placed twice, none lost, every
 * decision recorded, every cycle completed or failed with its reason.
 */
import { QueryTypes } from 'sequelize';
import { type FaultRule } from '../../broker/simulator';
import { Prng } from '../../broker/simulator/market/prng';
import { accountWorkflowId, stopSignal } from '../../contracts/workflows';
import { auditOrders, cyclesByStatus, type OrderAudit } from '../../scripts/fleet/audit';
import { type Fleet, startFleet, syntheticAccounts } from '../../scripts/fleet/fleet';
import { cycleWorkflowIds, workersOf } from '../../scripts/fleet/who-ran';
import { type WorkerProcess } from '../support/worker-process';

const ACCOUNTS = syntheticAccounts(8);
const WORKERS = 2;
const MIN_CYCLES = 200;
const MIN_KILLS = 8;
/** Cycles ended (completed or failed) before each service restart. */
const RESTART_TEMPORAL_AFTER = 60;
const RESTART_POSTGRES_AFTER = 120;
const RUN_DEADLINE_MS = 600_000;

// About one Dhan call in five fails. Each rule draws on its own: 1 − 0.92 × 0.92 × 0.98 ≈ 17 % of all
// calls, plus half the placements (a few % of the calls) answered too late. `times` only makes the
// simulator count the firings.
const MANY = 1_000_000;
const FAULTS: FaultRule[] = [
  { kind: 'error5xx', rate: 0.08, times: MANY },
  { kind: 'rateLimit', rate: 0.08, times: MANY },
  // Never answered: the Dhan client gives up after its 10 s timeout.
  { kind: 'hang', rate: 0.02, ms: 15_000, times: MANY },
  // The order is placed, but the answer comes after the client's timeout: an outcome the desk must find out.
  { kind: 'applyThenDelay', method: 'POST', path: '/orders', rate: 0.5, ms: 11_000, times: MANY },
];

const SEED = Number(process.env.FAULT_SEED ?? 20260601);
const prng = new Prng(SEED);
const random = () => prng.next();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let fleet: Fleet;
let workers: WorkerProcess[] = [];
let audit: OrderAudit;
const stats = {
  kills: 0,
  killsWithOrderInFlight: 0,
  workersExitedByThemselves: 0,
  temporalRestarts: 0,
  temporalDowntimeMs: 0,
  postgresRestarts: 0,
  postgresDowntimeMs: 0,
  dhanRequests: 0,
  activityRetries: 0,
  injected: {} as Record<string, number>,
  wallSeconds: 0,
};

const rows = <T extends object>(sql: string) => fleet.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT });

/** Cycles that have ended, or undefined while Postgres is away. */
async function endedCycles(): Promise<number | undefined> {
  try {
    const s = await cyclesByStatus(fleet.db);
    return (s.completed ?? 0) + (s.failed ?? 0);
  } catch {
    return undefined;
  }
}

/** SIGKILLs one worker at random and starts its replacement (a supervisor would). */
async function killOne(): Promise<void> {
  const victim = workers[Math.floor(random() * workers.length)]!;
  // An order the broker holds that Postgres has not booked yet: this kill lands inside a placement.
  if ((await auditOrders(fleet.db, fleet.sim)).lost.length > 0) stats.killsWithOrderInFlight++;
  victim.child.kill('SIGKILL');
  await victim.exited;
  stats.kills++;
  workers = workers.filter((w) => w !== victim);
  workers.push(await fleet.spawnWorker());
}

/** Replaces workers that stopped without being killed (counted: a worker should survive a restart). */
async function replaceExited(): Promise<void> {
  for (const w of workers.filter((x) => x.child.exitCode !== null)) {
    stats.workersExitedByThemselves++;
    console.warn(`worker ${w.child.pid} exited by itself (${w.child.exitCode}):\n${w.output().slice(-2000)}`);
    workers = workers.filter((x) => x !== w);
    workers.push(await fleet.spawnWorker());
  }
}

/** What each account is waiting for, and the workers' last words: why a run stalled. */
async function whereStuck(): Promise<string> {
  const lines: string[] = [];
  for (const { id } of ACCOUNTS) {
    try {
      const d = await fleet.client.workflow.getHandle(accountWorkflowId(id)).describe();
      const pending = (d.raw.pendingActivities ?? []).map(
        (a) => `${a.activityType?.name} attempt ${a.attempt} ${a.lastFailure?.message ?? ''}`,
      );
      const children = (d.raw.pendingChildren ?? []).map((c) => c.workflowId);
      lines.push(`${id}: ${d.status.name}; activities [${pending.join('; ')}]; children [${children.join(', ')}]`);
    } catch (e) {
      lines.push(`${id}: ${String(e)}`);
    }
  }
  lines.push(`cycles: ${JSON.stringify(await cyclesByStatus(fleet.db).catch(String))}`);
  for (const w of workers) lines.push(`worker ${w.child.pid}:\n${w.output().slice(-1500)}`);
  return lines.join('\n');
}

/** Counts the simulator's fault firings per kind (`times` minus what is left). */
function injectedFaults(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const rule of fleet.sim.control.simulator.faults.list())
    counts[rule.kind] = (counts[rule.kind] ?? 0) + (rule.times ?? 0) - (rule.left ?? 0);
  return counts;
}

beforeAll(async () => {
  const startedAt = Date.now();
  // A killed worker's cycle stalls for the heartbeat timeout (5 s): the others go on without it.
  // The run starts in the afternoon so it crosses the 15:15 square-off and the next day's open.
  fleet = await startFleet({ accounts: ACCOUNTS, tickSeconds: 0.5, barrierStaleMs: 3_000, start: '2026-06-01 14:00' });
  workers = await Promise.all(Array.from({ length: WORKERS }, () => fleet.spawnWorker()));
  const requestsBefore = fleet.sim.control.requests().length;
  fleet.sim.control.setFaults(FAULTS);
  await fleet.startAccounts();

  const deadline = Date.now() + RUN_DEADLINE_MS;
  let nextKillAt = Date.now() + 3_000 + random() * 6_000;
  for (;;) {
    const ended = await endedCycles();
    const done =
      ended !== undefined &&
      ended >= MIN_CYCLES &&
      stats.kills >= MIN_KILLS &&
      stats.temporalRestarts > 0 &&
      stats.postgresRestarts > 0;
    if (done) break;
    if (Date.now() > deadline)
      throw new Error(
        `the run did not finish in time: ${ended} cycles ended, ${JSON.stringify(stats)}\n${await whereStuck()}`,
      );
    if (ended !== undefined && ended >= RESTART_TEMPORAL_AFTER && stats.temporalRestarts === 0) {
      stats.temporalDowntimeMs = await fleet.restartTemporal();
      stats.temporalRestarts++;
    } else if (ended !== undefined && ended >= RESTART_POSTGRES_AFTER && stats.postgresRestarts === 0) {
      stats.postgresDowntimeMs = await fleet.restartPostgres();
      stats.postgresRestarts++;
    } else if (Date.now() >= nextKillAt) {
      await killOne();
      nextKillAt = Date.now() + 5_000 + random() * 10_000;
    }
    await replaceExited();
    await sleep(250);
  }

  stats.injected = injectedFaults();
  stats.dhanRequests = fleet.sim.control.requests().length - requestsBefore;
  fleet.sim.control.clearFaults();
  // Stop every account after its cycle in flight: then every cycle has ended and every order is booked.
  const accounts = ACCOUNTS.map((a) => fleet.client.workflow.getHandle(accountWorkflowId(a.id)));
  await Promise.all(accounts.map((h) => h.signal(stopSignal, { reason: 'fault suite over' })));
  await Promise.all(accounts.map((h) => h.result()));
  audit = await auditOrders(fleet.db, fleet.sim);
  for (const id of await cycleWorkflowIds(fleet.client))
    stats.activityRetries += (await workersOf(fleet.client, id)).retries;
  stats.wallSeconds = Math.round((Date.now() - startedAt) / 1000);
  const cycles = await cyclesByStatus(fleet.db);
  const injected = Object.values(stats.injected).reduce((a, b) => a + b, 0);
  console.log(
    [
      `fault suite (FAULT_SEED=${SEED}), ${stats.wallSeconds} s:`,
      `  cycles: ${JSON.stringify(cycles)}`,
      `  worker SIGKILLs: ${stats.kills} (${stats.killsWithOrderInFlight} with an order sent and not yet booked); ` +
        `workers that exited by themselves: ${stats.workersExitedByThemselves}`,
      `  Temporal restarts: ${stats.temporalRestarts} (down ${stats.temporalDowntimeMs} ms); ` +
        `Postgres restarts: ${stats.postgresRestarts} (down ${stats.postgresDowntimeMs} ms)`,
      `  injected faults: ${injected} of ${stats.dhanRequests} Dhan calls ` +
        `(${((100 * injected) / stats.dhanRequests).toFixed(1)} %) ${JSON.stringify(stats.injected)}`,
      `  activity attempts retried by Temporal: ${stats.activityRetries}`,
      `  orders: ${audit.atBroker} at the broker, ${audit.recorded} recorded, ${audit.unsent.length} never sent; ` +
        `duplicates = ${audit.duplicates.length}, lost = ${audit.lost.length}`,
    ].join('\n'),
  );
}, RUN_DEADLINE_MS + 180_000);

afterAll(async () => {
  await fleet?.close();
});

test(`at least ${MIN_CYCLES} cycles ran through ${MIN_KILLS}+ SIGKILLs, a Temporal restart and a Postgres restart`, async () => {
  const s = await cyclesByStatus(fleet.db);
  expect((s.completed ?? 0) + (s.failed ?? 0)).toBeGreaterThanOrEqual(MIN_CYCLES);
  expect(stats.kills).toBeGreaterThanOrEqual(MIN_KILLS);
  expect(stats.temporalRestarts).toBe(1);
  expect(stats.postgresRestarts).toBe(1);
  // The faults reached the cycles: Temporal retried failed and abandoned steps.
  expect(stats.activityRetries).toBeGreaterThan(0);
});

test('the simulator failed about 20 % of Dhan calls with 5xx, rate limits and timeouts', () => {
  const injected = Object.values(stats.injected).reduce((a, b) => a + b, 0);
  expect(stats.injected.error5xx).toBeGreaterThan(0);
  expect(stats.injected.rateLimit).toBeGreaterThan(0);
  expect(stats.injected.hang).toBeGreaterThan(0);
  // A few hundred calls: the share drawn is 20 % give or take about 2.5 points (one standard deviation).
  expect(injected / stats.dhanRequests).toBeGreaterThan(0.13);
  expect(injected / stats.dhanRequests).toBeLessThan(0.28);
});

test('no order was placed twice: each correlation id is at the broker once', () => {
  expect(audit.atBroker).toBeGreaterThan(0);
  expect(audit.duplicates).toEqual([]);
});

test('no order was lost: every broker order is recorded with its id, and every unsent one says why', () => {
  expect(audit.lost).toEqual([]);
  for (const o of audit.unsent) {
    expect(['EXPIRED', 'REJECTED']).toContain(o.status);
    expect(o.reason).not.toBe('');
  }
});

test('every decision was recorded: each cycle past "decide" has its invocation, each approved proposal one order', async () => {
  const missing = await rows<{ workflow_id: string }>(
    `SELECT c.workflow_id FROM cycles c
      WHERE c.step_timings ? 'decide'
        AND NOT EXISTS (SELECT 1 FROM invocations i WHERE i.cycle_id = c.id)`,
  );
  expect(missing).toEqual([]);
  const mismatches = await rows<{ workflow_id: string; approved: number; orders: number }>(
    `SELECT * FROM (
       SELECT c.workflow_id,
              (SELECT count(*)::int FROM risk_events r WHERE r.cycle_id = c.id AND r.verdict IN ('approve', 'adjust')) AS approved,
              (SELECT count(*)::int FROM orders o WHERE o.cycle_id = c.id) AS orders
         FROM cycles c WHERE c.status = 'completed') x
      WHERE approved <> orders`,
  );
  expect(mismatches).toEqual([]);
});

test('every cycle completed or failed with a reason, in Postgres and in Temporal alike', async () => {
  const recorded = await rows<{ workflow_id: string; status: string; error: string | null }>(
    `SELECT workflow_id, status, error FROM cycles`,
  );
  expect(recorded.filter((c) => c.status !== 'completed' && c.status !== 'failed')).toEqual([]);
  expect(recorded.filter((c) => c.status === 'failed' && !c.error)).toEqual([]);

  const inTemporal = new Map<string, string>();
  for (const id of await cycleWorkflowIds(fleet.client))
    inTemporal.set(id, (await fleet.client.workflow.getHandle(id).describe()).status.name);
  const mismatched = recorded.filter((c) => inTemporal.get(c.workflow_id) !== c.status.toUpperCase());
  expect(mismatched).toEqual([]);
  // A cycle that failed before it could write its row still failed visibly, in Temporal.
  const withoutRow = [...inTemporal].filter(([id]) => !recorded.some((c) => c.workflow_id === id));
  expect(withoutRow.filter(([, status]) => status !== 'FAILED')).toEqual([]);
});
