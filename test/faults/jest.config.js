/**
 * The fault suite (`npm run test:faults`), kept out of `npm test`: it starts its own Postgres, Temporal
 * dev server, simulator and worker processes, then kills and restarts them for a few minutes.
 */
/** @type {import('jest').Config} */
module.exports = {
  rootDir: `${__dirname}/../..`,
  displayName: 'faults',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } }],
  },
  testTimeout: 60_000,
  // The Temporal native runtime keeps a handle open after tests (sdk-typescript #928).
  forceExit: true,
};
