import { type AccountSpec, accountSpecSchema, riskLimitsSchema } from '../../contracts/account';
import { type ConfigPatch } from '../../contracts/workflows';
import {
  type AccountRecord,
  deleteNewAccount,
  getAccount,
  insertAccount,
  totalCapitalSharePct,
  updateAccountConfig,
} from '../../db/queries';
import { type ApiContext } from '../context';
import { type AccountLabels, type ControlOutcome, type WorkflowState } from '../control/account-control';
import { badRequest, conflict, fieldErrors, notFoundError } from '../errors';
import { type ControlAction } from '../schemas/accounts';
import { toJson } from '../schemas/json';

/*
 * The account use cases: create (row + workflow), reconfigure, control. Routes stay one-liners over
 * these; Temporal is reached only through `ctx.control`.
 */

/** The account row, or 404. */
export async function mustGetAccount(ctx: ApiContext, id: string): Promise<AccountRecord> {
  const account = await getAccount(ctx.db, id);
  if (!account) throw notFoundError(`No account "${id}"; GET /api/accounts lists them.`, 'account_not_found');
  return account;
}

export const labelsOf = (a: AccountRecord): AccountLabels => ({ model: a.model, mode: a.mode });

/** A workflow state as the API shows it. */
export const workflowRef = (w: WorkflowState) => ({
  workflowId: w.workflowId,
  runId: w.runId || null,
  status: w.status,
  url: w.url,
});

/** The spec an account runs with, rebuilt from its row. */
export function specOf(a: AccountRecord): AccountSpec {
  const risk = riskLimitsSchema.safeParse(a.riskLimits);
  return {
    id: a.id,
    name: a.name,
    model: a.model,
    capitalSharePct: a.capitalSharePct,
    stocks: a.stocks,
    strategies: a.strategies as AccountSpec['strategies'],
    risk: risk.success ? risk.data : riskLimitsSchema.parse({}),
  };
}

/**
 * Creates an account: inserts its row (refused with 409 if the id exists or the capital shares would
 * pass 100 %), then starts its workflow. If the workflow cannot be started, the row is removed again,
 * so a failed creation leaves nothing behind.
 */
export async function createAccount(ctx: ApiContext, spec: AccountSpec) {
  const inserted = await insertAccount(ctx.db, {
    id: spec.id,
    name: spec.name ?? spec.id,
    model: spec.model,
    capitalSharePct: spec.capitalSharePct,
    allocatedCapital: Math.round(ctx.settings.totalCapital * spec.capitalSharePct) / 100,
    stocks: spec.stocks,
    strategies: spec.strategies,
    mode: ctx.settings.mode,
    riskLimits: spec.risk,
  });
  if (!inserted) {
    if (await getAccount(ctx.db, spec.id)) throw conflict(`Account "${spec.id}" already exists.`, 'account_exists');
    const used = await totalCapitalSharePct(ctx.db);
    throw conflict(
      `Capital shares would add up to ${used + spec.capitalSharePct}%; at most ${Math.max(0, 100 - used)}% is left.`,
      'capital_exceeded',
    );
  }
  let started: ControlOutcome;
  try {
    started = await ctx.control.start(spec.id, labelsOf(inserted));
  } catch (e) {
    await deleteNewAccount(ctx.db, spec.id);
    throw e;
  }
  return { account: toJson(inserted), workflow: workflowRef(started.workflow) };
}

/** The patch applied to the spec, as the workflow would apply it. */
function merged(spec: AccountSpec, patch: ConfigPatch): unknown {
  return {
    ...spec,
    ...(patch.model !== undefined ? { model: patch.model } : {}),
    ...(patch.stocks !== undefined ? { stocks: patch.stocks } : {}),
    ...(patch.strategies !== undefined ? { strategies: patch.strategies } : {}),
    risk: { ...spec.risk, ...patch.risk },
  };
}

/**
 * Reconfigures an account. A running workflow applies the patch through its `updateConfig` update
 * (its validator has the last word); a stopped account's row is updated and the next start uses it.
 */
export async function patchAccount(ctx: ApiContext, id: string, patch: ConfigPatch) {
  const account = await mustGetAccount(ctx, id);
  if (account.status === 'killed')
    throw conflict(`Account "${id}" was killed; it cannot be reconfigured.`, 'account_killed');
  const checked = accountSpecSchema.safeParse(merged(specOf(account), patch));
  if (!checked.success) {
    const fields = fieldErrors('body', checked.error.issues);
    throw badRequest(`The patched account is invalid: ${Object.values(fields).join('; ')}`, fields);
  }
  const workflow = await ctx.control.describe(id);
  const running = workflow?.running === true;
  const spec = running ? await ctx.control.updateConfig(id, patch) : checked.data;
  const updated = await updateAccountConfig(ctx.db, id, {
    model: spec.model,
    stocks: spec.stocks,
    strategies: spec.strategies,
    riskLimits: spec.risk,
  });
  if (!updated) throw notFoundError(`Account "${id}" was removed meanwhile.`, 'account_not_found');
  return { account: toJson(updated), appliedBy: running ? ('workflow' as const) : ('database' as const) };
}

/** start / pause / resume / stop / kill, through the account's workflow. */
export async function controlAccount(
  ctx: ApiContext,
  id: string,
  action: ControlAction,
  body: { reason?: string; flatten?: boolean },
) {
  const account = await mustGetAccount(ctx, id);
  const outcome = await runAction(ctx, account, action, body);
  return { accountId: id, action, outcome: outcome.outcome, workflow: workflowRef(outcome.workflow) };
}

function runAction(
  ctx: ApiContext,
  account: AccountRecord,
  action: ControlAction,
  body: { reason?: string; flatten?: boolean },
): Promise<ControlOutcome> {
  const { control } = ctx;
  switch (action) {
    case 'start':
      if (account.status === 'killed')
        throw conflict(`Account "${account.id}" was killed and cannot be started again.`, 'account_killed');
      return control.start(account.id, labelsOf(account));
    case 'pause':
      return control.pause(account.id, body.reason);
    case 'resume':
      return control.resume(account.id);
    case 'stop':
      return control.stop(account.id, { reason: body.reason, flatten: body.flatten });
    case 'kill':
      return control.kill(account.id, body.reason ?? 'killed through the API', labelsOf(account));
  }
}
