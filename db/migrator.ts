import { type Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { MIGRATIONS } from './migrations';
import { type MigrationContext } from './migrations/types';

/**
 * Versioned migrations with umzug; applied names are kept in the `schema_migrations` table.
 * `up()` applies what is pending; `down({ to: 0 })` reverts everything.
 */
export function createMigrator(sequelize: Sequelize, log?: (message: string) => void): Umzug<MigrationContext> {
  const logFn = (m: Record<string, unknown>) => log?.(`${String(m.event)} ${String(m.name ?? '')}`.trim());
  return new Umzug<MigrationContext>({
    migrations: MIGRATIONS.map((m) => ({
      name: m.name,
      up: ({ context }) => m.up(context),
      down: ({ context }) => m.down(context),
    })),
    context: { queryInterface: sequelize.getQueryInterface() },
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: { info: logFn, warn: logFn, error: logFn, debug: () => undefined },
  });
}

/** Applies pending migrations and returns their names. */
export async function migrate(sequelize: Sequelize, log?: (message: string) => void): Promise<string[]> {
  const applied = await createMigrator(sequelize, log).up();
  return applied.map((m) => m.name);
}
