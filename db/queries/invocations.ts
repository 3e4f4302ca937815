import { type Sequelize } from 'sequelize';
import { type Page, type Paged, select, selectOne, selectPage, Where } from './sql';

/** One decision of an account (LLM, rules or fallback), without its transcript. */
export interface InvocationSummaryRecord {
  id: number;
  invocationKey: string;
  accountId: string;
  cycleId: number | null;
  decider: string;
  model: string | null;
  promptVersion: string | null;
  toolCallCount: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  costInr: number;
  latencyMs: number;
  error: string | null;
  createdAt: Date;
}

/** The whole audit record: prompt, tools offered, raw reply, tool calls. */
export interface InvocationRecord extends InvocationSummaryRecord {
  messages: unknown[];
  tools: unknown[];
  rawResponse: unknown;
  toolCalls: unknown[];
  /** Columns added by later migrations; null where the schema does not have them yet. */
  marketTime: string | null;
  stopReason: string | null;
  proposals: unknown[] | null;
  details: Record<string, unknown> | null;
}

export const INVOCATION_SUMMARY_COLUMNS = `
  i.id, i.invocation_key AS "invocationKey", i.account_id AS "accountId", i.cycle_id AS "cycleId", i.decider,
  i.model, i.prompt_version AS "promptVersion", jsonb_array_length(i.tool_calls) AS "toolCallCount",
  i.input_tokens AS "inputTokens", i.output_tokens AS "outputTokens", i.cost_usd AS "costUsd",
  i.cost_inr AS "costInr", i.latency_ms AS "latencyMs", i.error, i.created_at AS "createdAt"`;

// Read through to_jsonb so the query works before and after the migration that adds these columns.
const INVOCATION_DETAIL_COLUMNS = `${INVOCATION_SUMMARY_COLUMNS},
  i.messages, i.tools, i.raw_response AS "rawResponse", i.tool_calls AS "toolCalls",
  to_jsonb(i) ->> 'market_time' AS "marketTime", to_jsonb(i) ->> 'stop_reason' AS "stopReason",
  to_jsonb(i) -> 'proposals' AS proposals, to_jsonb(i) -> 'details' AS details`;

export interface InvocationFilter {
  readonly accountId?: string;
  readonly model?: string;
  readonly decider?: string;
  readonly cycleId?: number;
  readonly from?: Date;
  readonly to?: Date;
}

/** Decisions matching the filter, newest first. */
export function listInvocations(
  db: Sequelize,
  filter: InvocationFilter,
  page: Page,
): Promise<Paged<InvocationSummaryRecord>> {
  const where = new Where()
    .add('i.account_id = :accountId', { accountId: filter.accountId })
    .add('i.model = :model', { model: filter.model })
    .add('i.decider = :decider', { decider: filter.decider })
    .add('i.cycle_id = :cycleId', { cycleId: filter.cycleId })
    .add('i.created_at >= :from', { from: filter.from })
    .add('i.created_at < :to', { to: filter.to });
  return selectPage<InvocationSummaryRecord>(
    db,
    { columns: INVOCATION_SUMMARY_COLUMNS, from: 'invocations i', where, orderBy: 'i.created_at DESC, i.id DESC' },
    page,
  );
}

export function getInvocation(db: Sequelize, id: number): Promise<InvocationRecord | null> {
  return selectOne<InvocationRecord>(db, `SELECT ${INVOCATION_DETAIL_COLUMNS} FROM invocations i WHERE i.id = :id`, {
    id,
  });
}

export function getInvocationSummary(db: Sequelize, id: number): Promise<InvocationSummaryRecord | null> {
  return selectOne<InvocationSummaryRecord>(
    db,
    `SELECT ${INVOCATION_SUMMARY_COLUMNS} FROM invocations i WHERE i.id = :id`,
    { id },
  );
}

/** Decisions taken in one cycle, oldest first. */
export function invocationsOfCycle(db: Sequelize, cycleId: number): Promise<InvocationSummaryRecord[]> {
  return select<InvocationSummaryRecord>(
    db,
    `SELECT ${INVOCATION_SUMMARY_COLUMNS} FROM invocations i WHERE i.cycle_id = :cycleId ORDER BY i.id`,
    { cycleId },
  );
}
