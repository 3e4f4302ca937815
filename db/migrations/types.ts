import { type QueryInterface } from 'sequelize';

/** What every migration receives: Sequelize's query interface. */
export interface MigrationContext {
  readonly queryInterface: QueryInterface;
}

export interface Migration {
  readonly name: string;
  up(ctx: MigrationContext): Promise<void>;
  down(ctx: MigrationContext): Promise<void>;
}
