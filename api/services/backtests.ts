import { createHash } from 'node:crypto';
import { type z } from 'zod';
import { type BacktestData } from '../../activities/backtest';
import { csvLibraryFolder } from '../../backtest/csv-library';
import { backtestSpecSchema } from '../../backtest/spec';
import { getAccount, getBacktestByRunKey } from '../../db/queries';
import { type ApiContext } from '../context';
import { type BacktestControl } from '../control/backtest-control';
import { badRequest, conflict, notFoundError, unavailable } from '../errors';
import { type backtestRunSchema, type backtestStartedSchema, type StartBacktestBody } from '../schemas/backtests';
import { toJson } from '../schemas/json';
import { specOf } from './accounts';

/*
 * Backtests through the API: validate a request into a backtest spec (every bad field named, before
 * any workflow starts), start its workflow at most once per Idempotency-Key, report a run's progress.
 */

/** The run key (workflow id) of a request's Idempotency-Key: a retried request names the same run. */
export const runKeyOf = (idempotencyKey: string) => `backtest-api-${idempotencyKey}`;

/** JSON with keys sorted at every level: equal requests, equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

function backtestControl(ctx: ApiContext): BacktestControl {
  if (!ctx.backtests)
    throw unavailable('This API cannot start backtests (no Temporal client).', 'backtests_unavailable');
  return ctx.backtests;
}

/** 400 naming each bad field, worded as the route helper words its own validation errors. */
function invalid(fields: Record<string, string>) {
  const summary = Object.entries(fields)
    .map(([field, why]) => `${field}: ${why}`)
    .join('; ');
  return badRequest(`Invalid request: ${summary}`, fields);
}

/** Where the worker reads the bars; a CSV folder must exist under the configured root. */
function dataOf(control: BacktestControl, data: StartBacktestBody['data']): { data: BacktestData; words: string } {
  switch (data.kind) {
    case 'simulator': {
      const seed = data.seed ?? control.options.simulatorSeed ?? 1;
      return { data: { kind: 'simulator', seed, start: data.start }, words: `simulator (seed ${seed})` };
    }
    case 'db':
      return { data: { kind: 'candles' }, words: 'candles table' };
    case 'csv':
      try {
        return {
          data: { kind: 'csvLibrary', name: data.folder },
          words: csvLibraryFolder(control.options.csvRoot, data.folder),
        };
      } catch (e) {
        throw invalid({ 'body.data.folder': (e as Error).message });
      }
  }
}

/** A spec field's name in the request (`account.stocks` was sent as `stocks`). */
function bodyField(path: readonly PropertyKey[]): string {
  const [head, next] = path.map(String);
  if (head === 'account' && (next === 'stocks' || next === 'strategies')) return `body.${path.slice(1).join('.')}`;
  if (head === 'account') return 'body.account';
  return ['body', ...path.map(String)].join('.');
}

/** The backtest spec a request asks for, validated as the worker will validate it. */
async function requestedSpec(ctx: ApiContext, body: StartBacktestBody, dataWords: string) {
  const account = await getAccount(ctx.db, body.account);
  if (!account) throw invalid({ 'body.account': `no account "${body.account}"; GET /api/accounts lists them` });
  const spec = specOf(account);
  const input = {
    name: body.name,
    account: { ...spec, stocks: body.stocks ?? spec.stocks, strategies: body.strategies ?? spec.strategies },
    capital: body.capital ?? account.allocatedCapital,
    from: body.from,
    to: body.to,
    decider:
      body.decider.kind === 'llm' ? { ...body.decider, model: body.decider.model ?? account.model } : body.decider,
    analysis: body.analysis,
    data: dataWords,
  };
  const parsed = backtestSpecSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[bodyField(issue.path)] ??= issue.message;
    throw invalid(fields);
  }
  // The workflow carries the input (the activity validates it again and fills in the data's words).
  return input;
}

/**
 * Starts a backtest workflow, at most once per Idempotency-Key: a retry of the same request reports
 * the run the first one started (`started: false`); the same key with another request is a 409.
 */
export async function startBacktest(
  ctx: ApiContext,
  idempotencyKey: string,
  body: StartBacktestBody,
): Promise<z.input<typeof backtestStartedSchema>> {
  const control = backtestControl(ctx);
  const { data, words } = dataOf(control, body.data);
  const spec = await requestedSpec(ctx, body, words);
  const runKey = runKeyOf(idempotencyKey);
  const requestHash = createHash('sha256').update(canonical(body)).digest('hex');
  const run = await control.start(runKey, spec, data, requestHash);
  if (!run.started && run.requestHash !== requestHash)
    throw conflict(
      'This Idempotency-Key started a different backtest; use a new key for a new backtest.',
      'idempotency_key_reused',
    );
  const self = `/api/backtests/runs/${runKey}`;
  return {
    runKey,
    started: run.started,
    workflow: { workflowId: runKey, runId: run.runId, status: 'RUNNING', url: control.link(runKey, run.runId) },
    links: { self, cancel: `${self}/cancel` },
  };
}

/** A run's Temporal state, its progress while running, and its stored backtest once recorded. */
export async function backtestRun(ctx: ApiContext, runKey: string): Promise<z.input<typeof backtestRunSchema>> {
  const [state, row] = await Promise.all([
    ctx.backtests ? ctx.backtests.describe(runKey) : null,
    getBacktestByRunKey(ctx.db, runKey),
  ]);
  if (!state && !row) throw notFoundError(`No backtest run "${runKey}".`, 'backtest_run_not_found');
  const p = state?.progress;
  return {
    runKey,
    workflow: state
      ? { workflowId: runKey, runId: state.runId, status: state.status, url: ctx.backtests!.link(runKey, state.runId) }
      : null,
    progress: p
      ? {
          attempt: p.attempt,
          done: p.done,
          total: p.total ?? null,
          fraction: p.total ? p.done / p.total : null,
          marketTime: p.marketTime ?? null,
        }
      : null,
    error: state?.error ?? row?.error ?? null,
    backtest: row ? (toJson(row) as z.input<typeof backtestRunSchema>['backtest']) : null,
  };
}

/** Cancels a running backtest; 404 when Temporal has no such run. */
export async function cancelBacktest(ctx: ApiContext, runKey: string): Promise<z.input<typeof backtestRunSchema>> {
  if (!(await backtestControl(ctx).cancel(runKey)))
    throw notFoundError(`No running backtest "${runKey}".`, 'backtest_run_not_found');
  return backtestRun(ctx, runKey);
}
