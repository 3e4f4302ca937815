import { fillsOfOrder, getOrderByCorrelationId, getOrderById, listOrders, riskEventsWhere } from '../../db/queries';
import { type ApiContext } from '../context';
import { notFoundError } from '../errors';
import { defineRoute, type Route } from '../http/route';
import { toJson } from '../schemas/json';
import {
  idempotencyHeaders,
  manualTradeBody,
  manualTradeResultSchema,
  tradeDetailSchema,
  tradeListQuery,
  tradeListSchema,
  tradeParams,
} from '../schemas/trades';
import { executeManualTrade } from '../services/manual-trades';

export function tradeRoutes(ctx: ApiContext): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/trades',
      operationId: 'listTrades',
      summary: 'Trade (order) history, newest first, with filters and pagination',
      tag: 'trades',
      access: 'read',
      query: tradeListQuery,
      success: { status: 200, description: 'One page of trades.', schema: tradeListSchema },
      handle: async ({ query: q }) =>
        toJson(
          await listOrders(
            ctx.db,
            {
              accountId: q.account,
              symbol: q.symbol,
              side: q.side,
              status: q.status,
              source: q.source,
              from: q.from,
              to: q.to,
            },
            q,
          ),
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/api/trades/execute',
      operationId: 'executeTrade',
      summary: 'A manual trade through the account workflow, at most once per Idempotency-Key',
      description:
        'The order passes the same risk rules as any decision. Repeating the request with the same ' +
        '`Idempotency-Key` returns the first answer (header `Idempotent-Replayed: true`) and never trades twice; ' +
        'reusing a key for a different request gets 409.',
      tag: 'trades',
      access: 'write',
      headers: idempotencyHeaders,
      body: manualTradeBody,
      success: { status: 200, description: "The risk gate's verdict and the order.", schema: manualTradeResultSchema },
      errors: [404, 409],
      handle: async ({ headers, body }, res) => {
        const { answer, replayed } = await executeManualTrade(ctx, headers['idempotency-key'], body);
        if (replayed) res.setHeader('Idempotent-Replayed', 'true');
        return answer;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/trades/:id',
      operationId: 'getTrade',
      summary: 'One trade with its fills and the risk verdicts on it',
      tag: 'trades',
      access: 'read',
      params: tradeParams,
      success: { status: 200, description: 'The trade.', schema: tradeDetailSchema },
      errors: [404],
      handle: async ({ params }) => {
        const order = /^\d{1,15}$/.test(params.id)
          ? await getOrderById(ctx.db, Number(params.id))
          : await getOrderByCorrelationId(ctx.db, params.id);
        if (!order) throw notFoundError(`No trade "${params.id}".`, 'trade_not_found');
        const [fills, riskEvents] = await Promise.all([
          fillsOfOrder(ctx.db, order.id),
          riskEventsWhere(ctx.db, { correlationId: order.correlationId }),
        ]);
        return { trade: toJson(order), fills: toJson(fills), riskEvents: toJson(riskEvents) };
      },
    }),
  ];
}
