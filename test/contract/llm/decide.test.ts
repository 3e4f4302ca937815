import { createLlmDecider } from '../../../llm/decide';
import { type LlmError, LlmRetryableError } from '../../../llm/errors';
import { type FakeReply } from '../../../llm/fake-server';
import { makeContext } from '../../unit/llm/fixtures';
import { API_KEY, type Harness, SONNET, startHarness } from './harness';

const buyTcs = {
  symbol: 'TCS',
  quantity: 50,
  strategy: 'vwap',
  stop_loss: 3443.6,
  take_profit: 3464.3,
  reason: 'VWAP cross on volume',
};
const tool = (name: string, args: Record<string, unknown> | string, usage?: FakeReply['usage']): FakeReply => ({
  type: 'tool_calls',
  calls: [{ name, arguments: args }],
  ...(usage ? { usage } : {}),
});

describe('createLlmDecider through the openai client', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.server.close());

  const decider = (settings: { maxSteps?: number; maxToolCallsPerReply?: number; clock?: () => number } = {}) =>
    createLlmDecider({ client: h.client, model: SONNET, usdInr: 84, ...settings });

  it('turns one buy_stock call into one proposal, in one request, with the prompt and tools sent', async () => {
    h.server.script(SONNET, tool('buy_stock', buyTcs, { prompt_tokens: 1800, completion_tokens: 120, cost: 0.0072 }));
    const decision = await decider().decide(makeContext());

    expect(decision.proposals).toEqual([
      {
        symbol: 'TCS',
        side: 'BUY',
        quantity: 50,
        orderType: 'MARKET',
        product: 'INTRADAY',
        strategy: 'vwap',
        stopLoss: 3443.6,
        takeProfit: 3464.3,
        reason: 'VWAP cross on volume',
        source: 'llm',
      },
    ]);
    expect(decision.rejections).toEqual([]);
    expect(h.server.requests).toHaveLength(1);
    const body = h.server.requests[0]?.body;
    expect(body?.model).toBe(SONNET);
    expect(body?.tool_choice).toBe('auto');
    expect((body?.tools as { function: { name: string } }[]).map((t) => t.function.name)).toEqual([
      'buy_stock',
      'sell_stock',
      'close_all_positions',
      'get_portfolio_status',
    ]);
    const user = (body?.messages as { role: string; content: string }[])[1];
    expect(user?.role).toBe('user');
    expect(user?.content).toContain('Cycle claude-2026-06-10-1100 at 11:00 IST.');

    const [record] = decision.records;
    expect(record).toMatchObject({
      accountId: 'claude',
      cycleKey: 'claude-2026-06-10-1100',
      decider: 'llm',
      model: SONNET,
      promptVersion: 'trade-v1',
      stopReason: 'actions',
      error: null,
      proposals: decision.proposals,
      // $0.0072 reported by OpenRouter × 84 = ₹0.6048.
      usage: { inputTokens: 1800, outputTokens: 120, costUsd: 0.0072, costSource: 'openrouter' },
    });
    expect(record?.usage.costInr).toBeCloseTo(0.6048, 10);
    expect(record?.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(record?.toolsOffered).toHaveLength(4);
    expect(record?.responses).toHaveLength(1);
    expect(record?.toolCalls).toEqual([
      expect.objectContaining({ step: 1, name: 'buy_stock', outcome: 'accepted', proposals: decision.proposals }),
    ]);
  });

  it('answers get_portfolio_status from the context and continues to the buy', async () => {
    h.server.script(SONNET, tool('get_portfolio_status', {}), tool('buy_stock', buyTcs));
    const decision = await decider().decide(makeContext());
    expect(decision.proposals.map((p) => `${p.side} ${p.symbol} ${p.quantity}`)).toEqual(['BUY TCS 50']);
    expect(h.server.requests).toHaveLength(2);
    const second = h.server.requests[1]?.body?.messages as { role: string; content: string }[];
    const answer = second[second.length - 1];
    expect(answer?.role).toBe('tool');
    expect(JSON.parse(answer?.content ?? '')).toMatchObject({
      cash: 540_937.5,
      riskState: 'ACTIVE',
      decidedThisCycle: [],
    });
    expect(decision.records[0]?.toolCalls.map((c) => `${c.step} ${c.name} ${c.outcome}`)).toEqual([
      '1 get_portfolio_status answered',
      '2 buy_stock accepted',
    ]);
  });

  it('feeds a malformed call back as a rejection and lets the model correct itself', async () => {
    h.server.script(SONNET, tool('buy_stock', '{"symbol": "TCS", "quantity": 50,'), tool('buy_stock', buyTcs));
    const decision = await decider().decide(makeContext());
    expect(decision.proposals.map((p) => p.symbol)).toEqual(['TCS']);
    expect(decision.rejections).toEqual([
      expect.objectContaining({
        step: 1,
        name: 'buy_stock',
        outcome: 'rejected',
        arguments: '{"symbol": "TCS", "quantity": 50,',
      }),
    ]);
    expect(decision.rejections[0]?.reason).toMatch(/^arguments are not valid JSON/);
    const second = h.server.requests[1]?.body?.messages as { role: string; content: string }[];
    expect(JSON.parse(second[second.length - 1]?.content ?? '')).toEqual({
      status: 'rejected',
      error: decision.rejections[0]?.reason,
    });
  });

  it('rejects a hallucinated symbol and a huge quantity, then stops on the text answer', async () => {
    h.server.script(
      SONNET,
      {
        type: 'tool_calls',
        calls: [
          { name: 'buy_stock', arguments: { ...buyTcs, symbol: 'ADANIENT' } },
          { name: 'buy_stock', arguments: { ...buyTcs, symbol: 'INFY', stop_loss: 1180, quantity: 90_000 } },
        ],
      },
      { type: 'text', content: 'HOLD: my orders were refused, waiting for the next bar.' },
    );
    const decision = await decider().decide(makeContext());
    expect(decision.proposals).toEqual([]);
    expect(decision.rejections.map((r) => r.reason)).toEqual([
      'symbol: symbol must be one of RELIANCE, TCS, INFY (got "ADANIENT")',
      // 90000 × 1190.2 = 107118000 > 600000.
      'order value 107118000 (90000 × 1190.2) exceeds the account capital 600000',
    ]);
    expect(decision.records[0]?.stopReason).toBe('final_answer');
    expect(h.server.requests).toHaveLength(2);
  });

  it.each([
    ['a refusal', { type: 'refusal', refusal: 'I cannot give financial advice.' } as FakeReply, 'refusal'],
    ['no choices at all', { type: 'empty' } as FakeReply, 'empty'],
    ['an empty message', { type: 'text', content: '  ' } as FakeReply, 'empty'],
    ['a plain hold', { type: 'text', content: 'HOLD: no convincing signal.' } as FakeReply, 'final_answer'],
  ])('ends with no proposal on %s', async (_label, reply, stopReason) => {
    h.server.script(SONNET, reply);
    const decision = await decider().decide(makeContext());
    expect(decision.proposals).toEqual([]);
    expect(decision.records[0]?.stopReason).toBe(stopReason);
    expect(h.server.requests).toHaveLength(1);
  });

  it('stops at the step limit', async () => {
    h.server.script(
      SONNET,
      tool('get_portfolio_status', {}),
      tool('get_portfolio_status', {}),
      tool('get_portfolio_status', {}),
    );
    const decision = await decider({ maxSteps: 2 }).decide(makeContext());
    expect(h.server.requests).toHaveLength(2);
    expect(h.server.pending()).toBe(1);
    expect(decision.records[0]?.stopReason).toBe('step_limit');
  });

  it('evaluates at most maxToolCallsPerReply calls of one reply', async () => {
    h.server.script(
      SONNET,
      {
        type: 'tool_calls',
        calls: [
          { name: 'buy_stock', arguments: buyTcs },
          {
            name: 'sell_stock',
            arguments: { symbol: 'RELIANCE', quantity: 45, strategy: 'vwap', reason: 'Take profit' },
          },
          { name: 'buy_stock', arguments: { ...buyTcs, symbol: 'INFY', stop_loss: 1186 } },
        ],
      },
      { type: 'text', content: 'Done.' },
    );
    const decision = await decider({ maxToolCallsPerReply: 2 }).decide(makeContext());
    expect(decision.proposals.map((p) => `${p.side} ${p.symbol}`)).toEqual(['BUY TCS', 'SELL RELIANCE']);
    expect(decision.rejections.map((r) => r.reason)).toEqual(['at most 2 tool calls per reply; this one was ignored']);
  });

  it('prices usage from the table when the provider reports no cost, and measures latency', async () => {
    h.server.script(SONNET, tool('get_portfolio_status', {}, { prompt_tokens: 2000, completion_tokens: 100 }), {
      type: 'text',
      content: 'HOLD.',
      usage: { prompt_tokens: 2200, completion_tokens: 200 },
    });
    const times = [1_000, 1_350];
    const decision = await decider({ clock: () => times.shift() ?? 0 }).decide(makeContext());
    const record = decision.records[0];
    // (2000 + 2200) × $3/M + (100 + 200) × $15/M = 0.0126 + 0.0045 = $0.0171; × 84 = ₹1.4364.
    expect(record?.usage).toMatchObject({ inputTokens: 4200, outputTokens: 300, costSource: 'price-table' });
    expect(record?.usage.costUsd).toBeCloseTo(0.0171, 10);
    expect(record?.usage.costInr).toBeCloseTo(1.4364, 10);
    expect(record?.startedAt).toBe(1_000);
    expect(record?.latencyMs).toBe(350);
  });

  it('throws a retryable error carrying the audit record of what was spent', async () => {
    h.server.script(
      SONNET,
      tool('get_portfolio_status', {}, { prompt_tokens: 1500, completion_tokens: 40, cost: 0.005 }),
      {
        type: 'http_error',
        status: 429,
        message: 'slow down',
      },
    );
    let thrown: unknown;
    try {
      await decider().decide(makeContext());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LlmRetryableError);
    const record = (thrown as LlmError).record;
    expect(record).toMatchObject({
      stopReason: 'error',
      error: { kind: 'rate_limited', retryable: true, status: 429 },
      usage: { inputTokens: 1500, costUsd: 0.005 },
    });
    expect(record?.toolCalls.map((c) => c.name)).toEqual(['get_portfolio_status']);
    expect(h.server.requests).toHaveLength(2);
  });

  it('keeps the key out of every record, including failed ones', async () => {
    h.server.script(SONNET, tool('buy_stock', buyTcs), {
      type: 'http_error',
      status: 401,
      message: `bad key ${API_KEY}`,
    });
    const ok = await decider().decide(makeContext());
    let failed: LlmError | undefined;
    try {
      await decider().decide(makeContext());
    } catch (error) {
      failed = error as LlmError;
    }
    expect(failed?.record?.error?.kind).toBe('unauthorized');
    for (const record of [...ok.records, failed?.record]) {
      expect(record).toBeDefined();
      expect(JSON.stringify(record)).not.toContain(API_KEY);
      expect(JSON.stringify(record)).not.toContain('sk-or-');
    }
  });

  it('cancels an in-flight call when the signal aborts', async () => {
    h.server.script(SONNET, { type: 'text', content: 'late', delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(decider().decide(makeContext(), controller.signal)).rejects.toMatchObject({
      kind: 'aborted',
      retryable: false,
      record: expect.objectContaining({ stopReason: 'error' }),
    });
  });
});
