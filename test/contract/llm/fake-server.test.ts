import { type FakeLlmServer, startFakeLlmServer } from '../../../llm/fake-server';

async function post(server: FakeLlmServer, body: unknown, path = '/chat/completions') {
  const response = await fetch(server.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('startFakeLlmServer', () => {
  let server: FakeLlmServer;
  beforeEach(async () => {
    server = await startFakeLlmServer();
  });
  afterEach(() => server.close());

  it('listens on loopback on a free port', () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it("answers from the model's own queue first, then the '*' queue, in order", async () => {
    server.script('*', { type: 'text', content: 'any model' });
    server.script('m1', { type: 'text', content: 'first' }, (request) => ({
      type: 'text',
      content: `saw ${request.body?.messages?.length} messages`,
    }));
    const contentOf = (r: { body: Record<string, unknown> }) =>
      (r.body.choices as { message: { content: string } }[])[0]?.message.content;
    expect(contentOf(await post(server, { model: 'm1', messages: [] }))).toBe('first');
    expect(contentOf(await post(server, { model: 'm1', messages: [{}, {}] }))).toBe('saw 2 messages');
    expect(contentOf(await post(server, { model: 'm1', messages: [] }))).toBe('any model');
    expect(server.pending()).toBe(0);
    expect(server.requests.map((r) => r.body?.model)).toEqual(['m1', 'm1', 'm1']);
  });

  it('sends tool calls in the OpenAI shape, arguments as JSON text or verbatim', async () => {
    server.script('m', {
      type: 'tool_calls',
      calls: [
        { name: 'buy_stock', arguments: { symbol: 'TCS' }, id: 'c1' },
        { name: 'buy_stock', arguments: '{broken' },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 4, cost: 0.001 },
    });
    const { body } = await post(server, { model: 'm', messages: [] });
    expect(body.usage).toEqual({ prompt_tokens: 10, completion_tokens: 4, cost: 0.001, total_tokens: 14 });
    const choice = (body.choices as { finish_reason: string; message: { tool_calls: unknown[] } }[])[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.tool_calls).toEqual([
      { id: 'c1', type: 'function', function: { name: 'buy_stock', arguments: '{"symbol":"TCS"}' } },
      {
        id: expect.stringMatching(/-call-1$/),
        type: 'function',
        function: { name: 'buy_stock', arguments: '{broken' },
      },
    ]);
  });

  it('fails loudly, without a retryable status, when a test forgot to script a reply', async () => {
    expect(await post(server, { model: 'm', messages: [] })).toEqual({
      status: 418,
      body: { error: { code: 418, message: 'fake LLM server: no scripted reply for m' } },
    });
  });

  it('refuses unknown routes and bodies that are not JSON', async () => {
    expect((await post(server, { model: 'm' }, '/embeddings')).status).toBe(404);
    expect((await post(server, '{not json')).status).toBe(400);
    expect(server.requests).toHaveLength(2);
  });
});
