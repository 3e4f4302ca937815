import { request as httpRequest, type IncomingMessage } from 'node:http';
import { QueryTypes } from 'sequelize';
import { API_KEY, type ApiHarness, eventually, insertAccountRow, startApiHarness, uniqueAccountId } from './harness';
import { insertCycle, insertFill, insertInvocation, insertOrder, insertRiskEvent } from './fixtures';

let api: ApiHarness;
let a: string;
let b: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: false });
  a = uniqueAccountId('eva');
  b = uniqueAccountId('evb');
  await insertAccountRow(api.db, { id: a });
  await insertAccountRow(api.db, { id: b });
}, 60_000);
afterAll(() => api?.close());

interface Received {
  id: string;
  event: string;
  data: { id: number; kind: string; op: string; accountId: string; data: Record<string, unknown> };
}

/** A minimal server-sent-events reader over a raw HTTP request. */
async function openStream(path: string, headers: Record<string, string> = {}) {
  const received: Received[] = [];
  let waiters: (() => void)[] = [];
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest(`${api.server.url}${path}`, {
      headers: { Authorization: `Bearer ${API_KEY}`, ...headers },
    });
    req.on('response', resolve).on('error', reject).end();
  });
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(
        block
          .split('\n')
          .filter((line) => !line.startsWith(':') && line.includes(': '))
          .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
      );
      if (fields.data) received.push({ id: fields.id ?? '', event: fields.event ?? '', data: JSON.parse(fields.data) });
    }
    waiters.forEach((w) => w());
  });
  return {
    response,
    received,
    /** Waits until `count` events have arrived. */
    async take(count: number, ms = 8_000): Promise<Received[]> {
      const deadline = Date.now() + ms;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `got ${received.length} of ${count} events: ${JSON.stringify(received.map((e) => [e.event, e.data.op]))}`,
          );
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
        waiters = [];
      }
      return received.slice(0, count);
    },
    close: () => response.destroy(),
  };
}

test('new and changed rows are pushed as they are written, shaped like the REST answers', async () => {
  const stream = await openStream(`/api/events?account=${a}`);
  expect(stream.response.statusCode).toBe(200);
  expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');

  const cycle = await insertCycle(api.db, { accountId: a, marketTime: '2026-06-19T04:00:00Z', status: 'running' });
  await api.db.sequelize.query(`UPDATE cycles SET step_timings = '{"x": 1}' WHERE id = ${cycle}`); // not news
  await api.db.sequelize.query(`UPDATE cycles SET status = 'completed' WHERE id = ${cycle}`);
  const invocation = await insertInvocation(api.db, { accountId: a, cycleId: cycle, key: `${a}/ev1` });
  const order = await insertOrder(api.db, { accountId: a, key: `${a}-ev-1`, cycleId: cycle });
  const fill = await insertFill(api.db, { orderId: order, accountId: a, quantity: 5, price: 1400 });
  await api.db.sequelize.query(`UPDATE orders SET status = 'TRADED', filled_quantity = 5 WHERE id = ${order}`);
  const risk = await insertRiskEvent(api.db, { accountId: a, key: `${a}/ev-r1`, rule: 'stop-loss', verdict: 'reject' });

  const events = await stream.take(7);
  expect(events.map((e) => [e.event, e.data.op, e.data.data.id])).toEqual([
    ['cycle', 'insert', cycle],
    ['cycle', 'update', cycle],
    ['invocation', 'insert', invocation],
    ['order', 'insert', order],
    ['fill', 'insert', fill],
    ['order', 'update', order],
    ['risk_event', 'insert', risk],
  ]);
  // SSE ids are the event ids, increasing.
  const ids = events.map((e) => Number(e.id));
  expect(ids).toEqual([...ids].sort((x, y) => x - y));
  expect(events.map((e) => e.data.id)).toEqual(ids);
  expect(events[1]!.data.data).toMatchObject({ status: 'completed', accountId: a });
  expect(events[2]!.data.data).not.toHaveProperty('messages'); // the summary, not the transcript
  expect(events[5]!.data.data).toMatchObject({ status: 'TRADED', filledQuantity: 5 });
  stream.close();
});

test('filters by account and kind', async () => {
  const stream = await openStream(`/api/events?account=${b}&kinds=order,fill`);
  await insertOrder(api.db, { accountId: a, key: `${a}-ev-2` });
  await insertRiskEvent(api.db, { accountId: b, key: `${b}/ev-r2`, rule: 'daily-loss', verdict: 'reject' });
  const order = await insertOrder(api.db, { accountId: b, key: `${b}-ev-3` });
  const [only] = await stream.take(1);
  expect([only!.event, only!.data.accountId, only!.data.data.id]).toEqual(['order', b, order]);
  await new Promise((r) => setTimeout(r, 700)); // past a poll: nothing else may arrive
  expect(stream.received).toHaveLength(1);
  expect(api.events.subscriberCount).toBe(1);
  stream.close();
  await eventually(async () => (api.events.subscriberCount === 0 ? true : undefined)); // released on disconnect
});

test('a client that reconnects with Last-Event-ID (or ?since=) first gets what it missed', async () => {
  const first = await openStream(`/api/events?account=${a}&kinds=cycle`);
  await insertCycle(api.db, { accountId: a, marketTime: '2026-06-19T05:00:00Z' });
  const [seen] = await first.take(1);
  first.close();

  const missed1 = await insertCycle(api.db, { accountId: a, marketTime: '2026-06-19T05:05:00Z' });
  const missed2 = await insertCycle(api.db, { accountId: a, marketTime: '2026-06-19T05:10:00Z' });

  const again = await openStream(`/api/events?account=${a}&kinds=cycle`, { 'Last-Event-ID': seen!.id });
  expect((await again.take(2)).map((e) => e.data.data.id)).toEqual([missed1, missed2]);
  again.close();

  const viaQuery = await openStream(`/api/events?account=${a}&kinds=cycle&since=${seen!.id}`);
  expect((await viaQuery.take(2)).map((e) => e.data.data.id)).toEqual([missed1, missed2]);
  viaQuery.close();
});

test('the stream needs the key and valid parameters', async () => {
  expect((await api.call('get', '/api/events', { auth: false })).status).toBe(401);
  const bad = await api.call('get', '/api/events?kinds=order,trades&since=-1');
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.body.error.fields).sort()).toEqual(['query.kinds', 'query.since']);
});

test('the log keeps events for the retention period only', async () => {
  await insertRiskEvent(api.db, { accountId: a, key: `${a}/old`, rule: 'stop-loss', verdict: 'reject' });
  await api.db.sequelize.query(
    "UPDATE desk_events SET created_at = now() - interval '8 days' WHERE id = (SELECT max(id) FROM desk_events)",
  );
  const total = async () =>
    (
      (await api.db.sequelize.query('SELECT count(*)::int AS n FROM desk_events', { type: QueryTypes.SELECT }))[0] as {
        n: number;
      }
    ).n;
  const before = await total();
  // 7 days of retention: only the event made 8 days old goes.
  expect(await api.events.pruneOld(7 * 86_400_000)).toBe(1);
  expect(await total()).toBe(before - 1);
});
