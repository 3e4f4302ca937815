import { checkBudget, type LlmBudget, llmBudgetSchema } from '../../../llm/budget';

const budget: LlmBudget = { dailyTokens: 100_000, dailyInr: 50, whenExhausted: 'rules' };
const check = (spent: { tokens: number; inr: number }, reserve: { tokens: number; inr: number }, b = budget) =>
  checkBudget({ accountId: 'claude', day: '2026-06-10', spent, reserve, budget: b });

describe('checkBudget', () => {
  it('calls the LLM while spend plus the reserve stays within both limits', () => {
    // 90000 + 5000 = 95000 ≤ 100000 tokens; ₹40 + ₹5 = ₹45 ≤ ₹50.
    const event = check({ tokens: 90_000, inr: 40 }, { tokens: 5_000, inr: 5 });
    expect(event).toEqual({
      type: 'llm_budget',
      accountId: 'claude',
      day: '2026-06-10',
      action: 'llm',
      reason: 'within budget: 90000/100000 tokens, ₹40.00/₹50.00 spent',
      spent: { tokens: 90_000, inr: 40 },
      reserve: { tokens: 5_000, inr: 5 },
      budget,
    });
  });

  it('allows a call that lands exactly on the limit', () => {
    expect(check({ tokens: 90_000, inr: 45 }, { tokens: 10_000, inr: 5 }).action).toBe('llm');
  });

  it('falls back to the rules when the reserve would cross the token limit', () => {
    // 90000 + 10001 = 100001 > 100000.
    const event = check({ tokens: 90_000, inr: 1 }, { tokens: 10_001, inr: 1 });
    expect(event.action).toBe('rules');
    expect(event.reason).toBe(
      'daily LLM budget exhausted (tokens 90000 spent + 10001 reserved > 100000 a day): using the rules decider',
    );
  });

  it('holds when so configured, naming every limit crossed', () => {
    // ₹49 + ₹1.50 = ₹50.50 > ₹50, and 99000 + 2000 > 100000.
    const event = check({ tokens: 99_000, inr: 49 }, { tokens: 2_000, inr: 1.5 }, { ...budget, whenExhausted: 'hold' });
    expect(event.action).toBe('hold');
    expect(event.reason).toBe(
      'daily LLM budget exhausted (tokens 99000 spent + 2000 reserved > 100000 a day; ' +
        '₹49.00 spent + ₹1.50 reserved > ₹50.00 a day): holding',
    );
  });
});

describe('llmBudgetSchema', () => {
  it('has defaults and refuses nonsense', () => {
    expect(llmBudgetSchema.parse({})).toEqual({ dailyTokens: 400_000, dailyInr: 200, whenExhausted: 'rules' });
    expect(() => llmBudgetSchema.parse({ dailyInr: -1 })).toThrow();
    expect(() => llmBudgetSchema.parse({ whenExhausted: 'panic' })).toThrow();
  });
});
