import { initialSchema } from './0001-initial-schema';
import { type Migration } from './types';

/** Every migration, in order. A new one is a new file plus one line here; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [initialSchema];
