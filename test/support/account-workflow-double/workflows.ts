/**
 * CONTRACT DOUBLE of the account workflow, for the API's tests until the real `accountWorkflow`
 * (workflows/, issue 7) lands. It honours contracts/workflows.ts and nothing more: the four signals,
 * the two updates with validators, the `status` query, and the `AccountStatus` search attribute. It
 * trades nothing: a manual trade is recorded through an activity as an order filled at ₹100.
 *
 * Switching the API tests to the real workflow is one import in test/integration/api/harness.ts.
 */
import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { type AccountSpec, accountSpecSchema } from '../../../contracts/account';
import { AccountStatusKey } from '../../../contracts/search-attributes';
import {
  type AccountStatus,
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
} from '../../../contracts/workflows';

/** What the double asks of its worker (see ./activities.ts). */
export interface DoubleActivities {
  loadAccountSpec(accountId: string): Promise<AccountSpec>;
  recordManualOrder(accountId: string, orderKey: string, request: ManualTradeRequest): Promise<void>;
}

const { loadAccountSpec, recordManualOrder } = proxyActivities<DoubleActivities>({
  startToCloseTimeout: '10 seconds',
});

/** The fill price of every double trade, in rupees. */
export const DOUBLE_FILL_PRICE = 100;

function patched(spec: AccountSpec, patch: ConfigPatch): unknown {
  return {
    ...spec,
    ...(patch.model !== undefined ? { model: patch.model } : {}),
    ...(patch.stocks !== undefined ? { stocks: patch.stocks } : {}),
    ...(patch.strategies !== undefined ? { strategies: patch.strategies } : {}),
    risk: { ...spec.risk, ...patch.risk },
  };
}

export async function accountWorkflow(input: { accountId: string }): Promise<AccountStatusView> {
  const { accountId } = input;
  let spec = await loadAccountSpec(accountId);
  let status: AccountStatus = 'running';
  let stopReason: string | undefined;
  const positions = new Map<string, number>();
  const trades = new Map<string, ManualTradeResult>();

  const setStatus = (next: AccountStatus, reason?: string) => {
    status = next;
    stopReason = reason ?? stopReason;
    upsertSearchAttributes([{ key: AccountStatusKey, value: next }]);
  };
  const view = (): AccountStatusView => ({
    accountId,
    status,
    riskState: status === 'killed' ? 'HALTED' : 'ACTIVE',
    spec,
    mode: 'paper',
    cash: 0,
    equity: 0,
    dayPnl: 0,
    positions: [...positions].map(([symbol, quantity]) => ({ symbol, quantity, avgPrice: DOUBLE_FILL_PRICE })),
    cycles: 0,
    ...(stopReason !== undefined ? { stopReason } : {}),
  });

  setHandler(resumeSignal, () => {
    if (status === 'paused') setStatus('running');
  });
  setHandler(pauseSignal, ({ reason }) => {
    if (status === 'running') setStatus('paused', reason);
  });
  setHandler(stopSignal, ({ reason }) => {
    if (status !== 'killed') setStatus('stopped', reason);
  });
  setHandler(killSignal, ({ reason }) => {
    positions.clear(); // "flatten now"
    setStatus('killed', reason);
  });
  setHandler(statusQuery, view);

  setHandler(
    updateConfigUpdate,
    (patch) => {
      spec = accountSpecSchema.parse(patched(spec, patch));
      return spec;
    },
    {
      validator: (patch) => {
        if (status === 'killed') throw new Error('the account was killed');
        const checked = accountSpecSchema.safeParse(patched(spec, patch));
        if (!checked.success) throw new Error(checked.error.issues.map((i) => i.message).join('; '));
        if (patch.model === 'refused/by-the-workflow') throw new Error('this model is not allowed');
      },
    },
  );

  setHandler(
    executeTradeUpdate,
    async (request) => {
      const known = trades.get(request.idempotencyKey);
      if (known) return known;
      const orderKey = `${accountId}-m${trades.size + 1}`;
      const result: ManualTradeResult = {
        orderKey,
        verdict: 'approve',
        rule: 'all-rules',
        reason: 'passed every risk rule',
        status: 'TRADED',
        quantity: request.quantity,
      };
      trades.set(request.idempotencyKey, result); // before the await: a concurrent repeat sees it
      await recordManualOrder(accountId, orderKey, request);
      const signed = request.side === 'BUY' ? request.quantity : -request.quantity;
      positions.set(request.symbol, (positions.get(request.symbol) ?? 0) + signed);
      return result;
    },
    {
      validator: (request) => {
        if (trades.has(request.idempotencyKey)) return; // a repeat is always answered
        if (status !== 'running') throw new Error(`the account is ${status}`);
        if (!spec.stocks.includes(request.symbol))
          throw new Error(`${request.symbol} is not among the account's stocks (${spec.stocks.join(', ')})`);
      },
    },
  );

  await condition(() => status === 'stopped' || status === 'killed');
  await condition(allHandlersFinished);
  return view();
}
