import { connect } from 'node:net';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** CI sets REQUIRE_SERVICES=1 so that a missing Redis or Postgres fails instead of skipping. */
export const servicesRequired = process.env.REQUIRE_SERVICES === '1';

export function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export const redisUp = await reachable(6379);
export const postgresUp = await reachable(5432);

/** Whether to run a server-backed variant; says why when it is skipped. */
export function shouldRun(name: string, up: boolean): boolean {
  if (up) return true;
  if (servicesRequired) throw new Error(`${name} is required (REQUIRE_SERVICES=1) but not reachable on 127.0.0.1`);
  console.warn(`NOTE: ${name} is not running on 127.0.0.1; its store tests are skipped.`);
  return false;
}
