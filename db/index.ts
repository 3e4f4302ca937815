import { type Sequelize } from 'sequelize';
import { type Secret } from '../config/secret';
import { createSequelize, type DatabaseOptions } from './connection';
import { defineModels, type Models } from './models';

export { createSequelize, databaseReachable } from './connection';
export { createMigrator, migrate } from './migrator';
export { defineModels, type Models } from './models';
export { seed } from './seed';

export interface Database {
  readonly sequelize: Sequelize;
  readonly models: Models;
  close(): Promise<void>;
}

/** Connects (lazily: the pool opens on first query) and defines the models. */
export function openDatabase(url: Secret | string, options?: DatabaseOptions): Database {
  const sequelize = createSequelize(url, options);
  return { sequelize, models: defineModels(sequelize), close: () => sequelize.close() };
}
