/**
 * Health checks of the desk's containers (docker-compose `healthcheck`):
 *
 *   node --import tsx docker/healthcheck.ts worker     this container's worker polls the task queue
 *   node --import tsx docker/healthcheck.ts api        GET /api/health answers 200
 *   node --import tsx docker/healthcheck.ts dhan-sim   the simulator's control API answers
 *
 * Exits 0 when healthy; otherwise prints why and exits 1.
 */
import { hostname } from 'node:os';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../config';
import { connectClient } from '../platform/temporal';
import { locateServices } from '../scripts/devstack';

const TIMEOUT_MS = 4_000;

async function answers(url: string): Promise<string | undefined> {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  return response.ok ? undefined : `${url} answered ${response.status}`;
}

/**
 * A worker is healthy when the server sees it polling: the SDK's default identity is
 * `<pid>@<hostname>`, and the container's hostname is its id, so other replicas do not count.
 */
async function workerPolls(): Promise<string | undefined> {
  const config = loadConfig();
  const client = await connectClient(locateServices(config).temporal, `${TIMEOUT_MS}ms`);
  try {
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace: config.temporal.namespace,
      taskQueue: { name: config.temporal.taskQueue },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    const mine = (pollers ?? []).filter((p) => p.identity?.endsWith(`@${hostname()}`));
    return mine.length > 0 ? undefined : `no worker of ${hostname()} polls task queue ${config.temporal.taskQueue}`;
  } finally {
    await client.connection.close();
  }
}

const CHECKS: Record<string, () => Promise<string | undefined>> = {
  worker: workerPolls,
  api: () => answers(`http://127.0.0.1:${loadConfig().api.port}/api/health`),
  'dhan-sim': () => answers(`http://127.0.0.1:${process.env.DHAN_SIMULATOR_PORT ?? '8700'}/sim/clock`),
};

async function main(): Promise<void> {
  const role = process.argv[2] ?? '';
  const check = CHECKS[role];
  if (!check) throw new Error(`unknown role "${role}": use ${Object.keys(CHECKS).join(', ')}`);
  const problem = await check();
  if (problem) throw new Error(problem);
}

main().catch((e: unknown) => {
  console.error(`unhealthy: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
