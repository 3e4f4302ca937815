import { rmSync } from 'node:fs';
import { type TestStack } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { __DESK_TEST_STACK__?: TestStack }).__DESK_TEST_STACK__;
  if (!stack) return;
  await Promise.allSettled([stack.temporal.stop(), stack.postgres.stop()]);
  rmSync(stack.root, { recursive: true, force: true });
  stack.unregister();
}
