import { ApiError, type ApiClient } from './client';
import type { DeskEvent } from './types';

/** The event stream's state, shown in the system bar. */
export type StreamState = 'connecting' | 'live' | 'down';

const RECONNECT_MS = 3_000;

/**
 * Parses a text/event-stream body (the API separates lines with LF) and hands each event's `data:` (a DeskEvent as JSON) to `onEvent`.
 * Comments (keep-alives) and `retry:` lines carry no data and are skipped.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: DeskEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data) onEvent(JSON.parse(data) as DeskEvent);
    }
  }
}

/**
 * Follows `/api/events` until the returned function is called: reconnects after a drop, resuming after
 * the last event seen (`?since=`), and gives up only when the key is refused. Uses fetch rather than
 * EventSource, which cannot send the API key.
 */
export function followEvents(
  client: ApiClient,
  onEvent: (event: DeskEvent) => void,
  onState: (state: StreamState) => void,
): () => void {
  const controller = new AbortController();
  let lastId: number | undefined;
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      controller.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  async function run(): Promise<void> {
    while (!controller.signal.aborted) {
      onState('connecting');
      try {
        const res = await client.stream(
          `/api/events${lastId === undefined ? '' : `?since=${lastId}`}`,
          controller.signal,
        );
        if (!res.body) throw new Error('no body');
        onState('live');
        await readEventStream(res.body, (event) => {
          lastId = event.id;
          onEvent(event);
        });
      } catch (e) {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && e.problem.kind === 'unauthorized') return onState('down');
      }
      onState('down');
      await wait(RECONNECT_MS);
    }
  }
  void run();
  return () => controller.abort();
}
