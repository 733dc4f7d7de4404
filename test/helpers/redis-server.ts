import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'vitest';
import { reachable } from './services.js';

/** A Redis server of this machine's own, on a port of its own, that keeps its data across a restart. */
export async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
  await expect.poll(() => reachable(port), { timeout: 10_000 }).toBe(true);
  return child;
}

export async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
