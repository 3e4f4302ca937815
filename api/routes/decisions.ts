import {
  getCycle,
  getInvocation,
  invocationsOfCycle,
  listCycles,
  listInvocations,
  listOrders,
  riskEventsWhere,
  signalsOfCycle,
} from '../../db/queries';
import { type ApiContext } from '../context';
import { notFoundError } from '../errors';
import { defineRoute, type Route } from '../http/route';
import { numericIdParams } from '../schemas/common';
import {
  cycleDetailSchema,
  cycleListQuery,
  cycleListSchema,
  invocationListQuery,
  invocationListSchema,
  invocationSchema,
} from '../schemas/decisions';
import { toJson } from '../schemas/json';

/** Every order of a cycle fits one page: a cycle places a handful at most. */
const CYCLE_ORDERS = { limit: 200, offset: 0 };

export function decisionRoutes(ctx: ApiContext): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/invocations',
      operationId: 'listInvocations',
      summary: 'Recent decisions (LLM, rules, fallback) with tokens, cost and latency',
      tag: 'decisions',
      access: 'read',
      query: invocationListQuery,
      success: { status: 200, description: 'One page of decisions, newest first.', schema: invocationListSchema },
      handle: async ({ query: q }) =>
        toJson(
          await listInvocations(
            ctx.db,
            { accountId: q.account, model: q.model, decider: q.decider, from: q.from, to: q.to },
            q,
          ),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/invocations/:id',
      operationId: 'getInvocation',
      summary: 'One decision: prompt, tool calls, reasoning, tokens, cost',
      tag: 'decisions',
      access: 'read',
      params: numericIdParams,
      success: { status: 200, description: 'The decision.', schema: invocationSchema },
      errors: [404],
      handle: async ({ params }) => {
        const invocation = await getInvocation(ctx.db, params.id);
        if (!invocation) throw notFoundError(`No invocation ${params.id}.`, 'invocation_not_found');
        return toJson(invocation);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/cycles',
      operationId: 'listCycles',
      summary: 'Cycles (one per account per tick), latest first',
      tag: 'decisions',
      access: 'read',
      query: cycleListQuery,
      success: { status: 200, description: 'One page of cycles.', schema: cycleListSchema },
      handle: async ({ query: q }) =>
        toJson(await listCycles(ctx.db, { accountId: q.account, status: q.status, from: q.from, to: q.to }, q)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cycles/:id',
      operationId: 'getCycle',
      summary: 'One cycle with its signals, decisions, trades, risk verdicts and its Temporal Web UI link',
      tag: 'decisions',
      access: 'read',
      params: numericIdParams,
      success: { status: 200, description: 'The cycle.', schema: cycleDetailSchema },
      errors: [404],
      handle: async ({ params }) => {
        const cycle = await getCycle(ctx.db, params.id);
        if (!cycle) throw notFoundError(`No cycle ${params.id}.`, 'cycle_not_found');
        const [signals, invocations, orders, riskEvents] = await Promise.all([
          signalsOfCycle(ctx.db, cycle.id),
          invocationsOfCycle(ctx.db, cycle.id),
          listOrders(ctx.db, { cycleId: cycle.id }, CYCLE_ORDERS),
          riskEventsWhere(ctx.db, { cycleId: cycle.id }),
        ]);
        return {
          cycle: toJson(cycle),
          temporal: {
            workflowId: cycle.workflowId,
            runId: cycle.runId,
            url: ctx.control.link(cycle.workflowId, cycle.runId),
          },
          signals: toJson(signals),
          invocations: toJson(invocations),
          trades: toJson(orders.items),
          riskEvents: toJson(riskEvents),
        };
      },
    }),
  ];
}
