/**
 * Decisions by an LLM (the fake OpenAI-compatible server on loopback, through the real `openai`
 * client) inside real cycles: tool calls become orders only through the risk rules, every
 * invocation is stored with its prompt, tool calls, tokens and cost, and the key is never stored.
 */
import { QueryTypes } from 'sequelize';
import { accountWorkflowId, ACCOUNT_WORKFLOW_TYPE, statusQuery } from '../../../contracts/workflows';
import { istTime } from '../../../core/time';
import { type FakeLlmServer, type RecordedRequest, startFakeLlmServer } from '../../../llm/fake-server';
import { startTestDesk, type TestDesk } from '../../support/desk';

jest.setTimeout(120_000);

const API_KEY = 'sk-or-fake-key-for-tests-0123456789';
const MODEL = 'anthropic/claude-3.5-sonnet';
let llm: FakeLlmServer;
let desk: TestDesk;

/** The last price of `symbol` as the prompt shows it (`TCS 3495.2 …`). */
function priceIn(request: RecordedRequest, symbol: string): number {
  const text = JSON.stringify(request.body?.messages ?? []);
  const match = new RegExp(`${symbol} (\\d+(?:\\.\\d+)?)`).exec(text);
  if (!match) throw new Error(`no ${symbol} price in the prompt`);
  return Number(match[1]);
}

const rows = <T extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
  desk.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });

beforeAll(async () => {
  llm = await startFakeLlmServer();
  const hold = {
    type: 'text' as const,
    content: 'No trade: holding.',
    usage: { prompt_tokens: 900, completion_tokens: 20, cost: 0.003 },
  };
  // The first decision after 09:30 buys TCS with a stop 1 % below the price; a second tool call is hallucinated.
  let bought = false;
  llm.script(
    MODEL,
    ...Array.from({ length: 400 }, () => (request: RecordedRequest) => {
      const text = JSON.stringify(request.body?.messages ?? []);
      if (bought || !/New entries allowed/.test(text)) return hold;
      bought = true;
      const price = priceIn(request, 'TCS');
      return {
        type: 'tool_calls' as const,
        usage: { prompt_tokens: 1000, completion_tokens: 60, cost: 0.004 },
        calls: [
          {
            name: 'buy_stock',
            arguments: {
              symbol: 'TCS',
              quantity: 4,
              strategy: 'ema',
              stop_loss: Math.floor(price * 0.99),
              reason: 'test entry',
            },
          },
          {
            name: 'buy_stock',
            arguments: { symbol: 'TSLA', quantity: 1, strategy: 'ema', stop_loss: 1, reason: 'hallucinated' },
          },
        ],
      };
    }),
  );
  desk = await startTestDesk({
    env: { TICK_SECONDS: '0.2', OPENROUTER_API_KEY: API_KEY, OPENROUTER_BASE_URL: llm.baseUrl },
  });
  await desk.client.workflow.start(ACCOUNT_WORKFLOW_TYPE, {
    workflowId: accountWorkflowId('claude'),
    taskQueue: desk.taskQueue,
    args: [{ accountId: 'claude' }],
  });
  const handle = desk.client.workflow.getHandle(accountWorkflowId('claude'));
  const deadline = Date.now() + 100_000;
  while (
    ((await handle.query(statusQuery).catch(() => undefined))?.lastCycle?.marketTime ?? 0) <
    istTime('2026-06-01', 10, 0)
  ) {
    if (Date.now() > deadline) throw new Error('claude did not reach 10:00');
    await new Promise((r) => setTimeout(r, 250));
  }
  await handle.terminate('test over');
});

afterAll(async () => {
  await desk?.close();
  await llm?.close();
});

test('every cycle asked the model, with the tools and the account context', async () => {
  const calls = llm.requests.filter((r) => r.body?.model === MODEL);
  expect(calls.length).toBeGreaterThanOrEqual(8);
  const tools = (calls[0]?.body?.tools ?? []) as { function: { name: string } }[];
  expect(tools.map((t) => t.function.name).sort()).toEqual([
    'buy_stock',
    'close_all_positions',
    'get_portfolio_status',
    'sell_stock',
  ]);
  expect(JSON.stringify(calls[0]?.body?.messages)).toMatch(/RELIANCE/);
});

test("the model's valid call became one order through the risk rules; the hallucinated symbol became nothing", async () => {
  const orders = await rows<{ symbol: string; source: string; quantity: number; stop_loss: number }>(
    `SELECT symbol, source, quantity, stop_loss FROM orders WHERE source = 'llm'`,
  );
  expect(orders).toHaveLength(1);
  expect(orders[0]).toMatchObject({ symbol: 'TCS', source: 'llm', quantity: 4 });
  // Nothing reached the broker but the desk's recorded orders (the TSLA call never became one).
  const [all] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE broker_order_id IS NOT NULL`);
  expect(desk.sim.control.orders()).toHaveLength(all!.n);
});

test('each invocation is stored with model, prompt version, messages, tool calls, tokens and cost, and the rejection', async () => {
  const invocations = await rows<{
    decider: string;
    model: string;
    prompt_version: string;
    input_tokens: number;
    cost_usd: number;
    tool_calls: { name: string; outcome: string; reason?: string }[];
    messages: unknown[];
  }>(
    `SELECT decider, model, prompt_version, input_tokens, cost_usd, tool_calls, messages FROM invocations ORDER BY id`,
  );
  expect(invocations.length).toBeGreaterThanOrEqual(8);
  const withCalls = invocations.find((i) => i.tool_calls.length > 0)!;
  // The rejected call was fed back to the model, which answered once more (a hold): two paid steps.
  expect(withCalls).toMatchObject({ decider: 'llm', model: MODEL, input_tokens: 1000 + 900 });
  expect(withCalls.cost_usd).toBeCloseTo(0.004 + 0.003, 6);
  expect(withCalls.prompt_version).toMatch(/./);
  expect(withCalls.tool_calls.map((c) => c.outcome)).toEqual(['accepted', 'rejected']);
  expect(withCalls.tool_calls[1]?.reason).toMatch(/TSLA/);
  expect(withCalls.messages.length).toBeGreaterThanOrEqual(2);
});

test('the API key is nowhere in the database', async () => {
  const [dump] = await rows<{ text: string }>(
    `SELECT (SELECT string_agg(i::text, '') FROM invocations i) || (SELECT string_agg(o::text, '') FROM orders o) || (SELECT string_agg(c::text, '') FROM cycles c) AS text`,
  );
  expect(dump?.text.length).toBeGreaterThan(1000);
  expect(dump?.text).not.toContain(API_KEY);
});
