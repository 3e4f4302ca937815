/**
 * The account as a long-lived actor (workflow id `account-<id>`). It sleeps durably until the next
 * tick, runs each tick as a child `cycleWorkflow`, and continues-as-new once per trading day.
 * Message handlers only change state; this loop does the work (and drains handlers before
 * continuing as new). The state and handlers live in `AccountActor`.
 */
import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import { type AccountWorkflowInput, type AccountStatusView } from '../contracts/workflows';
import { AccountActor, type CarriedState } from './account-actor';

export async function accountWorkflow(input: AccountWorkflowInput): Promise<AccountStatusView> {
  const actor = await AccountActor.start(input.accountId, input.carried as CarriedState | undefined);
  let cyclesThisRun = 0;

  while (!actor.finished) {
    const tick = await actor.planTick();
    const interrupted = await condition(() => actor.hasUrgentWork(), tick.delayMs, { summary: tick.label });
    if (interrupted) {
      await actor.doUrgentWork();
      continue;
    }
    const cycle = await actor.runTick();
    if (cycle) cyclesThisRun++;
    const dayEnded = cycle?.lastOfDay === true;
    const tooLong = input.maxCyclesPerRun !== undefined && cyclesThisRun >= input.maxCyclesPerRun;
    if (!actor.finished && (dayEnded || tooLong || workflowInfo().continueAsNewSuggested)) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof accountWorkflow>({ ...input, carried: actor.carried() });
    }
  }
  await condition(allHandlersFinished);
  return actor.view();
}
