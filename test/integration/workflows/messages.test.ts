/**
 * The account workflow's messages against the real worker, Temporal, Postgres and the simulator:
 * pause and resume, config updates (and a refused one), manual trades (idempotent), stop and kill.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { QueryTypes } from 'sequelize';
import {
  accountWorkflowId,
  ACCOUNT_WORKFLOW_TYPE,
  executeTradeUpdate,
  killSignal,
  pauseSignal,
  resumeSignal,
  statusQuery,
  stopSignal,
  updateConfigUpdate,
} from '../../../contracts/workflows';
import { istTime } from '../../../core/time';
import { startTestDesk, type TestDesk } from '../../support/desk';

// Cycles run back to back on a busy test machine: give each step room.
jest.setTimeout(120_000);

let desk: TestDesk;
let claude: WorkflowHandle;
let gpt: WorkflowHandle;

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The workflow's own reason for refusing an update. */
const causeOf = (error: unknown) => String((error as { cause?: { message?: string } }).cause?.message);

const one = async <T extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
  (await desk.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements }))[0];

beforeAll(async () => {
  desk = await startTestDesk({ env: { TICK_SECONDS: '0.2' } });
  for (const accountId of ['claude', 'gpt'])
    await desk.client.workflow.start(ACCOUNT_WORKFLOW_TYPE, {
      workflowId: accountWorkflowId(accountId),
      taskQueue: desk.taskQueue,
      args: [{ accountId }],
    });
  claude = desk.client.workflow.getHandle(accountWorkflowId('claude'));
  gpt = desk.client.workflow.getHandle(accountWorkflowId('gpt'));
  // New entries open at 09:30: wait for the account's market time to get there.
  await eventually(
    'claude to reach 09:35',
    async () => ((await claude.query(statusQuery)).lastCycle?.marketTime ?? 0) >= istTime('2026-06-01', 9, 35),
  );
}, 120_000);

afterAll(async () => {
  for (const h of [claude, gpt]) await h?.terminate('test over').catch(() => undefined);
  await desk?.close();
});

describe('updateConfig', () => {
  test('an invalid change is refused by the validator and changes nothing', async () => {
    const before = await claude.query(statusQuery);
    const refused = await claude
      .executeUpdate(updateConfigUpdate, { args: [{ stocks: ['TESLA'] }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(causeOf(refused)).toMatch(/stocks/);
    const tooRisky = await claude
      .executeUpdate(updateConfigUpdate, { args: [{ risk: { riskPerTradePct: 50 } }] })
      .catch((e: unknown) => e);
    expect(causeOf(tooRisky)).toMatch(/riskPerTradePct/);
    expect((await claude.query(statusQuery)).spec).toEqual(before.spec);
    // A refused update leaves no trace in the history (validators run before it is accepted).
    const history = await claude.fetchHistory();
    expect(history.events?.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
  });

  test('a valid change is applied, returned and stored', async () => {
    const spec = await claude.executeUpdate(updateConfigUpdate, {
      args: [{ model: 'anthropic/claude-3.7-sonnet', risk: { maxOpenPositions: 2 } }],
    });
    expect(spec).toMatchObject({
      model: 'anthropic/claude-3.7-sonnet',
      risk: { maxOpenPositions: 2, riskPerTradePct: 2 },
    });
    expect((await claude.query(statusQuery)).spec).toEqual(spec);
    await eventually('the account row to follow', async () => {
      const row = await one<{ model: string; risk_limits: { maxOpenPositions: number } }>(
        `SELECT model, risk_limits FROM accounts WHERE id = 'claude'`,
      );
      return row?.model === 'anthropic/claude-3.7-sonnet' && row.risk_limits.maxOpenPositions === 2;
    });
  });
});

describe('manual trades', () => {
  test('go through the risk rules, and a repeated request trades once', async () => {
    const request = {
      idempotencyKey: 'test-manual-1',
      symbol: 'TCS',
      side: 'BUY' as const,
      quantity: 3,
      stopLoss: 1,
      reason: 'manual test',
    };
    const first = await claude.executeUpdate(executeTradeUpdate, { args: [request] });
    const again = await claude.executeUpdate(executeTradeUpdate, { args: [request] });
    expect(again).toEqual(first);
    // A stop below the price is fine for a long; 3 shares is within every limit.
    expect(first.verdict).not.toBe('reject');
    expect(first.orderKey).toMatch(/^claude-m-[0-9a-z]{7}$/);
    expect(desk.sim.control.orders().filter((o) => o.correlationId === first.orderKey)).toHaveLength(1);
    const order = await one<{ source: string; quantity: number }>(
      `SELECT source, quantity FROM orders WHERE correlation_id = :k`,
      {
        k: first.orderKey,
      },
    );
    expect(order).toEqual({ source: 'manual', quantity: 3 });
  });

  test('a manual order the risk rules refuse is answered with the rule and its reason, and nothing is sent', async () => {
    const ordersBefore = desk.sim.control.orders().length;
    const result = await claude.executeUpdate(executeTradeUpdate, {
      args: [{ idempotencyKey: 'test-manual-2', symbol: 'TCS', side: 'BUY', quantity: 5, reason: 'no stop given' }],
    });
    expect(result.verdict).toBe('reject');
    expect(result.reason.length).toBeGreaterThan(5);
    expect(desk.sim.control.orders()).toHaveLength(ordersBefore);
  });

  test('an order outside the account is refused before it reaches the workflow history', async () => {
    const refused = await claude
      .executeUpdate(executeTradeUpdate, {
        args: [
          { idempotencyKey: 'test-manual-3', symbol: 'HDFCBANK', side: 'BUY', quantity: 1, reason: 'not my stock' },
        ],
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(causeOf(refused)).toMatch(/not one of this account's stocks/);
  });
});

describe('pause, resume, stop and kill', () => {
  test('a paused account runs protective cycles only, and resumes', async () => {
    await gpt.signal(pauseSignal, { reason: 'test' });
    await eventually('gpt to be paused', async () => (await gpt.query(statusQuery)).status === 'paused');
    const pausedAt = (await gpt.query(statusQuery)).cycles;
    await eventually('two paused cycles', async () => (await gpt.query(statusQuery)).cycles >= pausedAt + 2);
    const view = await gpt.query(statusQuery);
    expect(view.lastCycle?.outcome).toMatch(/^protect: /);
    await eventually(
      'the account row to say paused',
      async () => (await one<{ status: string }>(`SELECT status FROM accounts WHERE id = 'gpt'`))?.status === 'paused',
    );
    await gpt.signal(resumeSignal);
    await eventually('a trading cycle again', async () =>
      /^rules: /.test((await gpt.query(statusQuery)).lastCycle?.outcome ?? ''),
    );
  });

  test('stop ends the workflow once flat, and the account is stopped', async () => {
    await gpt.signal(stopSignal, { reason: 'test stop' });
    const final = await gpt.result();
    expect(final).toMatchObject({ status: 'stopped', positions: [] });
    expect((await one<{ status: string }>(`SELECT status FROM accounts WHERE id = 'gpt'`))?.status).toBe('stopped');
  });

  test('kill flattens now, halts, and ends the workflow killed', async () => {
    await claude.signal(killSignal, { reason: 'test kill' });
    const final = await claude.result();
    expect(final).toMatchObject({ status: 'killed', riskState: 'HALTED', positions: [] });
    const row = await one<{ status: string; risk_state: string }>(
      `SELECT status, risk_state FROM accounts WHERE id = 'claude'`,
    );
    expect(row).toEqual({ status: 'killed', risk_state: 'HALTED' });
    // Every position the ledger knows is closed.
    expect(
      (
        await one<{ n: number }>(
          `SELECT count(*)::int AS n FROM positions WHERE account_id = 'claude' AND quantity <> 0`,
        )
      )?.n,
    ).toBe(0);
  });
});
