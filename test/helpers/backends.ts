import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POSTGRES_URL, postgresUp, REDIS_URL, redisUp, shouldRun } from './services.js';

/** Every store the bot runs on: a fresh SQLite file, memory, and the real Redis and Postgres when they run. */
export function storeBackends(label: string) {
  const sqliteFile = join(mkdtempSync(join(tmpdir(), `papers-bot-${label}-`)), 'store.sqlite');
  return [
    { name: 'SQLite', url: `sqlite://${sqliteFile}`, run: true, shared: true },
    { name: 'memory', url: 'memory://', run: true, shared: false },
    { name: 'Redis', url: REDIS_URL, run: shouldRun('Redis', redisUp), shared: true },
    { name: 'Postgres', url: POSTGRES_URL, run: shouldRun('Postgres', postgresUp), shared: true },
  ];
}
