/**
 * The API's one door to the account workflows: start-or-attach, signals, the `status` query and the
 * `updateConfig` / `executeTrade` updates, all through the message definitions in contracts/. Routes
 * call this module and never the Temporal client directly, so tests can drive the real app against a
 * real Temporal server with any workflow that honours the contract.
 *
 * Temporal outcomes become the API's errors here: a workflow that is not running → 409, a refused
 * update (its validator threw) → 400 with the workflow's reason, Temporal unreachable → 503.
 */
import {
  type Client,
  isGrpcDeadlineError,
  isGrpcServiceError,
  QueryNotRegisteredError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type WorkflowHandle,
} from '@temporalio/client';
import { type AccountSpec } from '../../contracts/account';
import { AccountIdKey, AccountStatusKey, ModelKey, TradingModeKey } from '../../contracts/search-attributes';
import {
  ACCOUNT_WORKFLOW_TYPE,
  accountWorkflowId,
  type AccountWorkflowInput,
  type AccountStatusView,
  type ConfigPatch,
  executeTradeUpdate,
  killSignal,
  type ManualTradeRequest,
  type ManualTradeResult,
  pauseSignal,
  resumeSignal,
  statusQuery,
  stopSignal,
  updateConfigUpdate,
} from '../../contracts/workflows';
import { badRequest, conflict, HttpError, unavailable } from '../errors';
import { workflowUrl } from './temporal-links';

/**
 * The account workflow as the workers register it: its type name and its input. Changing the
 * workflow's name or input is a change here only.
 */
export const ACCOUNT_WORKFLOW = {
  type: ACCOUNT_WORKFLOW_TYPE,
  input: (accountId: string): AccountWorkflowInput => ({ accountId }),
} as const;

export interface AccountControlOptions {
  readonly client: Client;
  readonly taskQueue: string;
  /** Temporal Web UI base URL, for links; unset: no links. */
  readonly uiUrl?: string;
  /** How long a `status` query may take before the answer is "unknown" (default 3 s). */
  readonly queryTimeoutMs?: number;
  /** How long an update may wait for the workflow (default 30 s). */
  readonly updateTimeoutMs?: number;
}

/** The latest run of an account workflow, as Temporal describes it. */
export interface WorkflowState {
  readonly workflowId: string;
  readonly runId: string;
  /** Temporal's execution status, e.g. RUNNING, COMPLETED, TERMINATED. */
  readonly status: string;
  readonly running: boolean;
  /** The `AccountStatus` search attribute the workflow last set (e.g. `killed`), if any. */
  readonly accountStatus?: string;
  readonly url: string | null;
}

/** What a control call did. */
export interface ControlOutcome {
  readonly outcome: 'started' | 'signalled' | 'already_running' | 'already_killed';
  readonly workflow: WorkflowState;
}

/** Facts about the account that label its workflow in the Web UI. */
export interface AccountLabels {
  readonly model: string;
  readonly mode: 'paper' | 'live';
}

const notRunning = (accountId: string) =>
  conflict(
    `Account ${accountId} is not running; start it with POST /api/accounts/${accountId}/start.`,
    'account_not_running',
  );
const killed = (accountId: string) =>
  conflict(`Account ${accountId} was killed and cannot be started again.`, 'account_killed');

/** Temporal unreachable or too slow → 503 (the caller may retry); anything else is passed on. */
export function translateTemporalError(e: unknown): never {
  if (e instanceof HttpError) throw e;
  if (isGrpcDeadlineError(e) || e instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    throw unavailable('The account workflow did not answer in time; retry (with the same Idempotency-Key).', 'timeout');
  if (isGrpcServiceError(e) || (e instanceof Error && e.name === 'ServiceError'))
    throw unavailable('Temporal is unavailable; try again later.', 'temporal_unavailable');
  throw e;
}

export class AccountControl {
  private readonly queryTimeoutMs: number;
  private readonly updateTimeoutMs: number;

  constructor(private readonly options: AccountControlOptions) {
    this.queryTimeoutMs = options.queryTimeoutMs ?? 3_000;
    this.updateTimeoutMs = options.updateTimeoutMs ?? 30_000;
  }

  private get client(): Client {
    return this.options.client;
  }

  private handle(accountId: string): WorkflowHandle {
    return this.client.workflow.getHandle(accountWorkflowId(accountId));
  }

  /** Link to a workflow execution in the Web UI, or null without a UI URL. */
  link(workflowId: string, runId: string | null): string | null {
    return workflowUrl(this.options.uiUrl, this.client.options.namespace, workflowId, runId);
  }

  /** The latest run of the account's workflow, or null when it never ran. */
  async describe(accountId: string): Promise<WorkflowState | null> {
    try {
      const d = await this.handle(accountId).describe();
      return {
        workflowId: d.workflowId,
        runId: d.runId,
        status: d.status.name,
        running: d.status.name === 'RUNNING',
        accountStatus: d.typedSearchAttributes.get(AccountStatusKey),
        url: this.link(d.workflowId, d.runId),
      };
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return null;
      return translateTemporalError(e);
    }
  }

  /** The workflow's own view (`status` query), or null when it is not running or does not answer in time. */
  async status(accountId: string): Promise<AccountStatusView | null> {
    try {
      return await this.client.withDeadline(Date.now() + this.queryTimeoutMs, () =>
        this.handle(accountId).query(statusQuery),
      );
    } catch (e) {
      // No workflow, a run too young to have set its handlers, or nobody answering (no worker, or busy):
      // the live view is unknown.
      if (e instanceof WorkflowNotFoundError || e instanceof QueryNotRegisteredError || isGrpcDeadlineError(e))
        return null;
      return translateTemporalError(e);
    }
  }

  /**
   * Starts the account's workflow, or attaches to the running one and tells it to resume. A killed
   * account (running in its killed state, or ended killed) is refused with 409.
   */
  async start(accountId: string, labels: AccountLabels): Promise<ControlOutcome> {
    const before = await this.describe(accountId);
    if (before?.accountStatus === 'killed') throw killed(accountId);
    try {
      const handle = await this.client.workflow.start(ACCOUNT_WORKFLOW.type, this.startOptions(accountId, labels));
      return { outcome: 'started', workflow: await this.mustDescribe(accountId, handle.firstExecutionRunId) };
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) return translateTemporalError(e);
    }
    // Already running: attach. A paused account resumes; a killed one stays killed.
    const view = await this.status(accountId);
    if (view?.status === 'killed') throw killed(accountId);
    const wasPaused = view?.status === 'paused';
    await this.signalRunning(accountId, (h) => h.signal(resumeSignal));
    return { outcome: wasPaused ? 'signalled' : 'already_running', workflow: await this.mustDescribe(accountId) };
  }

  /** Stop taking decisions (protective exits still run). */
  pause(accountId: string, reason?: string): Promise<ControlOutcome> {
    return this.signal(accountId, (h) => h.signal(pauseSignal, { reason }));
  }

  /** Continue a paused account with its next tick. */
  resume(accountId: string): Promise<ControlOutcome> {
    return this.signal(accountId, (h) => h.signal(resumeSignal));
  }

  /** Finish the cycle in progress, flatten (default), and end the workflow. */
  stop(accountId: string, options: { reason?: string; flatten?: boolean }): Promise<ControlOutcome> {
    return this.signal(accountId, (h) => h.signal(stopSignal, options));
  }

  /**
   * Flatten now and halt for good. Reaches the account whether or not its workflow runs (signal-with-
   * start: a stopped account is started just to flatten), and is a no-op for an account already killed.
   */
  async kill(accountId: string, reason: string, labels: AccountLabels): Promise<ControlOutcome> {
    const before = await this.describe(accountId);
    if (before?.accountStatus === 'killed') return { outcome: 'already_killed', workflow: before };
    if (before?.running && (await this.status(accountId))?.status === 'killed')
      return { outcome: 'already_killed', workflow: before };
    try {
      const handle = await this.client.workflow.signalWithStart(ACCOUNT_WORKFLOW.type, {
        ...this.startOptions(accountId, labels),
        signal: killSignal,
        signalArgs: [{ reason }],
      });
      const outcome = before?.running ? 'signalled' : 'started';
      return { outcome, workflow: await this.mustDescribe(accountId, handle.signaledRunId) };
    } catch (e) {
      return translateTemporalError(e);
    }
  }

  /**
   * Applies a configuration patch through the workflow's `updateConfig` update; returns the spec the
   * workflow now runs with. The workflow's validator may refuse it (400 with its reason).
   */
  updateConfig(accountId: string, patch: ConfigPatch): Promise<AccountSpec> {
    return this.update(accountId, (h) => h.executeUpdate(updateConfigUpdate, { args: [patch] }));
  }

  /**
   * A manual order through the workflow's `executeTrade` update. The update id is derived from the
   * idempotency key, so Temporal itself also answers a repeat with the first result.
   */
  executeTrade(accountId: string, request: ManualTradeRequest): Promise<ManualTradeResult> {
    return this.update(accountId, (h) =>
      h.executeUpdate(executeTradeUpdate, { args: [request], updateId: `trade-${request.idempotencyKey}` }),
    );
  }

  /** How an account workflow is started: its business id, queue, input and Web UI labels. */
  private startOptions(accountId: string, labels: AccountLabels) {
    return {
      workflowId: accountWorkflowId(accountId),
      taskQueue: this.options.taskQueue,
      args: [ACCOUNT_WORKFLOW.input(accountId)],
      typedSearchAttributes: [
        { key: AccountIdKey, value: accountId },
        { key: ModelKey, value: labels.model },
        { key: TradingModeKey, value: labels.mode },
      ],
      staticSummary: `Account ${accountId} · ${labels.model} · ${labels.mode}`,
    };
  }

  private async update<T>(accountId: string, call: (h: WorkflowHandle) => Promise<T>): Promise<T> {
    try {
      return await this.client.withDeadline(Date.now() + this.updateTimeoutMs, () => call(this.handle(accountId)));
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw notRunning(accountId);
      if (e instanceof WorkflowUpdateFailedError)
        throw badRequest(
          `The account refused the update: ${e.cause?.message ?? e.message}`,
          undefined,
          'update_rejected',
        );
      return translateTemporalError(e);
    }
  }

  private async signal(accountId: string, send: (h: WorkflowHandle) => Promise<void>): Promise<ControlOutcome> {
    await this.signalRunning(accountId, send);
    return { outcome: 'signalled', workflow: await this.mustDescribe(accountId) };
  }

  private async signalRunning(accountId: string, send: (h: WorkflowHandle) => Promise<void>): Promise<void> {
    try {
      await send(this.handle(accountId));
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw notRunning(accountId);
      translateTemporalError(e);
    }
  }

  private async mustDescribe(accountId: string, runId?: string): Promise<WorkflowState> {
    const state = await this.describe(accountId);
    if (state) return state;
    // Just started or signalled, so it exists; describe raced with a very short-lived run.
    const workflowId = accountWorkflowId(accountId);
    return { workflowId, runId: runId ?? '', status: 'UNKNOWN', running: false, url: this.link(workflowId, null) };
  }
}
