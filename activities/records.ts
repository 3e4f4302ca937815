import { activityInfo } from '@temporalio/activity';
import { type AccountSpec } from '../contracts/account';
import { markToMarket, snapshot } from '../core/ledger';
import { type ActivityDeps } from './deps';
import { businessFailure } from './errors';
import { summary } from './orders';
import { type AccountRef, type CycleRef, type LoadedAccount, type PortfolioSummary } from './types';

export function recordActivities(deps: ActivityDeps) {
  const { repos } = deps;

  return {
    /** The account as stored, with how its ticks are timed and what decides for it. */
    async loadAccount(accountId: string): Promise<LoadedAccount> {
      const record = await repos.accounts.get(accountId);
      if (!record) throw businessFailure('AccountNotFound', `no account "${accountId}"`);
      const ref: AccountRef = { accountId, spec: record.spec, capital: record.allocatedCapital, mode: record.mode };
      return { ...ref, status: record.status, clock: deps.clockSpec, decider: deps.deciderLabel(ref) };
    },

    /** Mirrors the workflow's view of the account into Postgres for the API and dashboard. */
    async recordAccountState(input: { accountId: string; status?: string; riskState?: string }): Promise<void> {
      await repos.accounts.setState(input.accountId, {
        status: input.status as never,
        riskState: input.riskState,
      });
    },

    async saveAccountSpec(spec: AccountSpec): Promise<void> {
      await repos.accounts.saveSpec(spec);
    },

    /** Opens (or finds) the cycle's row; returns its id. */
    async startCycle(input: { accountId: string; workflowId: string; marketTime: number }): Promise<number> {
      return repos.cycles.start({
        ...input,
        runId: activityInfo().workflowExecution?.runId ?? '',
        startedAt: deps.wallNow(),
      });
    },

    async finishCycle(input: {
      workflowId: string;
      status: 'completed' | 'failed' | 'skipped';
      stepTimings: Record<string, number>;
      decision?: string;
      ordersPlaced: number;
      error?: string;
    }): Promise<void> {
      await repos.cycles.finish({ ...input, finishedAt: deps.wallNow() });
    },

    /** Marks the ledger to the cycle's closing prices and writes the equity-curve point. */
    async writeSnapshot(input: {
      account: AccountRef;
      cycle: CycleRef;
      lastPrices: Record<string, number>;
    }): Promise<PortfolioSummary> {
      const { account, cycle } = input;
      const ledger = await repos.ledgers.update(account.accountId, account.capital, cycle.marketTime, (l) =>
        markToMarket(l, input.lastPrices),
      );
      await repos.snapshots.save(
        account.accountId,
        cycle.cycleId,
        cycle.marketTime,
        snapshot(ledger, {}, cycle.marketTime),
      );
      return summary(ledger, cycle.marketTime);
    },
  };
}
