/**
 * Two projects:
 * - `unit`: everything outside test/integration/ and test/e2e/. Needs no shared service (in-process loopback
 *   servers such as the Dhan simulator or the fake LLM are fine).
 * - `integration`: test/integration/ and test/e2e/ (the dashboard in headless Chromium). Shares one real
 *   Postgres and one Temporal dev server per run, started by test/setup/global-setup.ts.
 */
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } }],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30_000,
  // Two test files at a time even on a 2-core machine (jest's default would be one): integration files
  // spend much of their time waiting on Temporal, Postgres and simulated ticks, and each desk has its
  // own database, task queue and Temporal namespace, so files never meet.
  maxWorkers: 2,
  // The Temporal native runtime keeps a handle open after tests (sdk-typescript #928).
  forceExit: true,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // test/faults/ has its own config (npm run test:faults).
      testPathIgnorePatterns: ['<rootDir>/test/integration/', '<rootDir>/test/e2e/', '<rootDir>/test/faults/'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
