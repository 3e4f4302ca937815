import { listClosedTrades, listFills } from '../../db/queries';
import { type ApiContext } from '../context';
import { defineRoute, type Route } from '../http/route';
import { toJson } from '../schemas/json';
import {
  closedTradeListQuery,
  closedTradeListSchema,
  fillListQuery,
  fillListSchema,
  leaderboardSchema,
} from '../schemas/results';
import { leaderboard } from '../services/leaderboard';

/** What the accounts achieved: the leaderboard, their closed round trips and their fills. */
export function resultRoutes(ctx: ApiContext): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/leaderboard',
      operationId: 'getLeaderboard',
      summary: 'Every account side by side: equity, return, P&L, drawdown, win rate, trades, LLM cost, risk state',
      tag: 'portfolio',
      access: 'read',
      success: { status: 200, description: 'One row per account, by id.', schema: leaderboardSchema },
      handle: () => leaderboard(ctx),
    }),
    defineRoute({
      method: 'get',
      path: '/api/closed-trades',
      operationId: 'listClosedTrades',
      summary: 'Closed round trips with their entry, exit, charges and net P&L, latest close first',
      tag: 'trades',
      access: 'read',
      query: closedTradeListQuery,
      success: { status: 200, description: 'One page of round trips.', schema: closedTradeListSchema },
      handle: async ({ query: q }) =>
        toJson(await listClosedTrades(ctx.db, { accountId: q.account, symbol: q.symbol, from: q.from, to: q.to }, q)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/fills',
      operationId: 'listFills',
      summary: 'Executions with their itemised charges, latest first (filter by account, symbol, side, time)',
      tag: 'trades',
      access: 'read',
      query: fillListQuery,
      success: { status: 200, description: 'One page of fills.', schema: fillListSchema },
      handle: async ({ query: q }) =>
        toJson(
          await listFills(ctx.db, { accountId: q.account, symbol: q.symbol, side: q.side, from: q.from, to: q.to }, q),
        ),
    }),
  ];
}
