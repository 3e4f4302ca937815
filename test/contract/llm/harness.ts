/** The fake LLM server on loopback and a real `openai`-backed client pointed at it. */
import { Secret } from '../../../config/secret';
import { type ChatClient, createChatClient } from '../../../llm/client';
import { type FakeLlmServer, startFakeLlmServer } from '../../../llm/fake-server';

/** A key-shaped secret, so tests can prove it never leaks. */
export const API_KEY = 'sk-or-v1-test-5f1c0ffee0123456789abcdef';
export const SONNET = 'anthropic/claude-3.5-sonnet';

export interface Harness {
  readonly server: FakeLlmServer;
  readonly client: ChatClient;
}

export async function startHarness(timeoutMs = 5_000): Promise<Harness> {
  const server = await startFakeLlmServer();
  const client = createChatClient({
    baseUrl: server.baseUrl,
    apiKey: new Secret(API_KEY),
    timeoutMs,
    appUrl: 'https://desk.example',
    appTitle: 'AI trading desk',
  });
  return { server, client };
}
