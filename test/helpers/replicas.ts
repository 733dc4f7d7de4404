import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { silentLogger } from '../../src/log.js';
import { createStore } from '../../src/store.js';
import { ROOT } from './run-process.js';
import { fixturePath } from './fixtures.js';
import { REDIS_URL } from './services.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `count` Slack channels whose daily slot an hour ago was missed: every replica catches it up at start. */
export async function seedChannels(prefix: string, count: number): Promise<string[]> {
  const store = createStore(REDIS_URL, silentLogger, { prefix: `${prefix}.` });
  const channels = new ChannelStore(store, silentLogger);
  const hourAgo = new Date(Date.now() - 60 * 60_000);
  const time = `${String(hourAgo.getUTCHours()).padStart(2, '0')}:00`;
  const keys = Array.from({ length: count }, (_, i) => `slack:T1:C${String(i).padStart(4, '0')}`);
  for (const key of keys) {
    await channels.update(key, (s) => ({ ...s, size: 3, schedule: { enabled: true, time, timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6] }, scheduleSetAt: '2025-01-01T00:00:00Z' }));
  }
  await store.close();
  return keys;
}

/** A bot process on the real Redis, with Slack pointed at the fake. */
export async function startReplica(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null>; stderr(): string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bin', 'papers-bot.ts'), 'start', '--data', fixturePath('hf/daily')], {
    cwd: ROOT,
    env: { ...process.env, STORE_URL: REDIS_URL, PORT: String(port), HF_API_URL: 'http://127.0.0.1:1', HF_RETRIES: '0', LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: 'xoxb-replica', SLACK_SIGNING_SECRET: 'secret', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then((code) => {
    if (code && code !== 0) process.stderr.write(`replica exited ${code}: ${stderr.slice(-2000)}\n`);
  });
  return { child, port, exited, stderr: () => stderr };
}

/** Kills the replicas a test started (those still running) and waits for them to exit. */
export async function stopReplicas(children: Awaited<ReturnType<typeof startReplica>>[]): Promise<void> {
  for (const replica of children.splice(0)) {
    if (replica.child.exitCode === null) replica.child.kill('SIGKILL');
    await replica.exited;
  }
}
