import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { openStore, StoreStartError } from '../../src/store.js';
import { freePort } from '../helpers/replicas.js';
import { runCli } from '../helpers/run-process.js';

// A folder that cannot exist whoever runs the test (root included): its parent is a regular file.
const fileDir = mkdtempSync(join(tmpdir(), 'papers-bot-store-start-'));
writeFileSync(join(fileDir, 'file.txt'), 'not a folder');
const sqliteFile = join(fileDir, 'file.txt', 'db.sqlite');

const secret = `pw-${randomUUID()}`;
const redisPort = await freePort();
const postgresPort = await freePort();

// Nothing listens on the free ports; each store's message names STORE_URL, hides the password and says what to check.
const cases = [
  {
    store: 'Redis with a password',
    url: `redis://:${secret}@127.0.0.1:${redisPort}`,
    message: `papers-bot: Cannot reach the Redis store at STORE_URL=redis://:***@127.0.0.1:${redisPort} (connection refused). Check that Redis is running and reachable from here at 127.0.0.1:${redisPort}, and that the URL's password and database number are right; or set STORE_URL to another store.`,
  },
  {
    store: 'Redis without a password',
    url: `redis://127.0.0.1:${redisPort}/2`,
    message: `papers-bot: Cannot reach the Redis store at STORE_URL=redis://127.0.0.1:${redisPort}/2 (connection refused). Check that Redis is running and reachable from here at 127.0.0.1:${redisPort}`,
  },
  {
    store: 'Postgres with a password',
    url: `postgres://papers:${secret}@127.0.0.1:${postgresPort}/test`,
    message: `papers-bot: Cannot reach the Postgres store at STORE_URL=postgres://papers:***@127.0.0.1:${postgresPort}/test (connection refused). Check that PostgreSQL is running and reachable from here at 127.0.0.1:${postgresPort}, and that the URL's user, password and database are right; or set STORE_URL to another store.`,
  },
  {
    store: 'SQLite in a folder that cannot be created',
    url: `sqlite://${sqliteFile}`,
    message: `papers-bot: Cannot open the SQLite store at STORE_URL=sqlite://${sqliteFile} (a part of the path is a file, not a folder). Check that the folder ${join(fileDir, 'file.txt')} exists or can be created, and that it is writable by this process`,
  },
];

describe('a store that cannot be used at start-up', () => {
  it.each(cases)('$store: the bot refuses to start, saying which STORE_URL and what to check', { timeout: 60_000 }, async ({ url, message }) => {
    const run = await runCli(['start'], { env: { STORE_URL: url, HF_API_URL: 'http://127.0.0.1:1', HF_RETRIES: '0' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('throwOnConnectError');
    expect(run.stdout + run.stderr).not.toContain(secret);
    // It stopped at the store: no terminal greeting.
    expect(run.stdout).not.toContain('papers-bot in the terminal');
  });

  it('is a StoreStartError from openStore, with the same sentence, for every store alike', async () => {
    for (const { url, message } of cases) {
      const failure = await openStore(url, silentLogger, { prefix: 'start-test.' }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(StoreStartError);
      expect((failure as Error).message).toContain(message.replace('papers-bot: ', ''));
    }
  });
});
