/**
 * `npm run replay -- <workflowId> [runId]`: fetches a workflow's history from Temporal and replays it
 * against the current workflow code. A DeterminismViolationError means the code changed in a way
 * that breaks running workflows (add a patch, or let those runs finish first).
 *
 * `npm run replay -- --file test/histories/x.json [workflowId]` replays a saved history instead.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Worker } from '@temporalio/worker';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../platform/logger';
import { connectClient } from '../platform/temporal';
import { routeTemporalLogs } from '../platform/temporal-logging';
import { locateServices } from './devstack';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length === 0 || args[0] === '--help') {
    console.log(
      'usage: npm run replay -- <workflowId> [runId]  |  npm run replay -- --file <history.json> [workflowId]',
    );
    process.exit(args.length === 0 ? 1 : 0);
  }
  let history: unknown;
  let workflowId: string;
  if (args[0] === '--file') {
    const file = resolve(args[1] ?? '');
    history = JSON.parse(readFileSync(file, 'utf8'));
    workflowId = args[2] ?? basename(file, '.json').replace(/@.*$/, '');
  } else {
    workflowId = args[0]!;
    const config = loadConfig();
    const client = await connectClient(locateServices(config).temporal);
    try {
      history = await client.workflow.getHandle(workflowId, args[1]).fetchHistory();
    } finally {
      await client.connection.close();
    }
  }
  routeTemporalLogs(createLogger('warn', 'replay'));
  const started = Date.now();
  await Worker.runReplayHistory({ workflowsPath: require.resolve('../workflows') }, history, workflowId);
  console.log(
    `${workflowId}: replayed against the current code in ${Date.now() - started} ms, no determinism violation.`,
  );
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
  process.exit(1);
});
