import { listRiskEvents } from '../../db/queries';
import { type ApiContext } from '../context';
import { defineRoute, type Route } from '../http/route';
import { toJson } from '../schemas/json';
import { performanceQuery, performanceSchema, portfolioParams, portfolioSchema } from '../schemas/portfolio';
import { riskEventListQuery, riskEventListSchema } from '../schemas/risk-events';
import { performance, portfolio } from '../services/portfolio';

export function portfolioRoutes(ctx: ApiContext): Route[] {
  return [
    // Registered before /portfolio/:accountId, which would otherwise take "performance" for an id.
    defineRoute({
      method: 'get',
      path: '/api/portfolio/performance',
      operationId: 'getPerformance',
      summary: 'Equity time series of every account (leaderboard chart)',
      tag: 'portfolio',
      access: 'read',
      query: performanceQuery,
      success: { status: 200, description: 'One series per account, oldest point first.', schema: performanceSchema },
      handle: ({ query }) => performance(ctx, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/portfolio/:accountId',
      operationId: 'getPortfolio',
      summary: 'Cash, equity, positions, P&L, drawdown and risk state of one account',
      tag: 'portfolio',
      access: 'read',
      params: portfolioParams,
      success: { status: 200, description: 'The portfolio.', schema: portfolioSchema },
      errors: [404],
      handle: ({ params }) => portfolio(ctx, params.accountId),
    }),
    defineRoute({
      method: 'get',
      path: '/api/risk-events',
      operationId: 'listRiskEvents',
      summary: 'Verdicts of the risk gate (rejections, adjustments), newest first',
      tag: 'portfolio',
      access: 'read',
      query: riskEventListQuery,
      success: { status: 200, description: 'One page of risk events.', schema: riskEventListSchema },
      handle: async ({ query: q }) =>
        toJson(
          await listRiskEvents(
            ctx.db,
            { accountId: q.account, rule: q.rule, verdict: q.verdict, from: q.from, to: q.to },
            q,
          ),
        ),
    }),
  ];
}
