/**
 * `npx tsx bench/cycle.ts [cycles]`: wall time of one trading cycle (rules decider, Dhan simulator,
 * real Postgres), run (a) as a `cycleWorkflow` through the Temporal dev server and a worker, and
 * (b) as the same activities called one after another in this process. Prints median and p99 of
 * each; the difference is what durable execution costs per cycle.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../activities';
import { type AccountRef } from '../activities/types';
import { allocatedCapital, loadConfig } from '../config';
import { cycleWorkflowId, orderKey } from '../contracts/orders';
import { activeStatus } from '../core/risk';
import { istTime } from '../core/time';
import { migrate, openDatabase, seed } from '../db';
import { createRepositories } from '../db/repositories';
import { createLogger } from '../platform/logger';
import { connectClient } from '../platform/temporal';
import { routeTemporalLogs } from '../platform/temporal-logging';
import { startServices } from '../scripts/devstack';
import { freePort } from '../scripts/devstack/ports';
import { createBroker } from '../workers/broker';
import { createTradingWorker } from '../workers/create-worker';
import { deciderFactory } from '../workers/deciders';
import { simulatorClock } from '../workers/market-clock';
import { simulatorUrls } from '../workers/simulator';
import { type CycleInput, cycleWorkflow } from '../workflows/cycle';

const CYCLES = Number(process.argv[2] ?? 40);
const DAY = '2026-06-01';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
/** User + system CPU time of a `process.cpuUsage` reading, in ms. */
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${percentile(s, 50).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms (n=${s.length})`;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-'));
  chmodSync(dir, 0o755);
  const log = createLogger('warn', 'bench');
  routeTemporalLogs(log);
  const config = loadConfig({
    DATA_DIR: dir,
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    DHAN_SIMULATOR_PORT: String(await freePort()),
    SIMULATOR_START: DAY,
    LOG_LEVEL: 'warn',
  });
  const services = await startServices(config, () => undefined);
  const db = openDatabase(services.databaseUrl);
  const client = await connectClient(services.temporal);
  try {
    await migrate(db.sequelize);
    await seed(db.models, { accounts: config.accounts, totalCapital: config.trading.totalCapital, mode: 'paper' });
    const spec = config.accounts[0]!;
    const account: AccountRef = { accountId: spec.id, spec, capital: allocatedCapital(config, spec), mode: 'paper' };
    const clock = simulatorClock(simulatorUrls(services.simulatorUrl!).control);
    // Each measured cycle gets its own bar: 09:20, 09:25, … (both runs cover the same bars, a day apart).
    const barAt = (day: string, i: number) => istTime(day, 9, 20) + i * 300_000;

    // (a) through Temporal.
    const worker = await createTradingWorker({ config, ...services, log });
    const temporal: number[] = [];
    const cpuBefore = process.cpuUsage(); // the worker, the client and the simulator all run in this process
    for (let i = 0; i < CYCLES; i++) {
      const marketTime = barAt(DAY, i);
      await clock.advanceTo(marketTime);
      const input: CycleInput = {
        account,
        decider: 'rules',
        marketTime,
        purpose: 'trade',
        riskStatus: activeStatus(marketTime),
      };
      const started = performance.now();
      await client.workflow.execute(cycleWorkflow, {
        workflowId: cycleWorkflowId(account.accountId, marketTime),
        taskQueue: config.temporal.taskQueue,
        args: [input],
      });
      temporal.push(performance.now() - started);
    }
    const temporalCpu = cpuMs(process.cpuUsage(cpuBefore)) / CYCLES;
    await worker.shutdown();
    // The simulator enforces Dhan's per-second limits across clients: let the worker's window pass.
    await new Promise((r) => setTimeout(r, 1_500));

    // (b) the same steps in this process, on the next simulated day.
    const repos = createRepositories(db);
    const deciders = deciderFactory(config, repos);
    const acts = createActivities({
      repos,
      broker: createBroker(config, services.simulatorUrl),
      market: clock,
      clockSpec: { kind: 'simulated', tickMs: 0 },
      deciderFor: deciders.deciderFor,
      deciderLabel: deciders.label,
      log,
      wallNow: Date.now,
    });
    const env = new MockActivityEnvironment();
    const inProcess: number[] = [];
    const steps: Record<string, number[]> = {};
    const stepCpu: Record<string, number[]> = {};
    const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const result = await run();
      (steps[name] ??= []).push(performance.now() - t);
      (stepCpu[name] ??= []).push(cpuMs(process.cpuUsage(cpu)));
      return result;
    };
    const inProcessCpuBefore = process.cpuUsage();
    const day2 = '2026-06-02';
    for (let i = 0; i < CYCLES; i++) {
      const marketTime = barAt(day2, i);
      await clock.advanceTo(marketTime);
      const workflowId = `bench-${day2}-${i}`;
      const started = performance.now();
      await env.run(async () => {
        const cycleId = await step('start', () =>
          acts.startCycle({ accountId: account.accountId, workflowId, marketTime }),
        );
        const cycle = { cycleId, workflowId, marketTime };
        await step('reconcile', () => acts.syncOrders({ account, marketTime }));
        await step('market-data', () => acts.fetchMarketData({ symbols: spec.stocks, marketTime }));
        const analysis = await step('signals', () => acts.computeSignals({ account, cycle }));
        const riskStatus = activeStatus(marketTime);
        const decision = await step('decide', () =>
          acts.decide({ account, cycle, purpose: 'trade', riskStatus, analysis }),
        );
        const lastPrices = Object.fromEntries(analysis.symbols.map((s) => [s.symbol, s.lastPrice]));
        const risk = await step('risk', () =>
          acts.validateRisk({ account, cycle, riskStatus, proposals: decision.proposals, lastPrices }),
        );
        const approved = risk.decisions.filter((d) => d.verdict !== 'reject');
        for (const [n, d] of approved.entries())
          await acts.placeOrder({
            account,
            cycleId,
            orderKey: `${orderKey(account.accountId, marketTime, n)}`,
            proposal: d.proposal,
            validUntil: Date.now() + 60_000,
          });
        if (approved.length) await acts.syncOrders({ account, marketTime });
        await step('snapshot', () => acts.writeSnapshot({ account, cycle, lastPrices }));
        await acts.finishCycle({ workflowId, status: 'completed', stepTimings: {}, ordersPlaced: approved.length });
      });
      inProcess.push(performance.now() - started);
    }

    const inProcessCpu = cpuMs(process.cpuUsage(inProcessCpuBefore)) / CYCLES;
    console.log(
      `One cycle of account "${spec.id}" (${spec.stocks.join(', ')}; ${spec.strategies.join('+')}), rules decider, simulator:`,
    );
    console.log(`  through Temporal (cycleWorkflow + worker): ${summary(temporal)}`);
    console.log(`  same steps in-process (no Temporal):       ${summary(inProcess)}`);
    const median = (ms: number[]) =>
      percentile(
        [...ms].sort((a, b) => a - b),
        50,
      ).toFixed(1);
    console.log(
      `  in-process median by step (ms): ${Object.entries(steps)
        .map(([k, v]) => `${k} ${median(v)}`)
        .join(', ')}`,
    );
    console.log(
      `  CPU of this process per cycle (it also runs the Dhan simulator): through Temporal (worker + client) ${temporalCpu.toFixed(1)} ms, in-process ${inProcessCpu.toFixed(1)} ms`,
    );
    console.log(
      `  in-process CPU median by step (ms): ${Object.entries(stepCpu)
        .map(([k, v]) => `${k} ${median(v)}`)
        .join(', ')}`,
    );
  } finally {
    await client.connection.close();
    await db.close();
    await services.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
