import { type z } from 'zod';
import { getBacktest, listBacktests } from '../../db/queries';
import { type ApiContext } from '../context';
import { notFoundError } from '../errors';
import { defineRoute, type Route } from '../http/route';
import {
  backtestIdempotencyHeaders,
  backtestListQuery,
  backtestListSchema,
  backtestRunParams,
  backtestRunSchema,
  backtestSchema,
  backtestStartedSchema,
  startBacktestBody,
} from '../schemas/backtests';
import { backtestRun, cancelBacktest, startBacktest } from '../services/backtests';
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
    defineRoute({
      method: 'post',
      path: '/api/backtests',
      operationId: 'startBacktest',
      summary: "Start a backtest as a Temporal workflow on the desk's workers, at most once per Idempotency-Key",
      description:
        'The request is checked as a whole backtest spec before anything starts (400 names every bad field). ' +
        'The bars come from the simulator, the candles table or a named CSV folder under BACKTEST_CSV_ROOT. ' +
        'Repeating the request with the same `Idempotency-Key` reports the run it started (`started: false`); ' +
        'the same key with another request gets 409. Follow the run at `links.self`.',
      tag: 'backtests',
      access: 'write',
      headers: backtestIdempotencyHeaders,
      body: startBacktestBody,
      success: { status: 202, description: 'The run was started (or had been).', schema: backtestStartedSchema },
      errors: [409],
      handle: ({ headers, body }) => startBacktest(ctx, headers['idempotency-key'], body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/backtests/runs/:runKey',
      operationId: 'getBacktestRun',
      summary: "A backtest run: its workflow's state, its progress while running, its stored backtest once recorded",
      tag: 'backtests',
      access: 'read',
      params: backtestRunParams,
      success: { status: 200, description: 'The run.', schema: backtestRunSchema },
      errors: [404],
      handle: ({ params }) => backtestRun(ctx, params.runKey),
    }),
    defineRoute({
      method: 'post',
      path: '/api/backtests/runs/:runKey/cancel',
      operationId: 'cancelBacktestRun',
      summary: 'Cancel a running backtest (its stored row ends as failed)',
      tag: 'backtests',
      access: 'write',
      params: backtestRunParams,
      success: { status: 202, description: 'Cancellation was requested.', schema: backtestRunSchema },
      errors: [404],
      handle: ({ params }) => cancelBacktest(ctx, params.runKey),
    }),
  ];
}
