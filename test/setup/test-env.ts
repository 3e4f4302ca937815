import { type EmbeddedPostgresHandle } from '../../scripts/devstack/postgres';
import { type TemporalDevServerHandle } from '../../scripts/devstack/temporal-server';

/** Environment variables through which global setup tells test files where the shared services are. */
export const TEST_ENV = {
  postgresAdminUrl: 'DESK_TEST_POSTGRES_ADMIN_URL',
  postgresPort: 'DESK_TEST_POSTGRES_PORT',
  temporalAddress: 'DESK_TEST_TEMPORAL_ADDRESS',
} as const;

export interface TestStack {
  readonly root: string;
  readonly postgres: EmbeddedPostgresHandle;
  readonly temporal: TemporalDevServerHandle;
  readonly unregister: () => void;
}

export function requiredTestEnv(name: (typeof TEST_ENV)[keyof typeof TEST_ENV]): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is unset: run integration tests through jest (global setup starts the services).`);
  return value;
}
