/**
 * A scriptable OpenAI-compatible chat-completions server for tests and local runs without a key.
 *
 * Tests start it on loopback (port 0), point the real `openai` client at `baseUrl`, and script the
 * replies per model: tool calls, text, refusals, empty answers, slow replies, HTTP errors, errors
 * inside a 200 body, usage with or without OpenRouter's `cost`. Every request it receives is
 * recorded, so tests can assert on the prompt sent and on the number of attempts (no retries).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface FakeUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  /** OpenRouter's charge in credits (USD); omit to test the price-table path. */
  readonly cost?: number;
}

export interface FakeToolCall {
  readonly name: string;
  /** An object is sent as JSON; a string is sent verbatim (use it for malformed JSON). */
  readonly arguments: string | Readonly<Record<string, unknown>>;
  readonly id?: string;
}

interface ReplyCommon {
  readonly usage?: FakeUsage;
  /** Wait this long before answering (to test timeouts and cancellation). */
  readonly delayMs?: number;
}

export type FakeReply =
  | (ReplyCommon & { readonly type: 'tool_calls'; readonly calls: readonly FakeToolCall[]; readonly content?: string })
  | (ReplyCommon & { readonly type: 'text'; readonly content: string })
  | (ReplyCommon & { readonly type: 'refusal'; readonly refusal: string })
  /** `choices: []` — some providers answer like this on a filtered or failed generation. */
  | (ReplyCommon & { readonly type: 'empty' })
  | (ReplyCommon & {
      readonly type: 'http_error';
      readonly status: number;
      readonly message: string;
      readonly headers?: Readonly<Record<string, string>>;
    })
  /** OpenRouter's mid-generation failure: HTTP 200 with `{ error: { code, message } }`. */
  | (ReplyCommon & { readonly type: 'error_in_body'; readonly code: number; readonly message: string });

/** A request the server received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON body (undefined if it was not JSON). */
  readonly body: { model?: string; messages?: unknown[]; tools?: unknown[]; [key: string]: unknown } | undefined;
}

type Scripted = FakeReply | ((request: RecordedRequest) => FakeReply);

export interface FakeLlmServer {
  /** Base URL for the client, e.g. `http://127.0.0.1:40123/v1`. */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queues replies for `model` (or `'*'` for any model without its own queue), used in order. */
  script(model: string, ...replies: Scripted[]): void;
  /** Replies still queued, over all models. */
  pending(): number;
  close(): Promise<void>;
}

let completionCounter = 0;

function completion(model: string, reply: Exclude<FakeReply, { type: 'http_error' | 'error_in_body' }>) {
  const id = `fake-${++completionCounter}`;
  const usage = reply.usage
    ? { usage: { ...reply.usage, total_tokens: reply.usage.prompt_tokens + reply.usage.completion_tokens } }
    : {};
  const base = { id, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model, ...usage };
  if (reply.type === 'empty') return { ...base, choices: [] };
  const message =
    reply.type === 'tool_calls'
      ? {
          role: 'assistant',
          content: reply.content ?? null,
          refusal: null,
          tool_calls: reply.calls.map((call, i) => ({
            id: call.id ?? `${id}-call-${i}`,
            type: 'function',
            function: {
              name: call.name,
              arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
            },
          })),
        }
      : reply.type === 'refusal'
        ? { role: 'assistant', content: null, refusal: reply.refusal }
        : { role: 'assistant', content: reply.content, refusal: null };
  const finish = reply.type === 'tool_calls' ? 'tool_calls' : 'stop';
  return { ...base, choices: [{ index: 0, message, finish_reason: finish, logprobs: null }] };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the fake server.
 *
 * @example
 * const server = await startFakeLlmServer();
 * server.script('anthropic/claude-3.5-sonnet', { type: 'tool_calls', calls: [{ name: 'get_portfolio_status', arguments: {} }] });
 * const client = createChatClient({ baseUrl: server.baseUrl, apiKey: new Secret('test-key') });
 * // …
 * await server.close();
 */
export async function startFakeLlmServer(options: { host?: string; port?: number } = {}): Promise<FakeLlmServer> {
  const queues = new Map<string, Scripted[]>();
  const requests: RecordedRequest[] = [];

  function nextReply(request: RecordedRequest): FakeReply | undefined {
    const model = request.body?.model ?? '';
    const queue = queues.get(model)?.length ? queues.get(model) : queues.get('*');
    const scripted = queue?.shift();
    return typeof scripted === 'function' ? scripted(request) : scripted;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const text = await readBody(req);
    let body: RecordedRequest['body'];
    try {
      body = JSON.parse(text) as RecordedRequest['body'];
    } catch {
      body = undefined;
    }
    const request: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
    requests.push(request);
    if (req.method !== 'POST' || !request.path.endsWith('/chat/completions')) {
      return send(res, 404, { error: { code: 404, message: `fake LLM server: no route ${req.method} ${req.url}` } });
    }
    if (!body) return send(res, 400, { error: { code: 400, message: 'fake LLM server: body is not JSON' } });
    const reply = nextReply(request);
    if (!reply) {
      // 418 is non-retryable for the client: a test that forgot a reply fails loudly, once.
      return send(res, 418, { error: { code: 418, message: `fake LLM server: no scripted reply for ${body.model}` } });
    }
    if (reply.delayMs) {
      const closed = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), reply.delayMs);
        res.on('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (closed || res.writableEnded) return;
    }
    const model = body.model ?? 'unknown';
    if (reply.type === 'http_error') {
      return send(res, reply.status, { error: { code: reply.status, message: reply.message } }, reply.headers);
    }
    if (reply.type === 'error_in_body') return send(res, 200, { error: { code: reply.code, message: reply.message } });
    return send(res, 200, completion(model, reply));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { code: 500, message: `fake LLM server: ${String(error)}` } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://${address}:${port}/v1`,
    requests,
    script(model, ...replies) {
      queues.set(model, [...(queues.get(model) ?? []), ...replies]);
    },
    pending: () => [...queues.values()].reduce((n, q) => n + q.length, 0),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
