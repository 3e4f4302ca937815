import { QueryTypes } from 'sequelize';
import { type InvocationRecord } from '../../llm';
import { type Models } from '../models';

/** Decision records. Each activity attempt keeps its own rows (every attempt may have cost money). */
export function invocationRepository(models: Models) {
  return {
    /**
     * Stores the records of one decide attempt under `<keyPrefix>/<n>`; rewriting the same attempt
     * changes nothing. Returns the row ids in order.
     */
    async saveAll(keyPrefix: string, cycleId: number | null, records: readonly InvocationRecord[]): Promise<number[]> {
      const ids: number[] = [];
      for (const [i, r] of records.entries()) {
        const [row] = await models.Invocation.findOrCreate({
          where: { invocationKey: `${keyPrefix}/${i}` },
          defaults: {
            invocationKey: `${keyPrefix}/${i}`,
            accountId: r.accountId,
            cycleId,
            decider: r.decider,
            model: r.model,
            promptVersion: r.promptVersion,
            marketTime: new Date(r.marketTime),
            stopReason: r.stopReason,
            proposals: [...r.proposals],
            details: { fallback: r.fallback, budget: r.budget, notes: r.notes, costSource: r.usage.costSource },
            messages: [...r.messages],
            tools: [...r.toolsOffered],
            rawResponse: [...r.responses],
            toolCalls: [...r.toolCalls],
            inputTokens: r.usage.inputTokens,
            outputTokens: r.usage.outputTokens,
            costUsd: r.usage.costUsd ?? 0,
            costInr: r.usage.costInr ?? 0,
            latencyMs: Math.round(r.latencyMs),
            error: r.error ? `${r.error.kind}: ${r.error.message}` : null,
          },
        });
        ids.push(row.id);
      }
      return ids;
    },

    /** LLM spend of an account since `since` (tokens and rupees), for the daily budget. */
    async spendSince(accountId: string, since: number): Promise<{ tokens: number; inr: number }> {
      const [row] = await models.Invocation.sequelize!.query<{ tokens: number; inr: number }>(
        `SELECT COALESCE(SUM(input_tokens + output_tokens), 0)::float8 AS tokens, COALESCE(SUM(cost_inr), 0)::float8 AS inr
           FROM invocations WHERE account_id = :accountId AND created_at >= :since`,
        { type: QueryTypes.SELECT, replacements: { accountId, since: new Date(since) } },
      );
      return { tokens: row?.tokens ?? 0, inr: row?.inr ?? 0 };
    },
  };
}
