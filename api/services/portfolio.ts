import { istDateKey, istTime } from '../../core/time';
import { equitySeries, latestSnapshot, listAccounts, openPositions, snapshotBefore } from '../../db/queries';
import { type ApiContext } from '../context';
import { toJson } from '../schemas/json';
import { mustGetAccount } from './accounts';

/** `x` rounded to `places` decimals. */
export const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;
/** Return of `equity` on `capital`, in percent (0 without capital). */
export const pct = (equity: number, capital: number) => (capital > 0 ? round(((equity - capital) / capital) * 100) : 0);

/** Equity series of every account (or one), thinned to `points`, for the leaderboard chart. */
export async function performance(
  ctx: ApiContext,
  query: { from?: Date; to?: Date; account?: string; points: number },
) {
  const [accounts, series] = await Promise.all([
    listAccounts(ctx.db),
    equitySeries(ctx.db, { from: query.from, to: query.to, accountId: query.account }, query.points),
  ]);
  return {
    accounts: accounts
      .filter((a) => query.account === undefined || a.id === query.account)
      .map((a) => {
        const points = series
          .filter((p) => p.accountId === a.id)
          .map((p) => ({ time: p.marketTime.toISOString(), equity: p.equity, cash: p.cash, drawdown: p.drawdown }));
        const equity = points.at(-1)?.equity ?? a.allocatedCapital;
        return {
          accountId: a.id,
          name: a.name,
          model: a.model,
          allocatedCapital: a.allocatedCapital,
          equity,
          returnPct: pct(equity, a.allocatedCapital),
          points,
        };
      }),
  };
}

/**
 * Cash, equity, P&L, drawdown, positions and risk state of one account, from its latest snapshot
 * (before its first cycle: its allocated capital, all in cash). Day P&L is measured against the last
 * snapshot before the IST day of the latest one.
 */
export async function portfolio(ctx: ApiContext, accountId: string) {
  const account = await mustGetAccount(ctx, accountId);
  const [snapshot, positions] = await Promise.all([
    latestSnapshot(ctx.db, accountId),
    openPositions(ctx.db, accountId),
  ]);
  const capital = account.allocatedCapital;
  const dayStart = snapshot ? new Date(istTime(istDateKey(snapshot.marketTime.getTime()), 0, 0)) : undefined;
  const previous = dayStart ? await snapshotBefore(ctx.db, accountId, dayStart) : null;
  const equity = snapshot?.equity ?? capital;
  return {
    accountId,
    name: account.name,
    model: account.model,
    mode: account.mode,
    status: account.status,
    riskState: account.riskState,
    riskLimits: account.riskLimits,
    allocatedCapital: capital,
    asOf: snapshot ? snapshot.marketTime.toISOString() : null,
    cash: snapshot?.cash ?? capital,
    equity,
    realisedPnl: snapshot?.realisedPnl ?? 0,
    unrealisedPnl: snapshot?.unrealisedPnl ?? 0,
    charges: snapshot?.charges ?? 0,
    totalPnl: round(equity - capital),
    returnPct: pct(equity, capital),
    dayPnl: round(equity - (previous?.equity ?? capital)),
    peakEquity: snapshot?.peakEquity ?? capital,
    drawdown: snapshot?.drawdown ?? 0,
    positions: toJson(positions),
  };
}
