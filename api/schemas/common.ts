import { z } from 'zod';

/*
 * Building blocks shared by the request and response schemas. The same zod schemas validate requests,
 * type the handlers and generate the OpenAPI document, so the three cannot drift apart.
 */

export const errorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. `invalid_request`, `not_found`.' }),
      message: z.string().meta({ description: 'What went wrong and, where possible, what to do about it.' }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: 'Per field (`body.quantity`, `query.limit`): why the value was refused.' }),
    }),
  })
  .meta({ id: 'Error', description: 'The one error shape of every route.' });

/** A time in responses: ISO 8601 in UTC. */
export const timestamp = z.iso.datetime();
export const nullableTimestamp = timestamp.nullable();

/** A time in query strings: ISO 8601 with an offset (`Z` or `+05:30`), read as a Date. */
export const queryTime = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .meta({ description: 'ISO 8601 date-time with offset, e.g. `2026-06-19T09:15:00+05:30`.' });

/** A positive database id in a path. */
export const numericIdParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ description: 'Numeric id.' }),
});

/** `?limit=&offset=`: one page of a list, newest first. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Page size (1–200).' }),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).meta({ description: 'Rows to skip.' }),
};

/** `?from=&to=`: a half-open time range [from, to). */
export const rangeQuery = {
  from: queryTime.optional().meta({ description: 'Start of the range (inclusive), ISO 8601 with offset.' }),
  to: queryTime.optional().meta({ description: 'End of the range (exclusive), ISO 8601 with offset.' }),
};

/** Refinement for objects with `from`/`to`: the range must not be empty. */
export function rangeIsOrdered(value: { from?: Date; to?: Date }, ctx: z.RefinementCtx): void {
  if (value.from && value.to && value.from >= value.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must be later than `from`' });
}

/** A page of items and the total count of matches. */
export function paged<T extends z.ZodType>(item: T, id: string) {
  return z
    .strictObject({
      items: z.array(item),
      total: z.number().int().meta({ description: 'Rows matching the filters, over all pages.' }),
      limit: z.number().int(),
      offset: z.number().int(),
    })
    .meta({ id });
}

export const sideSchema = z.enum(['BUY', 'SELL']);

/** Where to look at a workflow execution in the Temporal Web UI. */
export const workflowLink = z
  .strictObject({
    workflowId: z.string(),
    runId: z.string().nullable(),
    url: z.string().nullable().meta({ description: 'Temporal Web UI page; null when no UI URL is configured.' }),
  })
  .meta({ id: 'WorkflowLink' });
