import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config } from '../config';
import { Secret } from '../config/secret';

/**
 * The API's bearer key: API_KEY when set, else a random key generated once into DATA_DIR/api-key
 * (readable by the owner only), so mutating routes are never open by default and the key is never printed.
 */
export function resolveApiKey(config: Pick<Config, 'api' | 'dataDir'>): { key: Secret; source: string } {
  if (config.api.key) return { key: config.api.key, source: 'API_KEY' };
  const file = join(config.dataDir, 'api-key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  }
  return { key: new Secret(readFileSync(file, 'utf8').trim()), source: file };
}
