/**
 * A deliberately changed version of the workflows, for the replay test's negative control: the
 * cycle fetches market data before reconciling orders (two steps swapped). Replaying a recorded
 * cycle against it must fail with a DeterminismViolationError, or the replay test proves nothing.
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import { DATA_STEP } from '../../workflows/activity-options';
import { type CycleInput } from '../../workflows/cycle';

export { accountWorkflow } from '../../workflows/account';

type Activities = ReturnType<typeof activities.createActivities>;
const data = proxyActivities<Activities>(DATA_STEP);

export async function cycleWorkflow(input: CycleInput): Promise<void> {
  const { account, marketTime } = input;
  const workflowId = workflowInfo().workflowId;
  await data.startCycle({ accountId: account.accountId, workflowId, marketTime });
  await data.fetchMarketData({ symbols: account.spec.stocks, marketTime }); // was second
  await data.syncOrders({ account, marketTime }); // was first
}
