import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { type AccountSpec, type RiskLimits } from './account';
import { type OrderType, type ProductType, type RiskState, type Side, type StrategyId } from '../core/types';

/**
 * The messages the API (and the Web UI) send to an account workflow, defined once and imported by
 * both sides so names and payloads are checked end to end.
 */

/** Workflow ids are business keys: one account workflow per account, one cycle workflow per tick. */
export const accountWorkflowId = (accountId: string): string => `account-${accountId}`;

/** Lifecycle of an account as the workflow runs it. */
export type AccountStatus = 'running' | 'paused' | 'stopping' | 'stopped' | 'killed';

/** Start or resume trading (a paused account continues with its next tick). */
export const resumeSignal = defineSignal<[]>('resume');
/** Stop taking decisions; protective exits (stops, square-off) still run. */
export const pauseSignal = defineSignal<[{ reason?: string }]>('pause');
/** Finish the cycle in progress, flatten if asked (default yes), then end the workflow. */
export const stopSignal = defineSignal<[{ reason?: string; flatten?: boolean }]>('stop');
/** Flatten now and halt: no new orders but exits, until flat; the account can no longer be started. */
export const killSignal = defineSignal<[{ reason: string }]>('kill');

/** What `updateConfig` may change; absent fields stay as they are. */
export interface ConfigPatch {
  readonly model?: string;
  readonly stocks?: readonly string[];
  readonly strategies?: readonly StrategyId[];
  readonly risk?: Partial<RiskLimits>;
}
export const updateConfigUpdate = defineUpdate<AccountSpec, [ConfigPatch]>('updateConfig');

/** A manual order from the API: it goes through the same risk rules and records as any decision. */
export interface ManualTradeRequest {
  /** The client's Idempotency-Key: a repeated request returns the first result and trades once. */
  readonly idempotencyKey: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: number;
  readonly orderType?: OrderType;
  readonly product?: ProductType;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly reason: string;
}

export interface ManualTradeResult {
  /** Broker correlation id of the order (also the `orders.correlation_id` row). */
  readonly orderKey: string;
  readonly verdict: 'approve' | 'adjust' | 'reject';
  /** The rule that decided, and why, in words. */
  readonly rule: string;
  readonly reason: string;
  /** Order status after placement, when the order was sent. */
  readonly status?: string;
  readonly quantity?: number;
}
export const executeTradeUpdate = defineUpdate<ManualTradeResult, [ManualTradeRequest]>('executeTrade');

/** A compact view of the account for the API, the dashboard and the Web UI. */
export interface AccountStatusView {
  readonly accountId: string;
  readonly status: AccountStatus;
  readonly riskState: RiskState;
  readonly spec: AccountSpec;
  readonly mode: 'paper' | 'live';
  readonly cash: number;
  readonly equity: number;
  readonly dayPnl: number;
  readonly positions: readonly { symbol: string; quantity: number; avgPrice: number }[];
  readonly cycles: number;
  /** Market time (epoch ms) of the last cycle, and how it ended. */
  readonly lastCycle?: { readonly marketTime: number; readonly workflowId: string; readonly outcome: string };
  /** Market time of the next tick, when one is scheduled. */
  readonly nextTick?: number;
  readonly stopReason?: string;
}
export const statusQuery = defineQuery<AccountStatusView>('status');

/** The workflow type the API starts for an account, and its input. */
export const ACCOUNT_WORKFLOW_TYPE = 'accountWorkflow';
export interface AccountWorkflowInput {
  readonly accountId: string;
  /** State carried over continue-as-new (absent on a fresh start: the workflow loads the account). */
  readonly carried?: unknown;
  /** Test knob: continue-as-new after this many cycles (default: once per trading day). */
  readonly maxCyclesPerRun?: number;
}
