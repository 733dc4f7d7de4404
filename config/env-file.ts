import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './config.js';

/**
 * Reads `.env` from the working folder into the environment, with Node's own loader, before the
 * configuration is validated. A variable already set in the real environment wins over the file.
 * Resolves to the file read, if any.
 */
export function loadEnvFile(folder = process.cwd()): string | undefined {
  const path = resolve(folder, '.env');
  if (!existsSync(path)) return undefined;
  try {
    process.loadEnvFile(path);
  } catch (error) {
    throw new ConfigError(`Could not read ${path}: ${error instanceof Error ? error.message : String(error)}. Fix or remove the file (see .env.example).`);
  }
  return path;
}
