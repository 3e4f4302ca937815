import { listAccounts } from '../../db/queries';
import { type ApiContext } from '../context';
import { defineRoute, type Route } from '../http/route';
import {
  accountCreatedSchema,
  accountDetailSchema,
  accountListSchema,
  accountParams,
  accountPatchedSchema,
  accountSpecBody,
  configPatchBody,
  type ControlAction,
  controlResultSchema,
  killBody,
  reasonBody,
  stopBody,
} from '../schemas/accounts';
import { toJson } from '../schemas/json';
import { controlAccount, createAccount, mustGetAccount, patchAccount, workflowRef } from '../services/accounts';

const CONTROL: Record<ControlAction, { summary: string; body: typeof reasonBody | typeof stopBody | typeof killBody }> =
  {
    start: {
      summary: 'Start the account workflow (or resume it if paused); a killed account gets 409',
      body: reasonBody,
    },
    pause: { summary: 'Pause: no new decisions; protective exits still run', body: reasonBody },
    resume: { summary: 'Resume a paused account at its next tick', body: reasonBody },
    stop: { summary: 'Stop: finish the cycle, flatten (default), end the workflow', body: stopBody },
    kill: { summary: 'Kill: flatten now and halt for good (works even when not running)', body: killBody },
  };

export function accountRoutes(ctx: ApiContext): Route[] {
  const controlRoutes = (Object.keys(CONTROL) as ControlAction[]).map((action) =>
    defineRoute({
      method: 'post',
      path: `/api/accounts/:id/${action}`,
      operationId: `${action}Account`,
      summary: CONTROL[action].summary,
      tag: 'accounts',
      access: 'write',
      params: accountParams,
      body: CONTROL[action].body,
      success: { status: 202, description: 'The workflow was started or signalled.', schema: controlResultSchema },
      errors: [404, 409],
      handle: ({ params, body }) => controlAccount(ctx, params.id, action, body),
    }),
  );
  return [
    defineRoute({
      method: 'get',
      path: '/api/accounts',
      operationId: 'listAccounts',
      summary: 'All trading accounts',
      tag: 'accounts',
      access: 'read',
      success: { status: 200, description: 'Accounts by id.', schema: accountListSchema },
      handle: async () => ({ items: toJson(await listAccounts(ctx.db)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/accounts/:id',
      operationId: 'getAccount',
      summary: "One account, its workflow and the workflow's live view",
      tag: 'accounts',
      access: 'read',
      params: accountParams,
      success: { status: 200, description: 'The account.', schema: accountDetailSchema },
      errors: [404],
      handle: async ({ params }) => {
        const account = await mustGetAccount(ctx, params.id);
        const workflow = await ctx.control.describe(params.id);
        const live = workflow?.running ? await ctx.control.status(params.id) : null;
        return { account: toJson(account), workflow: workflow && workflowRef(workflow), live };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/accounts',
      operationId: 'createAccount',
      summary: 'Create an account and start its workflow',
      tag: 'accounts',
      access: 'write',
      body: accountSpecBody,
      success: { status: 201, description: 'Created and started.', schema: accountCreatedSchema },
      errors: [409],
      handle: async ({ body }, res) => {
        const created = await createAccount(ctx, body);
        res.location(`/api/accounts/${encodeURIComponent(body.id)}`);
        return created;
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/accounts/:id',
      operationId: 'patchAccount',
      summary: "Change an account's model, stocks, strategies or risk limits",
      description:
        'A running account applies the change through its workflow (`updateConfig` update), whose validator may ' +
        'refuse it (400 with the reason); a stopped account keeps it for its next start.',
      tag: 'accounts',
      access: 'write',
      params: accountParams,
      body: configPatchBody,
      success: { status: 200, description: 'Applied.', schema: accountPatchedSchema },
      errors: [404, 409],
      handle: ({ params, body }) => patchAccount(ctx, params.id, body),
    }),
    ...controlRoutes,
  ];
}
