import { type Client } from '@temporalio/client';

/** Which worker processes ran one workflow, read from its history (the server records each task's poller). */
export interface WorkflowWorkers {
  /** Worker identity (`<pid>@<host>`) → workflow tasks it completed. */
  readonly workflowTasks: Map<string, number>;
  /** Worker identity → activity attempts it started. */
  readonly activities: Map<string, number>;
  /** Activity attempts beyond the first (failures, timeouts and dead workers that Temporal retried). */
  retries: number;
}

const bump = (map: Map<string, number>, key: string | null | undefined) => {
  if (key) map.set(key, (map.get(key) ?? 0) + 1);
};

export async function workersOf(client: Client, workflowId: string): Promise<WorkflowWorkers> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const result: WorkflowWorkers = { workflowTasks: new Map(), activities: new Map(), retries: 0 };
  for (const event of history.events ?? []) {
    bump(result.workflowTasks, event.workflowTaskCompletedEventAttributes?.identity);
    const started = event.activityTaskStartedEventAttributes;
    bump(result.activities, started?.identity);
    // The server records one started event per activity, for its last attempt.
    if (started?.attempt) result.retries += started.attempt - 1;
  }
  return result;
}

/** The identity that did most of a workflow's workflow tasks (who "ran" it). */
export function mainWorker(workers: WorkflowWorkers): string | undefined {
  return [...workers.workflowTasks].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Ids of every cycle workflow the server knows (from its visibility store). */
export async function cycleWorkflowIds(client: Client): Promise<string[]> {
  const ids: string[] = [];
  for await (const w of client.workflow.list({ query: `WorkflowType = 'cycleWorkflow'` })) ids.push(w.workflowId);
  return ids;
}
