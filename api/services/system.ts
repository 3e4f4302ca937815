import { isMarketOpen, nextSessionOpen, nextTick, sessionPhase } from '../../core/calendar';
import { type AccountRecord, listAccounts } from '../../db/queries';
import { type ApiContext } from '../context';
import { type ControlOutcome } from '../control/account-control';
import { HttpError } from '../errors';
import { labelsOf, workflowRef } from './accounts';

const iso = (t: number) => new Date(t).toISOString();

/** Accounts, their workflows and live views, the market session, and where Temporal's UI is. */
export async function systemStatus(ctx: ApiContext) {
  // The session of the market the desk trades: the simulator's clock in simulator mode, else the wall clock.
  const marketTime = await ctx.marketData.marketTime();
  const now = marketTime ?? ctx.clock();
  const accounts = await listAccounts(ctx.db);
  const views = await Promise.all(
    accounts.map(async (a) => {
      const workflow = await ctx.control.describe(a.id);
      const live = workflow?.running ? await ctx.control.status(a.id) : null;
      return {
        id: a.id,
        name: a.name,
        model: a.model,
        status: a.status,
        workflow: workflow ? workflowRef(workflow) : null,
        live: live && {
          status: live.status,
          riskState: live.riskState,
          equity: live.equity,
          dayPnl: live.dayPnl,
          cycles: live.cycles,
          nextTick: live.nextTick === undefined ? null : iso(live.nextTick),
        },
      };
    }),
  );
  return {
    mode: ctx.settings.mode,
    marketData: ctx.marketData.sourceName,
    market: {
      clock: marketTime === undefined ? 'wall' : ctx.marketData.sourceName,
      now: iso(now),
      open: isMarketOpen(now),
      phase: sessionPhase(now),
      nextTick: iso(nextTick(now)),
      nextOpen: iso(nextSessionOpen(now)),
    },
    temporal: { namespace: ctx.settings.temporal.namespace, uiUrl: ctx.settings.temporal.uiUrl ?? null },
    accounts: views,
  };
}

type Outcome = 'started' | 'signalled' | 'already_running' | 'skipped' | 'failed';

/** Runs `act` for each account; a refusal (4xx) is reported as skipped, anything else as failed. */
async function forEachAccount(
  ctx: ApiContext,
  act: (a: AccountRecord) => Promise<{ outcome: Outcome; reason?: string }>,
) {
  const accounts = await listAccounts(ctx.db);
  const results = await Promise.all(
    accounts.map(async (a) => {
      try {
        return { accountId: a.id, ...(await act(a)) };
      } catch (e) {
        if (e instanceof HttpError && e.status < 500)
          return { accountId: a.id, outcome: 'skipped' as const, reason: e.message };
        if (e instanceof HttpError) return { accountId: a.id, outcome: 'failed' as const, reason: e.message };
        throw e;
      }
    }),
  );
  return { results };
}

const reported = (o: ControlOutcome) => ({ outcome: o.outcome === 'already_killed' ? 'skipped' : o.outcome }) as const;

/** `POST /system/start-trading`: starts (or resumes) every account that was not killed. */
export function startTrading(ctx: ApiContext) {
  return forEachAccount(ctx, async (a) => {
    if (a.status === 'killed') return { outcome: 'skipped', reason: 'killed' };
    return reported(await ctx.control.start(a.id, labelsOf(a)));
  });
}

/** `POST /system/stop-trading`: stops every running account (flattening unless told not to). */
export function stopTrading(ctx: ApiContext, body: { reason?: string; flatten?: boolean }) {
  return forEachAccount(ctx, async (a) => {
    const workflow = await ctx.control.describe(a.id);
    if (!workflow?.running) return { outcome: 'skipped', reason: 'not running' };
    return reported(await ctx.control.stop(a.id, { reason: body.reason ?? 'stop-trading', flatten: body.flatten }));
  });
}
