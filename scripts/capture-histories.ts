/**
 * `npm run capture-histories`: records real workflow histories from one simulated trading day (both
 * default accounts, a manual trade, a pause and resume, a config update, a stop) on a private dev
 * stack, and writes them to test/histories/, where the replay test checks every code change against them.
 * Re-run it when a workflow changes on purpose (and say so in the commit).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { QueryTypes } from 'sequelize';
import { loadConfig } from '../config';
import {
  accountWorkflowId,
  ACCOUNT_WORKFLOW_TYPE,
  executeTradeUpdate,
  pauseSignal,
  resumeSignal,
  statusQuery,
  stopSignal,
  updateConfigUpdate,
} from '../contracts/workflows';
import { istTime } from '../core/time';
import { migrate, openDatabase, seed } from '../db';
import { createLogger } from '../platform/logger';
import { connectClient } from '../platform/temporal';
import { routeTemporalLogs } from '../platform/temporal-logging';
import { createTradingWorker } from '../workers/create-worker';
import { startServices } from './devstack';
import { freePort } from './devstack/ports';

const OUT = resolve(__dirname, '../test/histories');
const DAY = '2026-06-01';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-capture-'));
  chmodSync(dir, 0o755); // the embedded Postgres may run as the `postgres` user
  const config = loadConfig({
    DATA_DIR: dir,
    TICK_SECONDS: '0.05',
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    DHAN_SIMULATOR_PORT: String(await freePort()),
    SIMULATOR_START: DAY,
    SIMULATOR_SEED: '7',
    LOG_LEVEL: 'warn',
  });
  routeTemporalLogs(createLogger('warn', 'capture'));
  const services = await startServices(config, (line) => console.log(line));
  const db = openDatabase(services.databaseUrl);
  const client = await connectClient(services.temporal);
  try {
    await migrate(db.sequelize);
    await seed(db.models, { accounts: config.accounts, totalCapital: config.trading.totalCapital, mode: 'paper' });
    const worker = await createTradingWorker({ config, ...services, log: createLogger('warn') });
    const claude = await client.workflow.start(ACCOUNT_WORKFLOW_TYPE, {
      workflowId: accountWorkflowId('claude'),
      taskQueue: config.temporal.taskQueue,
      args: [{ accountId: 'claude' }],
    });
    const gpt = await client.workflow.start(ACCOUNT_WORKFLOW_TYPE, {
      workflowId: accountWorkflowId('gpt'),
      taskQueue: config.temporal.taskQueue,
      args: [{ accountId: 'gpt' }],
    });
    const marketTimeOf = async (h: typeof claude) =>
      (await h.query(statusQuery).catch(() => undefined))?.lastCycle?.marketTime ?? 0;
    const until = async (h: typeof claude, hour: number, minute: number) => {
      while ((await marketTimeOf(h)) < istTime(DAY, hour, minute)) await sleep(100);
    };

    console.log('capturing: waiting for 10:00 …');
    await until(claude, 10, 0);
    await claude.executeUpdate(executeTradeUpdate, {
      args: [
        {
          idempotencyKey: 'capture-1',
          symbol: 'TCS',
          side: 'BUY',
          quantity: 2,
          stopLoss: 1,
          reason: 'captured manual trade',
        },
      ],
    });
    await claude.executeUpdate(updateConfigUpdate, { args: [{ risk: { maxOpenPositions: 2 } }] });
    await gpt.signal(pauseSignal, { reason: 'captured pause' });
    await until(gpt, 10, 30);
    await gpt.signal(resumeSignal);
    console.log('capturing: waiting for the close …');
    await until(claude, 15, 30);
    await until(gpt, 15, 30);
    await gpt.signal(stopSignal, { reason: 'captured stop' });
    await gpt.result();
    // The next day's first cycle proves continue-as-new happened.
    await until(claude, 9 + 24, 20);
    await claude.terminate('capture over');
    await worker.shutdown();

    const pick = async (sql: string) =>
      (await db.sequelize.query<{ workflow_id: string }>(sql, { type: QueryTypes.SELECT }))[0]?.workflow_id;
    const cycleIds = [
      `cycle-claude-20260601-0920`,
      await pick(
        `SELECT c.workflow_id FROM cycles c JOIN orders o ON o.cycle_id = c.id WHERE o.source = 'rules' ORDER BY c.id LIMIT 1`,
      ),
      await pick(
        `SELECT c.workflow_id FROM cycles c JOIN orders o ON o.cycle_id = c.id WHERE o.source = 'risk' ORDER BY c.id LIMIT 1`,
      ),
      await pick(`SELECT workflow_id FROM cycles WHERE workflow_id LIKE 'trade-%' LIMIT 1`),
      await pick(`SELECT workflow_id FROM cycles WHERE decision LIKE 'protect:%' LIMIT 1`),
      `cycle-claude-20260601-1515`,
    ].filter((id): id is string => id !== undefined);

    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const write = async (workflowId: string, runId?: string, name = workflowId) => {
      const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
      writeFileSync(join(OUT, `${name}.json`), historyToJSON(history));
      console.log(`  ${name}.json: ${history.events?.length} events`);
    };
    const claudeFirstRun = (await client.workflow.getHandle(accountWorkflowId('claude')).describe()).raw
      .workflowExecutionInfo?.firstRunId;
    await write(accountWorkflowId('claude'), claudeFirstRun ?? undefined, 'account-claude@day1');
    await write(accountWorkflowId('gpt'), undefined, 'account-gpt@stopped');
    for (const id of cycleIds) await write(id);
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
