import { readEventStream } from '../../../dashboard/src/api/events';
import { type DeskEvent } from '../../../dashboard/src/api/types';

/** A response body that delivers `chunks` one read at a time, as a network would. */
function body(chunks: readonly (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

const event = (id: number, kind: DeskEvent['kind']): DeskEvent => ({
  id,
  kind,
  op: 'insert',
  accountId: 'claude',
  at: '2026-06-01T04:00:00.000Z',
  data: { id, note: 'café ₹' },
});
const frame = (e: DeskEvent) => `id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`;

test('events split anywhere across reads, keep-alives and retry lines', async () => {
  const stream = 'retry: 3000\n\n' + frame(event(1, 'cycle')) + ': keep-alive\n\n' + frame(event(2, 'fill'));
  const bytes = new TextEncoder().encode(stream);
  // Split at every byte: between lines, inside a line, inside the multi-byte characters of the payload.
  for (let at = 1; at < bytes.length; at++) {
    const seen: DeskEvent[] = [];
    await readEventStream(body([bytes.slice(0, at), bytes.slice(at)]), (e) => seen.push(e));
    expect(seen).toEqual([event(1, 'cycle'), event(2, 'fill')]);
  }
});

test('several events in one read, in order; an unfinished last event is not delivered', async () => {
  const seen: number[] = [];
  const partial = frame(event(3, 'order')).slice(0, -1);
  await readEventStream(body([frame(event(1, 'cycle')) + frame(event(2, 'invocation')) + partial]), (e) =>
    seen.push(e.id),
  );
  expect(seen).toEqual([1, 2]);
});
