import { type z } from 'zod';
import { getBacktest, listBacktests } from '../../db/queries';
import { type ApiContext } from '../context';
import { notFoundError } from '../errors';
import { defineRoute, type Route } from '../http/route';
import { backtestListQuery, backtestListSchema, backtestSchema } from '../schemas/backtests';
import { numericIdParams } from '../schemas/common';
import { toJson } from '../schemas/json';

export function backtestRoutes(ctx: ApiContext): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/backtests',
      operationId: 'listBacktests',
      summary: 'Backtests (command line or Temporal workflow), newest first, with their headline results',
      tag: 'backtests',
      access: 'read',
      query: backtestListQuery,
      success: { status: 200, description: 'One page of backtests.', schema: backtestListSchema },
      handle: async ({ query: q }) =>
        toJson(await listBacktests(ctx.db, { accountId: q.account, status: q.status }, q)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/backtests/:id',
      operationId: 'getBacktest',
      summary: 'One backtest: spec, metrics, daily and per-cycle equity, trades, warnings and report files',
      tag: 'backtests',
      access: 'read',
      params: numericIdParams,
      success: { status: 200, description: 'The backtest.', schema: backtestSchema },
      errors: [404],
      handle: async ({ params }) => {
        const backtest = await getBacktest(ctx.db, params.id);
        if (!backtest) throw notFoundError(`No backtest ${params.id}.`, 'backtest_not_found');
        // The JSON columns are written by backtest/store.ts in exactly the shapes the schema documents.
        return toJson(backtest) as z.input<typeof backtestSchema>;
      },
    }),
  ];
}
