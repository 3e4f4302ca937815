import { z } from 'zod';
import { accountIdSchema } from '../../contracts/account';
import { type DeskEventKind } from '../../db/queries';
import { type ApiContext } from '../context';
import { defineRoute, type Route } from '../http/route';

const KINDS = ['cycle', 'invocation', 'order', 'fill', 'risk_event'] as const satisfies readonly DeskEventKind[];
const eventId = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const eventsQuery = z.strictObject({
  account: accountIdSchema.optional().meta({ description: 'Only this account.' }),
  kinds: z
    .string()
    .regex(
      new RegExp(`^(${KINDS.join('|')})(,(${KINDS.join('|')}))*$`),
      `a comma-separated list of ${KINDS.join(', ')}`,
    )
    .transform((s) => new Set(s.split(',') as DeskEventKind[]))
    .optional()
    .meta({ description: 'Only these kinds, comma-separated (default: all).' }),
  since: eventId.optional().meta({ description: 'Replay events after this id first (as Last-Event-ID does).' }),
});

const eventsHeaders = z.object({
  'last-event-id': eventId.optional().meta({ description: 'Set by EventSource on reconnect: resume after it.' }),
});

const eventSchema = z
  .strictObject({
    id: z.number().int().meta({ description: 'Also the SSE `id:` line.' }),
    kind: z.enum(KINDS).meta({ description: 'Also the SSE `event:` line.' }),
    op: z.enum(['insert', 'update']),
    accountId: z.string(),
    at: z.iso.datetime(),
    data: z.unknown().meta({ description: 'The row as the matching REST route shows it (Cycle, Trade, Fill, …).' }),
  })
  .meta({ id: 'DeskEvent', description: 'One server-sent event; its `data:` line is this object as JSON.' });

const KEEP_ALIVE_MS = 15_000;

/** Server-sent events: new cycles, invocations, orders, fills and risk events, as the workers write them. */
export function eventRoutes(ctx: ApiContext): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/events',
      operationId: 'streamEvents',
      summary: 'Live stream (server-sent events) of new cycles, decisions, orders, fills and risk events',
      description:
        'Each event is `id: <n>`, `event: <kind>`, `data: <DeskEvent JSON>`. Reconnect with `Last-Event-ID` ' +
        '(browsers do it by themselves) or `?since=<id>` to receive what happened meanwhile.',
      tag: 'events',
      access: 'read',
      query: eventsQuery,
      headers: eventsHeaders,
      success: {
        status: 200,
        description: 'An endless text/event-stream.',
        schema: eventSchema,
        contentType: 'text/event-stream',
      },
      raw: async ({ query, headers }, res) => {
        const since = headers['last-event-id'] ?? query.since;
        let gone = false;
        res.once('close', () => (gone = true));
        // Subscribe before answering: once the client sees the 200, everything written after is delivered.
        // The hub sends only after reading the log (I/O), so the headers below always go out first.
        const unsubscribe = await ctx.events.subscribe({ accountId: query.account, kinds: query.kinds }, since, (e) =>
          res.write(`id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`),
        );
        if (gone) return unsubscribe(); // the client left while we subscribed
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
        });
        res.write('retry: 3000\n\n');
        const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
        res.once('close', () => {
          clearInterval(keepAlive);
          unsubscribe();
        });
      },
    }),
  ];
}
