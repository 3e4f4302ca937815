import { DEFAULT_PRICES, NO_USAGE, summariseUsage } from '../../../llm/pricing';

const SONNET = 'anthropic/claude-3.5-sonnet';
const response = (usage?: object) => ({ id: 'x', choices: [], ...(usage ? { usage } : {}) });

describe('summariseUsage', () => {
  it("uses OpenRouter's usage.cost when every response has it", () => {
    const usage = summariseUsage(
      [
        response({ prompt_tokens: 2000, completion_tokens: 300, cost: 0.0105 }),
        response({ prompt_tokens: 2100, completion_tokens: 50, cost: 0.002 }),
      ],
      SONNET,
      DEFAULT_PRICES,
      84,
    );
    // $0.0105 + $0.002 = $0.0125; × 84 = ₹1.05.
    expect(usage.inputTokens).toBe(4100);
    expect(usage.outputTokens).toBe(350);
    expect(usage.costUsd).toBeCloseTo(0.0125, 10);
    expect(usage.costInr).toBeCloseTo(1.05, 10);
    expect(usage.costSource).toBe('openrouter');
  });

  it('prices tokens from the table when usage has no cost', () => {
    // Sonnet at $3 / $15 per million: 2000 × 3e-6 + 300 × 15e-6 = 0.006 + 0.0045 = $0.0105 = ₹0.882 at 84.
    const usage = summariseUsage(
      [response({ prompt_tokens: 2000, completion_tokens: 300 })],
      SONNET,
      DEFAULT_PRICES,
      84,
    );
    expect(usage.costUsd).toBeCloseTo(0.0105, 10);
    expect(usage.costInr).toBeCloseTo(0.882, 10);
    expect(usage.costSource).toBe('price-table');
  });

  it('mixes reported and table prices, and says so', () => {
    // $0.01 reported + (1000 × 3e-6 + 100 × 15e-6 = $0.0045) from the table = $0.0145.
    const usage = summariseUsage(
      [
        response({ prompt_tokens: 1, completion_tokens: 1, cost: 0.01 }),
        response({ prompt_tokens: 1000, completion_tokens: 100 }),
      ],
      SONNET,
      DEFAULT_PRICES,
      84,
    );
    expect(usage.costUsd).toBeCloseTo(0.0145, 10);
    expect(usage.costSource).toBe('price-table');
  });

  it('leaves the cost unknown for an unpriced model or a response without usage', () => {
    const unknownModel = summariseUsage(
      [response({ prompt_tokens: 10, completion_tokens: 5 })],
      'x/y',
      DEFAULT_PRICES,
      84,
    );
    expect(unknownModel).toEqual({
      inputTokens: 10,
      outputTokens: 5,
      costUsd: null,
      costInr: null,
      costSource: 'unpriced',
    });
    const noUsage = summariseUsage([response()], SONNET, DEFAULT_PRICES, 84);
    expect(noUsage.costSource).toBe('unpriced');
  });

  it('is zero with no responses', () => {
    expect(summariseUsage([], SONNET, DEFAULT_PRICES, 84)).toEqual(NO_USAGE);
  });
});

describe('DEFAULT_PRICES', () => {
  it('names its source and date and prices both default models', () => {
    expect(DEFAULT_PRICES.source).toMatch(/openrouter/i);
    expect(DEFAULT_PRICES.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(DEFAULT_PRICES.models[SONNET]).toBeDefined();
    expect(DEFAULT_PRICES.models['openai/gpt-4-turbo']).toBeDefined();
  });
});
