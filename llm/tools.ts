/**
 * The four tools the model may call, defined once in zod per account. The JSON schemas sent to the
 * model and the validators applied to its arguments both come from these definitions, so they
 * cannot drift apart. Symbols and strategies are enums of the account's own lists: the model is
 * told what is allowed, and anything else fails validation with a message it can act on.
 */
import { z } from 'zod';
import { type ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { type DecisionContext } from './context';
import { injectionFinding } from './injection';

export const TOOL_NAMES = ['buy_stock', 'sell_stock', 'close_all_positions', 'get_portfolio_status'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** Longest reason accepted: one or two sentences, as the dashboard shows them. */
export const MAX_REASON_CHARS = 240;
/** A hard ceiling on share count, whatever the price; the capital check is the real bound. */
export const MAX_QUANTITY = 100_000;

type AccountLists = Pick<DecisionContext['account'], 'stocks' | 'strategies'>;

function oneOf(values: readonly string[], what: string) {
  return z.enum(values as [string, ...string[]], {
    error: (issue) => `${what} must be one of ${values.join(', ')} (got ${JSON.stringify(issue.input)})`,
  });
}

const reason = z
  .string({ error: 'reason must be a string' })
  .trim()
  .min(3, 'reason must say why, in a short sentence')
  .max(MAX_REASON_CHARS, `reason must be at most ${MAX_REASON_CHARS} characters`)
  .superRefine((text, ctx) => {
    const finding = injectionFinding(text);
    if (finding)
      ctx.addIssue({ code: 'custom', message: `reason rejected: it ${finding}; write plain trading rationale` });
  })
  .describe(`Why, in one plain sentence (at most ${MAX_REASON_CHARS} characters).`);

const quantity = z
  .number({ error: 'quantity must be a number' })
  .int('quantity must be a whole number of shares')
  .min(1, 'quantity must be at least 1')
  .max(MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`)
  .describe('Whole number of shares.');

const price = (what: string) =>
  z.number({ error: `${what} must be a number (rupees)` }).positive(`${what} must be a positive price`);

/**
 * The zod definitions of the tools' arguments for one account.
 *
 * Checks that need the market (stop below the price, order value within capital, held quantity)
 * are in tool-calls.ts, because they depend on the cycle, not on the shape of the arguments.
 */
export function toolArgumentSchemas(account: AccountLists) {
  const symbol = oneOf(account.stocks, 'symbol').describe("NSE symbol, one of this account's stocks.");
  const strategy = oneOf(account.strategies, 'strategy').describe('The account strategy whose signal you follow.');
  return {
    buy_stock: z
      .object({
        symbol,
        quantity,
        strategy,
        stop_loss: price('stop_loss').describe('Protective stop in rupees, below the current price.'),
        take_profit: price('take_profit').optional().describe('Target in rupees, above the current price.'),
        reason,
      })
      .strict()
      .describe('Propose buying shares (intraday) to open or add to a long position. A stop loss is required.'),
    sell_stock: z
      .object({ symbol, quantity, strategy, reason })
      .strict()
      .describe('Propose selling shares you hold (reduce or close a long position). No short selling.'),
    close_all_positions: z.object({ reason }).strict().describe('Propose closing every open position at market.'),
    get_portfolio_status: z
      .object({})
      .strict()
      .describe('Get cash, equity, P&L, open positions, risk state and what you already decided this cycle.'),
  } satisfies Record<ToolName, z.ZodType>;
}

export type ToolArgumentSchemas = ReturnType<typeof toolArgumentSchemas>;
export type ToolArguments = { [K in ToolName]: z.infer<ToolArgumentSchemas[K]> };

/** The OpenAI/OpenRouter `tools` array for one account, derived from the zod definitions. */
export function toolDefinitions(account: AccountLists): ChatCompletionFunctionTool[] {
  const schemas = toolArgumentSchemas(account);
  return TOOL_NAMES.map((name) => {
    const { $schema: _schema, description, ...parameters } = z.toJSONSchema(schemas[name]) as Record<string, unknown>;
    return {
      type: 'function',
      function: { name, description: String(description ?? ''), parameters },
    };
  });
}

/** Whether `name` is one of the tools. */
export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}
