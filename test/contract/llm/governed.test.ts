import { type LlmBudget } from '../../../llm/budget';
import { createLlmDecider } from '../../../llm/decide';
import { LlmNonRetryableError, LlmRetryableError } from '../../../llm/errors';
import { createGovernedDecider, estimateLlmSpend } from '../../../llm/governed-decider';
import { DEFAULT_PRICES } from '../../../llm/pricing';
import { createRulesDecider } from '../../../llm/rules-decider';
import { makeContext } from '../../unit/llm/fixtures';
import { type Harness, SONNET, startHarness } from './harness';

const budget: LlmBudget = { dailyTokens: 100_000, dailyInr: 50, whenExhausted: 'rules' };
const buyTcs = { symbol: 'TCS', quantity: 50, strategy: 'vwap', stop_loss: 3443.6, reason: 'VWAP cross on volume' };

describe('createGovernedDecider', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.server.close());

  const spentAsked: string[] = [];
  function governed(
    spent: { tokens: number; inr: number },
    overrides: Partial<Parameters<typeof createGovernedDecider>[0]> = {},
  ) {
    return createGovernedDecider({
      llm: createLlmDecider({ client: h.client, model: SONNET, usdInr: 84 }),
      rules: createRulesDecider(() => 10),
      budget,
      spentToday: async (accountId, day) => {
        spentAsked.push(`${accountId} ${day}`);
        return spent;
      },
      reserve: () => ({ tokens: 5_000, inr: 1 }),
      ...overrides,
    });
  }

  it('calls the LLM within budget and records the budget check with the invocation', async () => {
    h.server.script(SONNET, { type: 'tool_calls', calls: [{ name: 'buy_stock', arguments: buyTcs }] });
    const decision = await governed({ tokens: 1_000, inr: 0.5 }).decide(makeContext());
    expect(spentAsked).toContain('claude 2026-06-10');
    expect(h.server.requests).toHaveLength(1);
    expect(decision.proposals.map((p) => p.source)).toEqual(['llm']);
    expect(decision.records).toHaveLength(1);
    expect(decision.records[0]).toMatchObject({ decider: 'llm', fallback: null, budget: { action: 'llm' } });
  });

  it('uses the rules decider without calling the LLM once the budget is spent', async () => {
    // 96000 spent + 5000 reserved > 100000 tokens.
    const decision = await governed({ tokens: 96_000, inr: 10 }).decide(makeContext());
    expect(h.server.requests).toHaveLength(0);
    expect(decision.proposals.map((p) => `${p.source} ${p.symbol}`)).toEqual(['rules TCS', 'rules INFY']);
    expect(decision.records).toHaveLength(1);
    expect(decision.records[0]).toMatchObject({
      decider: 'fallback',
      stopReason: 'rules',
      fallback: { policy: 'rules' },
      budget: { action: 'rules', spent: { tokens: 96_000, inr: 10 } },
    });
    expect(decision.records[0]?.fallback?.reason).toMatch(/^daily LLM budget exhausted/);
  });

  it('holds without calling anything when so configured', async () => {
    const decider = governed({ tokens: 0, inr: 49.5 }, { budget: { ...budget, whenExhausted: 'hold' } });
    const decision = await decider.decide(makeContext());
    expect(h.server.requests).toHaveLength(0);
    expect(decision.proposals).toEqual([]);
    expect(decision.records[0]).toMatchObject({
      decider: 'fallback',
      stopReason: 'hold',
      fallback: { policy: 'hold' },
    });
  });

  it('falls back to the rules when credits are exhausted, recording the failed call too', async () => {
    h.server.script(SONNET, { type: 'http_error', status: 402, message: 'Insufficient credits' });
    const decision = await governed({ tokens: 0, inr: 0 }).decide(makeContext());
    expect(h.server.requests).toHaveLength(1);
    expect(decision.proposals.map((p) => p.source)).toEqual(['rules', 'rules']);
    expect(decision.records.map((r) => r.decider)).toEqual(['llm', 'fallback']);
    expect(decision.records[0]).toMatchObject({ error: { kind: 'credits_exhausted' }, budget: { action: 'llm' } });
    expect(decision.records[1]?.fallback?.reason).toMatch(
      /^LLM failed \(credits_exhausted\): OpenRouter credits exhausted/,
    );
  });

  it('rethrows a non-retryable failure when told to, with the budget on the record', async () => {
    h.server.script(SONNET, { type: 'http_error', status: 402, message: 'Insufficient credits' });
    const decider = governed({ tokens: 0, inr: 0 }, { onLlmFailure: 'throw' });
    const error = await decider.decide(makeContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmNonRetryableError);
    expect((error as LlmNonRetryableError).record).toMatchObject({
      error: { kind: 'credits_exhausted' },
      budget: { action: 'llm' },
    });
  });

  it('rethrows retryable failures for Temporal to retry, with the budget on the record', async () => {
    h.server.script(SONNET, { type: 'http_error', status: 503, message: 'no provider available' });
    const error = await governed({ tokens: 0, inr: 0 })
      .decide(makeContext())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmRetryableError);
    expect((error as LlmRetryableError).record).toMatchObject({
      error: { kind: 'server_error' },
      budget: { action: 'llm' },
    });
    expect(h.server.requests).toHaveLength(1);
  });
});

describe('estimateLlmSpend', () => {
  it('reserves the prompt and tool tokens plus the full output allowance, priced from the table', () => {
    const spend = estimateLlmSpend({ model: SONNET, prices: DEFAULT_PRICES, usdInr: 84, maxTokens: 800 })(
      makeContext(),
    );
    const inputTokens = spend.tokens - 800;
    // The fixture prompt with four tool schemas is roughly 1,000–2,000 tokens.
    expect(inputTokens).toBeGreaterThan(800);
    expect(inputTokens).toBeLessThan(2_500);
    // Sonnet: input × $3/M + 800 × $15/M, in rupees at 84.
    expect(spend.inr).toBeCloseTo(((inputTokens * 3 + 800 * 15) / 1e6) * 84, 10);
  });

  it('reserves tokens but no rupees for a model without a price', () => {
    const spend = estimateLlmSpend({ model: 'x/unknown', prices: DEFAULT_PRICES, usdInr: 84, maxTokens: 500 })(
      makeContext(),
    );
    expect(spend.tokens).toBeGreaterThan(500);
    expect(spend.inr).toBe(0);
  });
});
