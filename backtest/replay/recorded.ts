/** The recorded LLM invocations of an account's day, read from the desk's invocations table. */
import { QueryTypes, type Sequelize } from 'sequelize';
import { type ChatCompletion } from 'openai/resources/chat/completions';
import { DAY_MS, istTime } from '../../core/time';
import { type RecordedInvocation } from './replay';

interface Row {
  market_time: Date;
  model: string;
  prompt_version: string;
  messages: unknown[];
  raw_response: ChatCompletion[] | null;
}

/**
 * The LLM invocations (with a reply) of `accountId`'s cycles on `date` (IST), one per cycle (the
 * last, the one whose proposals went to the risk rules), in market-time order.
 */
export async function loadRecordedInvocations(
  sequelize: Sequelize,
  accountId: string,
  date: string,
): Promise<RecordedInvocation[]> {
  const rows = await sequelize.query<Row>(
    `SELECT DISTINCT ON (c.market_time) c.market_time, i.model, i.prompt_version, i.messages, i.raw_response
       FROM invocations i JOIN cycles c ON c.id = i.cycle_id
      WHERE i.account_id = :accountId AND i.decider = 'llm' AND i.raw_response IS NOT NULL
        AND c.market_time >= :from AND c.market_time < :to
      ORDER BY c.market_time, i.id DESC`,
    {
      type: QueryTypes.SELECT,
      replacements: { accountId, from: new Date(istTime(date, 0, 0)), to: new Date(istTime(date, 0, 0) + DAY_MS) },
    },
  );
  return rows.map((r) => ({
    marketTime: new Date(r.market_time).getTime(),
    model: r.model,
    promptVersion: r.prompt_version,
    messages: r.messages,
    responses: r.raw_response ?? [],
  }));
}
