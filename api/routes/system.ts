import { type ApiContext } from '../context';
import { defineRoute, type Route } from '../http/route';
import { stopTradingBody, systemStatusSchema, tradingResultSchema } from '../schemas/system';
import { startTrading, stopTrading, systemStatus } from '../services/system';

export function systemRoutes(ctx: ApiContext): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/system/status',
      operationId: 'getSystemStatus',
      summary: 'Accounts and their workflows (status query), the market session and the next tick',
      tag: 'system',
      access: 'read',
      success: { status: 200, description: 'The desk at a glance.', schema: systemStatusSchema },
      handle: () => systemStatus(ctx),
    }),
    defineRoute({
      method: 'post',
      path: '/api/system/start-trading',
      operationId: 'startTrading',
      summary: 'Start (or resume) every account that was not killed',
      tag: 'system',
      access: 'write',
      success: { status: 200, description: 'What happened to each account.', schema: tradingResultSchema },
      handle: () => startTrading(ctx),
    }),
    defineRoute({
      method: 'post',
      path: '/api/system/stop-trading',
      operationId: 'stopTrading',
      summary: 'Stop every running account (flattening unless `flatten: false`)',
      tag: 'system',
      access: 'write',
      body: stopTradingBody,
      success: { status: 200, description: 'What happened to each account.', schema: tradingResultSchema },
      handle: ({ body }) => stopTrading(ctx, body),
    }),
  ];
}
