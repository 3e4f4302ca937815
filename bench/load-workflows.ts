/**
 * Benchmark-only workflow for `bench/load.ts`: the account workflow's timer path without the trading
 * cycle. Each instance sleeps on a durable timer until its tick (the tick grid plus the account's
 * production offset from `workflows/ticks.ts`), then runs a "light cycle": one activity that notes
 * how late it started. Nothing here is used by the desk itself.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';
import { tickOffsetMs } from '../workflows/ticks';

/** The light cycle's one activity (implemented in bench/load.ts). */
export interface LightCycleActivities {
  /** Notes the tick's due time and the time the workflow woke (workflow time, from history). */
  lightCycle(input: { accountId: string; dueMs: number; wokeAtMs: number }): Promise<void>;
}

const { lightCycle } = proxyActivities<LightCycleActivities>({ startToCloseTimeout: '30s' });

export interface TimerLoadInput {
  readonly accountId: string;
  /** Wall time of the first tick's grid point (before the account's offset). */
  readonly firstTickMs: number;
  /** The compressed tick period (production: 300,000 ms). */
  readonly periodMs: number;
  readonly ticks: number;
}

/** Wakes `ticks` times on the compressed grid, each time at the grid point + the account's offset. */
export async function timerLoadWorkflow(input: TimerLoadInput): Promise<void> {
  const offset = tickOffsetMs(input.accountId);
  for (let i = 0; i < input.ticks; i++) {
    const dueMs = input.firstTickMs + i * input.periodMs + offset;
    // The same kind of wait as the account loop: one durable timer to an absolute due time.
    await sleep(Math.max(1, dueMs - Date.now()));
    await lightCycle({ accountId: input.accountId, dueMs, wokeAtMs: Date.now() });
  }
}
