import { createHash } from 'node:crypto';
import { type z } from 'zod';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../../db/queries';
import { type ApiContext } from '../context';
import { conflict, HttpError } from '../errors';
import { type manualTradeBody, type manualTradeResultSchema } from '../schemas/trades';
import { mustGetAccount } from './accounts';

type ManualTrade = z.output<typeof manualTradeBody>;
type ManualTradeAnswer = z.input<typeof manualTradeResultSchema>;

/** Same request, same hash: the body after defaults, keys sorted. */
function requestHash(trade: ManualTrade): string {
  const canonical = JSON.stringify(trade, Object.keys(trade).sort());
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * A manual trade, at most once per Idempotency-Key:
 * - a new key is recorded with the request's hash, then the account workflow's `executeTrade`
 *   update runs (the workflow dedupes by the key too, and the update id is derived from it);
 * - a repeat of the same request gets the stored answer (`replayed: true`) without trading again;
 *   if the first attempt never got an answer (timeout, crash), the update is asked again, which the
 *   workflow answers with the first result rather than a second order;
 * - the same key with a different request is refused with 409;
 * - a definite refusal (400/409 from the workflow) forgets the key again: nothing happened.
 */
export async function executeManualTrade(
  ctx: ApiContext,
  idempotencyKey: string,
  trade: ManualTrade,
): Promise<{ answer: ManualTradeAnswer; replayed: boolean }> {
  await mustGetAccount(ctx, trade.accountId);
  const hash = requestHash(trade);
  const claim = await claimIdempotencyKey(ctx.db, {
    key: idempotencyKey,
    accountId: trade.accountId,
    requestHash: hash,
  });
  if (!claim.claimed) {
    if (claim.existing.requestHash !== hash)
      throw conflict(
        'This Idempotency-Key was used for a different trade; use a new key for a new trade.',
        'idempotency_key_reused',
      );
    if (claim.existing.response) return { answer: claim.existing.response as ManualTradeAnswer, replayed: true };
  }
  const { accountId, ...order } = trade;
  let result;
  try {
    result = await ctx.control.executeTrade(accountId, { ...order, idempotencyKey });
  } catch (e) {
    // Refused for sure (not running, the validator said no): nothing happened, so keep no record of it.
    // An uncertain outcome (timeout, Temporal down) keeps the key: a retry must not trade twice.
    if (e instanceof HttpError && e.status < 500) await releaseIdempotencyKey(ctx.db, idempotencyKey);
    throw e;
  }
  const answer: ManualTradeAnswer = { accountId, idempotencyKey, result };
  await completeIdempotencyKey(ctx.db, idempotencyKey, { statusCode: 200, response: answer });
  return { answer, replayed: false };
}
