/**
 * `npm run scale-out -- --workers 3 --accounts 12 --cycles 120`: the compose topology without Docker.
 * One Temporal dev server, one Postgres and the Dhan simulator; `--workers` separate `npm run worker`
 * processes on one task queue; `--accounts` paper accounts on the rules decider. Once `--cycles`
 * cycles have completed it stops the accounts, reads every cycle's history and prints which worker
 * process ran it (the server records the identity `<pid>@<host>` of the worker that took each task),
 * then compares the simulator's order book with the orders table.
 * Exits 1 if a worker ran no cycle, a cycle failed, or an order was placed twice or lost.
 *
 * A run on the shared 2-core dev machine (`--workers 3 --accounts 9 --cycles 90`): 99 cycles, the three
 * workers ran 33, 35 and 31 of them; 30 orders at the broker, 30 recorded, 0 placed twice, 0 lost.
 */
import { parseArgs } from 'node:util';
import { stopSignal, accountWorkflowId } from '../contracts/workflows';
import { createLogger } from '../platform/logger';
import { routeTemporalLogs } from '../platform/temporal-logging';
import { auditOrders, cyclesByStatus } from './fleet/audit';
import { startFleet, syntheticAccounts } from './fleet/fleet';
import { cycleWorkflowIds, mainWorker, workersOf } from './fleet/who-ran';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '3' },
    accounts: { type: 'string', default: '12' },
    cycles: { type: 'string', default: '120' },
    'tick-seconds': { type: 'string', default: '0.5' },
  },
});
const WORKERS = positive('workers');
const ACCOUNTS = positive('accounts');
const CYCLES = positive('cycles');
const TICK_SECONDS = Number(values['tick-seconds']);
const TIMEOUT_MS = 300_000;

function positive(name: 'workers' | 'accounts' | 'cycles'): number {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got "${values[name]}")`);
  return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  routeTemporalLogs(createLogger('warn', 'scale-out'));
  console.log(`scale-out: ${WORKERS} worker processes, ${ACCOUNTS} accounts, until ${CYCLES} cycles have completed`);
  const accounts = syntheticAccounts(ACCOUNTS);
  const fleet = await startFleet({ accounts, tickSeconds: TICK_SECONDS });
  try {
    const workers = await Promise.all(Array.from({ length: WORKERS }, () => fleet.spawnWorker()));
    const pids = workers.map((w) => w.child.pid!);
    console.log(`workers up: pids ${pids.join(', ')}`);
    const startedAt = Date.now();
    await fleet.startAccounts();
    while (((await cyclesByStatus(fleet.db)).completed ?? 0) < CYCLES) {
      if (Date.now() - startedAt > TIMEOUT_MS) throw new Error(`fewer than ${CYCLES} cycles after ${TIMEOUT_MS} ms`);
      await sleep(500);
    }
    const seconds = (Date.now() - startedAt) / 1000;
    // Stop every account after its cycle in flight, so each cycle ends and each order is recorded.
    await Promise.all(
      accounts.map((a) =>
        fleet.client.workflow.getHandle(accountWorkflowId(a.id)).signal(stopSignal, { reason: 'scale-out done' }),
      ),
    );
    await Promise.all(accounts.map((a) => fleet.client.workflow.getHandle(accountWorkflowId(a.id)).result()));

    const byPid = new Map(pids.map((p) => [p, { cycles: 0, workflowTasks: 0, activities: 0 }]));
    const pidOf = (identity: string) => Number(identity.split('@')[0]);
    const cycleIds = await cycleWorkflowIds(fleet.client);
    for (const workflowId of cycleIds) {
      const ran = await workersOf(fleet.client, workflowId);
      const main = mainWorker(ran);
      if (main) byPid.get(pidOf(main))!.cycles++;
      for (const [id, n] of ran.workflowTasks) byPid.get(pidOf(id))!.workflowTasks += n;
      for (const [id, n] of ran.activities) byPid.get(pidOf(id))!.activities += n;
    }

    const statuses = await cyclesByStatus(fleet.db);
    console.log(
      `\n${cycleIds.length} cycles (${CYCLES} completed within ${seconds.toFixed(1)} s, the rest while stopping); ` +
        `by status: ${json(statuses)}`,
    );
    console.log('worker pid   cycles   workflow tasks   activities');
    for (const [pid, s] of byPid)
      console.log(
        `${String(pid).padEnd(10)} ${String(s.cycles).padStart(7)} ${String(s.workflowTasks).padStart(16)} ${String(s.activities).padStart(12)}`,
      );
    const audit = await auditOrders(fleet.db, fleet.sim);
    console.log(
      `\norders: ${audit.atBroker} at the broker, ${audit.recorded} recorded, ` +
        `${audit.duplicates.length} placed twice, ${audit.lost.length} lost, ${audit.unsent.length} never sent`,
    );
    const notCompleted = cycleIds.length - (statuses.completed ?? 0);
    const idle = [...byPid].filter(([, s]) => s.cycles === 0).map(([pid]) => pid);
    console.log(
      `cycles not completed: ${notCompleted}; workers that ran no cycle: ${idle.length ? idle.join(', ') : 'none'}`,
    );
    if (notCompleted > 0 || idle.length > 0 || audit.duplicates.length > 0 || audit.lost.length > 0)
      process.exitCode = 1;
  } finally {
    await fleet.close();
  }
}

const json = (x: unknown) => JSON.stringify(x);

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
