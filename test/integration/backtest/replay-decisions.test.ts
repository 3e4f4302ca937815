/**
 * `npm run replay-decisions` on a day the desk really recorded: one account decides a simulated
 * afternoon through the Temporal workflows with an LLM (the fake server), then the command re-asks
 * the recorded prompts of another model that always holds, and prints the diff and both P&Ls.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { QueryTypes } from 'sequelize';
import { loadRecordedInvocations } from '../../../backtest/replay/recorded';
import { accountWorkflowId, ACCOUNT_WORKFLOW_TYPE } from '../../../contracts/workflows';
import { istClock, istTime } from '../../../core/time';
import { type FakeLlmServer, type FakeReply, type RecordedRequest, startFakeLlmServer } from '../../../llm/fake-server';
import { startTestDesk, type TestDesk } from '../../support/desk';
import { eventually } from '../api/harness';

const DAY = '2026-06-01';
const CLOSE = istTime(DAY, 15, 30);
const API_KEY = 'sk-or-fake-key-for-tests-0123456789';
const LIVE_MODEL = 'anthropic/claude-3.5-sonnet';
const OTHER_MODEL = 'openai/gpt-4o';
const usage = { prompt_tokens: 900, completion_tokens: 20, cost: 0.003 };
let llm: FakeLlmServer;
let desk: TestDesk;

const rows = <T extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
  desk.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });

/** The live model buys 4 TCS at its first cycle that allows entries (stop 1 % below), then holds. */
function liveModel() {
  let bought = false;
  return (request: RecordedRequest): FakeReply => {
    const text = JSON.stringify(request.body?.messages ?? []);
    if (bought || !/New entries allowed/.test(text)) return { type: 'text', content: 'Holding.', usage };
    bought = true;
    const price = Number(/TCS (\d+(?:\.\d+)?)/.exec(text)?.[1]);
    return {
      type: 'tool_calls',
      usage,
      calls: [
        {
          name: 'buy_stock',
          arguments: {
            symbol: 'TCS',
            quantity: 4,
            strategy: 'ema',
            stop_loss: Math.floor(price * 0.99),
            reason: 'test',
          },
        },
      ],
    };
  };
}

beforeAll(async () => {
  llm = await startFakeLlmServer();
  const live = liveModel();
  llm.script(LIVE_MODEL, ...Array.from({ length: 200 }, () => live));
  llm.script(
    OTHER_MODEL,
    ...Array.from({ length: 200 }, () => ({ type: 'text', content: 'Flat.', usage }) as FakeReply),
  );
  desk = await startTestDesk({
    env: { OPENROUTER_API_KEY: API_KEY, OPENROUTER_BASE_URL: llm.baseUrl },
    simulator: { clock: { mode: 'stepped', start: `${DAY} 14:30` } },
  });
  await desk.client.workflow.start(ACCOUNT_WORKFLOW_TYPE, {
    workflowId: accountWorkflowId('claude'),
    taskQueue: desk.taskQueue,
    args: [{ accountId: 'claude' }],
  });
  await eventually(async () => {
    const [r] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM cycles WHERE account_id = 'claude' AND market_time = :close AND status = 'completed'`,
      { close: new Date(CLOSE) },
    );
    return r?.n === 1 ? true : undefined;
  }, 120_000);
  await desk.client.workflow.getHandle(accountWorkflowId('claude')).terminate('day over');
}, 180_000);

afterAll(async () => {
  await desk?.close();
  await llm?.close();
});

test('the recorded invocations of the day are read back, one per deciding cycle, with their replies', async () => {
  const recorded = await loadRecordedInvocations(desk.db.sequelize, 'claude', DAY);
  const [stored] = await rows<{ n: number }>(
    `SELECT count(DISTINCT cycle_id)::int AS n FROM invocations WHERE account_id = 'claude' AND decider = 'llm'`,
  );
  expect(recorded.length).toBe(stored!.n);
  expect(recorded.length).toBeGreaterThan(0);
  expect(recorded.every((r) => r.model === LIVE_MODEL && r.responses.length > 0)).toBe(true);
});

test('the command prints the diff: the live buy against the other model holding, and both P&Ls', async () => {
  const asked = llm.requests.length;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(__dirname, '../../../backtest/replay/cli.ts'),
      '--account',
      'claude',
      '--date',
      DAY,
      '--model',
      OTHER_MODEL,
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: desk.db.url,
        OPENROUTER_API_KEY: API_KEY,
        OPENROUTER_BASE_URL: llm.baseUrl,
        LOG_LEVEL: 'silent',
      },
    },
  );
  const recorded = await loadRecordedInvocations(desk.db.sequelize, 'claude', DAY);
  // The other model was asked once per recorded cycle, and nothing was traded.
  const requests = llm.requests.slice(asked);
  expect(requests.length).toBe(recorded.length);
  expect(requests.every((r) => r.body?.model === OTHER_MODEL)).toBe(true);
  const [orders] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE account_id = 'claude'`);

  const [entry] = await rows<{ placed: Date }>(
    `SELECT c.market_time AS placed FROM orders o JOIN cycles c ON c.id = o.cycle_id
      WHERE o.account_id = 'claude' AND o.side = 'BUY' AND o.source = 'llm'`,
  );
  const line = stdout.split('\n').find((l) => l.startsWith(istClock(new Date(entry!.placed).getTime())));
  expect(line).toMatch(/buy_stock\(.*"TCS".*\|\s+\(hold\)\s+≠$/);
  expect(stdout).toMatch(/replayed ₹0 over 0 orders/);
  // The replay rebuilt every recorded prompt exactly from the stored candles: it saw what live saw.
  expect(stdout).toContain(`prompts rebuilt as recorded: ${recorded.length}/${recorded.length}`);
  expect(stdout).toMatch(new RegExp(`recorded -?₹[\\d,.]+ over ${orders!.n} orders`));
  expect(stdout).toMatch(new RegExp(`LLM replies: 0 cached, ${recorded.length} asked`));
}, 60_000);
