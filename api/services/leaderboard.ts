import { DAY_MS, istDateKey, istTime } from '../../core/time';
import { accountStats, listAccounts } from '../../db/queries';
import { type ApiContext } from '../context';
import { pct, round } from './portfolio';

/**
 * Every account side by side: books from its latest snapshot, the deepest drawdown, round trips and
 * win rate, and LLM cost today and in total. "Today" is the IST day of the market's time (the
 * simulator's clock in simulator mode), so a simulated session is one day.
 */
export async function leaderboard(ctx: ApiContext) {
  const now = (await ctx.marketData.marketTime()) ?? ctx.clock();
  const today = istDateKey(now);
  const dayStart = istTime(today, 0, 0);
  const [accounts, stats] = await Promise.all([
    listAccounts(ctx.db),
    accountStats(ctx.db, { dayStart: new Date(dayStart), dayEnd: new Date(dayStart + DAY_MS) }),
  ]);
  const byId = new Map(stats.map((s) => [s.accountId, s]));
  return {
    asOf: new Date(now).toISOString(),
    today,
    accounts: accounts.map((a) => {
      const s = byId.get(a.id);
      const equity = s?.equity ?? a.allocatedCapital;
      const closed = s?.closedTrades ?? 0;
      const wins = s?.winningTrades ?? 0;
      return {
        accountId: a.id,
        name: a.name,
        model: a.model,
        mode: a.mode,
        status: a.status,
        riskState: a.riskState,
        allocatedCapital: a.allocatedCapital,
        equity,
        returnPct: pct(equity, a.allocatedCapital),
        realisedPnl: s?.realisedPnl ?? 0,
        unrealisedPnl: s?.unrealisedPnl ?? 0,
        charges: s?.charges ?? 0,
        maxDrawdown: s?.maxDrawdown ?? 0,
        closedTrades: closed,
        winningTrades: wins,
        winRate: closed > 0 ? round(wins / closed) : null,
        filledOrders: s?.filledOrders ?? 0,
        cycles: s?.cycles ?? 0,
        decisions: s?.decisions ?? 0,
        llmCost: {
          todayInr: round(s?.llmCostTodayInr ?? 0),
          todayUsd: round(s?.llmCostTodayUsd ?? 0, 6),
          totalInr: round(s?.llmCostInr ?? 0),
          totalUsd: round(s?.llmCostUsd ?? 0, 6),
        },
        lastSnapshotAt: s?.asOf ? s.asOf.toISOString() : null,
      };
    }),
  };
}
