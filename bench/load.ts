/**
 * Load benchmark (issue 11). Run: `npx tsx bench/load.ts [--accounts N] [--seconds S] [--timer-accounts M]`.
 *
 * Starts its own Temporal dev server, embedded Postgres and Dhan simulator (scripts/devstack), then
 * measures two things, one after the other, and prints their figures:
 *
 * (a) Full cycles. N account workflows (rules decider, paper trading on the simulator) on a
 *     compressed tick (TICK_SECONDS 0.05: every account wants its next bar at once, so the worker is
 *     never idle) served by ONE worker process (`workers/main.ts`, as deployed). Over S seconds after
 *     a warm-up: sustained completed cycles per second (from the `cycles` table), cycle duration
 *     p50/p99, failed cycles, and the worker's resident memory per account. At a 5-minute tick an
 *     account needs one cycle per 300 s, so one worker can serve `cycles/s × 300` accounts.
 * (b) Tick lateness on the timer path. M workflows wake on durable timers through the real dev server
 *     the way account workflows do in NSE mode (grid point + the account's offset from
 *     workflows/ticks.ts, 5–15 s, so a 5-minute boundary's herd is spread over 10 s), but each runs a
 *     light cycle (bench/load-workflows.ts: one activity) instead of a trading cycle. The tick is
 *     compressed to 20 s so a few boundaries pass quickly; the herd is as dense as in production
 *     (M wake-ups in the same 10 s window). Lateness = when the workflow woke (its task's time) and
 *     when the first activity started, each minus the due time; p50/p99 over every wake-up.
 *
 * `--timer-accounts 0` runs part (a) only. What each figure means, and why the two are measured apart, is in docs/BENCHMARKS.md.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NativeConnection, Worker } from '@temporalio/worker';
import { QueryTypes } from 'sequelize';
import { allocatedCapital, loadConfig } from '../config';
import { type AccountRef } from '../activities/types';
import { cycleWorkflowId } from '../contracts/orders';
import { activeStatus } from '../core/risk';
import { istTime } from '../core/time';
import { SYMBOLS } from '../core/instruments';
import { STRATEGY_IDS } from '../core/strategy-ids';
import { migrate, openDatabase, seed } from '../db';
import { createLogger } from '../platform/logger';
import { connectClient } from '../platform/temporal';
import { routeTemporalLogs } from '../platform/temporal-logging';
import { startServices } from '../scripts/devstack';
import { freePort } from '../scripts/devstack/ports';
import { ensureTemporalCli } from '../scripts/devstack/temporal-cli';
import { startTemporalDevServer, type TemporalDevServerHandle } from '../scripts/devstack/temporal-server';
import { spawnWorker } from '../test/support/worker-process';
import { simulatorClock } from '../workers/market-clock';
import { simulatorUrls } from '../workers/simulator';
import { cycleWorkflow } from '../workflows/cycle';
import { istLabel } from '../workflows/ticks';
import { type LightCycleActivities, type TimerLoadInput } from './load-workflows';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
    'timer-accounts': { type: 'string', default: '3000' },
    'timer-ticks': { type: 'string', default: '3' },
    // `memory`: the dev server keeps history in memory, so the figures are the worker's, not the
    // SQLite file's; `file`: history in a SQLite file, as `npm start` runs it.
    'temporal-db': { type: 'string', default: 'memory' },
  },
});
const ACCOUNTS = Number(args.accounts);
const SECONDS = Number(args.seconds);
const TIMER_ACCOUNTS = Number(args['timer-accounts']);
const TIMER_TICKS = Number(args['timer-ticks']);
const TIMER_PERIOD_MS = 20_000;
const WARM_UP_MS = 20_000;
const TICK_MS = 300_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: readonly number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
const ids = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i.toString().padStart(5, '0')}`);

/** N small accounts: 3 stocks and 2 strategies each, rotating, sharing the capital equally. */
function accountSpecs(n: number) {
  return ids(n, 'load').map((id, i) => ({
    id,
    model: 'rules/load',
    capitalSharePct: 100 / n,
    stocks: [0, 1, 2].map((k) => SYMBOLS[(i + k) % SYMBOLS.length]!),
    strategies: [STRATEGY_IDS[i % STRATEGY_IDS.length]!, STRATEGY_IDS[(i + 1) % STRATEGY_IDS.length]!],
  }));
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of a process, from /proc (Linux). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? NaN) / 1024;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-load-'));
  chmodSync(dir, 0o755); // embedded Postgres runs initdb as another user
  const log = createLogger('warn', 'bench');
  routeTemporalLogs(log);
  const temporal = await startTemporalDevServer({
    cliPath: ensureTemporalCli(),
    dbFile: args['temporal-db'] === 'file' ? join(dir, 'temporal.db') : undefined,
    stateDir: dir,
    port: await freePort(),
    namespace: 'default',
  });
  try {
    await measure(dir, temporal);
  } finally {
    await temporal.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both parts, against the dev server `temporal` and services started here in `dir`. */
async function measure(dir: string, temporal: TemporalDevServerHandle): Promise<void> {
  const env = {
    DATA_DIR: dir,
    TEMPORAL_ADDRESS: temporal.address,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    DHAN_SIMULATOR_PORT: String(await freePort()),
    SIMULATOR_START: '2026-06-01',
    TOTAL_CAPITAL: String(ACCOUNTS * 1_000_000),
    ACCOUNTS: JSON.stringify(accountSpecs(ACCOUNTS)),
    LOG_LEVEL: 'warn',
  };
  const config = loadConfig(env);
  const services = await startServices(config, () => undefined); // Postgres and the simulator
  const db = openDatabase(services.databaseUrl);
  const client = await connectClient(services.temporal);
  try {
    await migrate(db.sequelize);
    await seed(db.models, { accounts: config.accounts, totalCapital: config.trading.totalCapital, mode: 'paper' });
    console.log(
      `Machine: ${cpuSummary()}; Node ${process.version}; Temporal dev server, history in ${args['temporal-db']}`,
    );
    console.log(
      `Load average at start (shared machine): ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );

    // ---- (a) full cycles through one worker process --------------------------------------------
    const worker = spawnWorker({
      ...env,
      DATABASE_URL: services.databaseUrl.reveal(),
      TEMPORAL_ADDRESS: services.temporal.address,
      DHAN_SIMULATOR_URL: services.simulatorUrl!,
      LOG_LEVEL: 'info', // for the readiness line; cycles log only warnings and errors
    });
    process.once('exit', () => worker.child.kill('SIGKILL')); // never left behind, even on an error
    await worker.ready;
    await sleep(2_000);
    const idleRss = rssMiB(worker.child.pid!);
    const clock = simulatorClock(simulatorUrls(services.simulatorUrl!).control);
    const accounts: AccountRef[] = config.accounts.map((spec) => ({
      accountId: spec.id,
      spec,
      capital: allocatedCapital(config, spec),
      mode: 'paper',
    }));
    // One round = one bar: the market moves to the bar's close, then every account's cycle for it runs at once
    // (what the account workflows' lockstep does, without their polling of the shared clock).
    const round = async (bar: number) => {
      const marketTime = istTime('2026-06-01', 9, 20) + bar * 300_000;
      await clock.advanceTo(marketTime);
      await Promise.all(
        accounts.map((account) =>
          client.workflow.execute(cycleWorkflow, {
            workflowId: cycleWorkflowId(account.accountId, marketTime),
            taskQueue: config.temporal.taskQueue,
            args: [{ account, decider: 'rules', marketTime, purpose: 'trade', riskStatus: activeStatus(marketTime) }],
          }),
        ),
      );
    };
    let bar = 0;
    const warmUpUntil = Date.now() + WARM_UP_MS;
    while (Date.now() < warmUpUntil) await round(bar++);
    const from = new Date();
    const cpuFrom = cpuMs(worker.child.pid!);
    const serverCpuFrom = cpuMs(temporal.pid);
    let peakRss = 0;
    const measureUntil = Date.now() + SECONDS * 1000;
    while (Date.now() < measureUntil && bar < 74) {
      await round(bar++);
      peakRss = Math.max(peakRss, rssMiB(worker.child.pid!));
    }
    const to = new Date();
    const workerCpuMs = cpuMs(worker.child.pid!) - cpuFrom;
    const serverCpuMs = cpuMs(temporal.pid) - serverCpuFrom;
    const [row] = await db.sequelize.query<{ completed: number; failed: number; durations: number[] | null }>(
      `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              array_agg(extract(epoch FROM finished_at - started_at) * 1000 ORDER BY finished_at - started_at)
                FILTER (WHERE status = 'completed') AS durations
         FROM cycles WHERE started_at >= :from AND finished_at < :to`,
      { type: QueryTypes.SELECT, replacements: { from, to } },
    );
    const [placed] = await db.sequelize.query<{ orders: number }>(`SELECT count(*)::int AS orders FROM orders`, {
      type: QueryTypes.SELECT,
    });
    const windowS = (to.getTime() - from.getTime()) / 1000;
    const cyclesPerS = row!.completed / windowS;
    const durations = (row!.durations ?? []).map(Number);
    const perAccount = (peakRss - idleRss) / ACCOUNTS;
    worker.child.kill('SIGTERM');
    await worker.exited;

    console.log(
      `\n(a) Full cycles: ${ACCOUNTS} accounts, rules decider, simulator, one worker process (workers/main.ts)`,
    );
    console.log(
      `  window ${windowS.toFixed(0)} s after a ${WARM_UP_MS / 1000} s warm-up; bars up to ${istLabel(istTime('2026-06-01', 9, 20) + (bar - 1) * 300_000)}`,
    );
    console.log(`  sustained: ${cyclesPerS.toFixed(1)} cycles/s (${row!.completed} completed, ${row!.failed} failed)`);
    console.log(
      `  cycle duration (first activity → last, ${ACCOUNTS} at once): p50 ${percentile(durations, 50).toFixed(0)} ms, p99 ${percentile(durations, 99).toFixed(0)} ms`,
    );
    console.log(`  orders placed during the run: ${placed?.orders ?? 0}`);
    console.log(
      `  worker CPU: ${(workerCpuMs / row!.completed).toFixed(1)} ms per cycle → ${((row!.completed / workerCpuMs) * 1000).toFixed(1)} cycles per worker CPU second`,
    );
    console.log(
      `  worker RSS: idle ${idleRss.toFixed(0)} MiB, peak ${peakRss.toFixed(0)} MiB → ${perAccount.toFixed(2)} MiB per account (activity side)`,
    );
    console.log(
      `  capacity at a 5-minute tick: ${cyclesPerS.toFixed(1)} × 300 s = ${Math.floor(cyclesPerS * (TICK_MS / 1000))} accounts per worker`,
    );
    const cycleCpuMs = workerCpuMs / row!.completed;
    console.log(`  Temporal dev server CPU: ${(serverCpuMs / row!.completed).toFixed(1)} ms per cycle`);

    // ---- (b) tick lateness on the timer path ---------------------------------------------------
    if (TIMER_ACCOUNTS === 0) return; // `--timer-accounts 0`: part (a) only
    const late = await timerLateness(services.temporal, client, temporal.pid);
    console.log(
      `\n(b) Timer path: ${TIMER_ACCOUNTS} workflows × ${TIMER_TICKS} ticks, period ${TIMER_PERIOD_MS / 1000} s, production offsets (5–15 s), light cycle, one in-process worker`,
    );
    console.log(`  wake-ups measured: ${late.wake.length} of ${TIMER_ACCOUNTS * TIMER_TICKS}`);
    console.log(
      `  lateness, timer due → workflow woke:        p50 ${percentile(late.wake, 50).toFixed(0)} ms, p99 ${percentile(late.wake, 99).toFixed(0)} ms, max ${late.wake.at(-1)?.toFixed(0)} ms`,
    );
    console.log(
      `  lateness, timer due → cycle's first activity: p50 ${percentile(late.start, 50).toFixed(0)} ms, p99 ${percentile(late.start, 99).toFixed(0)} ms, max ${late.start.at(-1)?.toFixed(0)} ms`,
    );
    console.log(
      `  bench process RSS with ${TIMER_ACCOUNTS} sleeping workflows cached: +${late.rssPerWorkflowKiB.toFixed(0)} KiB per workflow`,
    );
    const wakeCpuMs = late.workerCpuMs / late.wake.length;
    console.log(
      `  CPU per wake-up: worker ${wakeCpuMs.toFixed(2)} ms, Temporal dev server ${(late.serverCpuMs / late.wake.length).toFixed(2)} ms`,
    );
    // What one core given to the worker alone could carry, whatever else shares this machine now.
    console.log(
      `\nCPU-bound estimate: one worker core serves 300,000 ms / (${cycleCpuMs.toFixed(1)} ms per cycle + ${wakeCpuMs.toFixed(2)} ms per wake-up) = ${Math.floor(TICK_MS / (cycleCpuMs + wakeCpuMs))} accounts at a 5-minute tick`,
    );
    console.log(
      `\nLoad average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const target = percentile(late.start, 99) < 2_000 && cyclesPerS * 300 >= TIMER_ACCOUNTS;
    console.log(
      `\nTarget (≥ ${TIMER_ACCOUNTS} accounts per worker, p99 lateness < 2 s): ${target ? 'met' : 'NOT met'}`,
    );
  } finally {
    await client.connection.close();
    await db.close();
    await services.stop();
  }
}

/** Part (b): M timer workflows on one in-process worker; lateness of every wake-up, sorted. */
async function timerLateness(
  temporal: { address: string; namespace: string },
  client: Awaited<ReturnType<typeof connectClient>>,
  serverPid: number,
): Promise<{ wake: number[]; start: number[]; rssPerWorkflowKiB: number; workerCpuMs: number; serverCpuMs: number }> {
  const taskQueue = 'load-timers';
  const seen = new Map<string, { wake: number; start: number }>();
  const activities: LightCycleActivities = {
    async lightCycle({ accountId, dueMs, wokeAtMs }) {
      seen.set(`${accountId}@${dueMs}`, { wake: wokeAtMs - dueMs, start: Date.now() - dueMs });
    },
  };
  const connection = await NativeConnection.connect({ address: temporal.address });
  const worker = await Worker.create({
    connection,
    namespace: temporal.namespace,
    taskQueue,
    workflowsPath: resolve(__dirname, 'load-workflows.ts'),
    activities,
    // Every account stays in the sticky cache (the default on this machine holds ≈2,300).
    maxCachedWorkflows: TIMER_ACCOUNTS + 100,
  });
  const running = worker.run();
  try {
    const rssBefore = rssMiB(process.pid);
    // Start everything first; the first tick is the first grid point after the starts are done.
    const accountIds = ids(TIMER_ACCOUNTS, 't');
    const startBy = Date.now() + 30_000 + TIMER_ACCOUNTS * 20;
    const firstTickMs = Math.ceil(startBy / TIMER_PERIOD_MS) * TIMER_PERIOD_MS;
    for (let i = 0; i < accountIds.length; i += 50)
      await Promise.all(
        accountIds.slice(i, i + 50).map((accountId) =>
          client.workflow.start('timerLoadWorkflow', {
            workflowId: `timer-${accountId}`,
            taskQueue,
            args: [{ accountId, firstTickMs, periodMs: TIMER_PERIOD_MS, ticks: TIMER_TICKS } satisfies TimerLoadInput],
          }),
        ),
      );
    if (Date.now() > firstTickMs) console.log('  (warning: the starts took longer than planned; first tick is late)');
    await sleep(Math.max(0, firstTickMs - Date.now()));
    const cpuFrom = process.cpuUsage();
    const serverCpuFrom = cpuMs(serverPid);
    // Every workflow has run its first task and sleeps in the worker's cache.
    const rssPerWorkflowKiB = ((rssMiB(process.pid) - rssBefore) * 1024) / TIMER_ACCOUNTS;
    const deadline = firstTickMs + TIMER_TICKS * TIMER_PERIOD_MS + 60_000;
    while (seen.size < TIMER_ACCOUNTS * TIMER_TICKS && Date.now() < deadline) await sleep(1_000);
    const values = [...seen.values()];
    const cpu = process.cpuUsage(cpuFrom);
    return {
      // This process is the worker; the client and the simulator here are idle during the ticks.
      workerCpuMs: (cpu.user + cpu.system) / 1000,
      serverCpuMs: cpuMs(serverPid) - serverCpuFrom,
      wake: values.map((v) => v.wake).sort((a, b) => a - b),
      start: values.map((v) => v.start).sort((a, b) => a - b),
      rssPerWorkflowKiB,
    };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}

function cpuSummary(): string {
  const model = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
  const cores = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 0;
  return `${cores} × ${model}`;
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
