import { z } from 'zod';
import { accountIdSchema } from '../../contracts/account';
import { paged, pageQuery, rangeIsOrdered, rangeQuery, timestamp } from './common';

export const riskEventSchema = z
  .strictObject({
    id: z.number().int(),
    eventKey: z.string(),
    accountId: z.string(),
    cycleId: z.number().int().nullable(),
    correlationId: z.string().nullable(),
    rule: z.string(),
    verdict: z.string().meta({ description: 'approve, adjust or reject.' }),
    detail: z.string(),
    proposal: z.unknown().meta({ description: 'The order proposal the rule judged.' }),
    marketTime: timestamp,
    createdAt: timestamp,
  })
  .meta({ id: 'RiskEvent' });

export const riskEventListQuery = z
  .strictObject({
    account: accountIdSchema.optional(),
    rule: z
      .string()
      .regex(/^[a-z0-9_.-]{1,40}$/)
      .optional(),
    verdict: z.enum(['approve', 'adjust', 'reject']).optional(),
    ...rangeQuery,
    ...pageQuery,
  })
  .superRefine(rangeIsOrdered);

export const riskEventListSchema = paged(riskEventSchema, 'RiskEventList');
