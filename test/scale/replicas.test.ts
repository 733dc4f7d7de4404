import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { seedChannels, startReplica, stopReplicas } from '../helpers/replicas.js';
import { redisUp, shouldRun } from '../helpers/services.js';

const CHANNELS = 200;
let fake: FakeSlack | undefined;
const children: Awaited<ReturnType<typeof startReplica>>[] = [];

afterEach(async () => {
  await stopReplicas(children);
  await fake?.close();
});

function postsPerChannel(f: FakeSlack): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of f.callsOf('chat.postMessage')) counts.set(String(call.params.channel), (counts.get(String(call.params.channel)) ?? 0) + 1);
  return counts;
}

async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
}

describe.runIf(shouldRun('Redis', redisUp))('two replicas on the real Redis', () => {
  it(`deliver exactly ${CHANNELS} digests for ${CHANNELS} channels due in the same slot`, { timeout: 120_000 }, async () => {
    fake = await startFakeSlack();
    const prefix = `scale-${randomUUID().slice(0, 8)}`;
    await seedChannels(prefix, CHANNELS);
    const env = { STORE_PREFIX: prefix, SLACK_API_URL: fake.apiUrl, DIGEST_LOCK_MS: '2000' };
    children.push(await startReplica(env), await startReplica(env));
    await expect.poll(() => postsPerChannel(fake!).size, { timeout: 90_000, interval: 200 }).toBe(CHANNELS);
    // Both replicas have settled: nothing queued, every job accounted for.
    await expect
      .poll(async () => (await Promise.all(children.map((c) => metric(c.port, 'papers_digest_queue_depth')))).reduce((a, b) => a + b, 0), { timeout: 30_000 })
      .toBe(0);
    const counts = postsPerChannel(fake);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(CHANNELS);
    const done = await Promise.all(children.map((c) => metric(c.port, 'papers_digests_total')));
    expect(done.every((n) => n > 0)).toBe(true); // both replicas took part
  });

  it('still deliver exactly one digest per channel when one replica is killed in the middle of the fan-out', { timeout: 120_000 }, async () => {
    fake = await startFakeSlack();
    // Slack answers slowly, so that the kill lands with deliveries in flight.
    fake.delay('chat.postMessage', 150);
    const slow = fake;
    const prefix = `scale-${randomUUID().slice(0, 8)}`;
    await seedChannels(prefix, CHANNELS);
    const env = { STORE_PREFIX: prefix, SLACK_API_URL: fake.apiUrl, DIGEST_LOCK_MS: '2000', DIGEST_CONCURRENCY: '4' };
    const doomed = await startReplica(env);
    const survivor = await startReplica(env);
    children.push(doomed, survivor);
    await expect.poll(() => slow.callsOf('chat.postMessage').length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(40);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    await expect.poll(() => postsPerChannel(slow).size, { timeout: 90_000, interval: 200 }).toBe(CHANNELS);
    await expect.poll(async () => metric(survivor.port, 'papers_digest_queue_depth'), { timeout: 30_000 }).toBe(0);
    const counts = postsPerChannel(slow);
    const doubled = [...counts].filter(([, n]) => n > 1);
    expect(doubled).toEqual([]);
    expect(slow.callsOf('chat.postMessage')).toHaveLength(CHANNELS);
  });

  it('loses nothing to a SIGTERM in the middle of the fan-out: the rest goes out after a restart', { timeout: 120_000 }, async () => {
    fake = await startFakeSlack();
    fake.delay('chat.postMessage', 300);
    const slow = fake;
    const prefix = `scale-${randomUUID().slice(0, 8)}`;
    await seedChannels(prefix, CHANNELS);
    const env = { STORE_PREFIX: prefix, SLACK_API_URL: fake.apiUrl, DIGEST_LOCK_MS: '2000', DIGEST_CONCURRENCY: '2' };
    const first = await startReplica(env);
    children.push(first);
    await expect.poll(() => slow.callsOf('chat.postMessage').length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(10);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const beforeRestart = slow.callsOf('chat.postMessage').length;
    expect(beforeRestart).toBeLessThan(CHANNELS);

    slow.delay('chat.postMessage', 10);
    const second = await startReplica({ ...env, DIGEST_CONCURRENCY: '8' });
    children.push(second);
    await expect.poll(() => postsPerChannel(slow).size, { timeout: 90_000, interval: 200 }).toBe(CHANNELS);
    await expect.poll(async () => metric(second.port, 'papers_digest_queue_depth'), { timeout: 30_000 }).toBe(0);
    expect([...postsPerChannel(slow).values()].every((n) => n === 1)).toBe(true);
  });
});
