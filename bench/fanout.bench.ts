/**
 * Fan-out of one slot to 1,000 Slack channels through a fake Slack that allows one message a second
 * per channel and answers 429 (Retry-After) beyond a workspace rate; with 1 and with 2 replicas on
 * the real Redis. Run: npm run bench:fanout
 */
import { randomUUID } from 'node:crypto';
import { startFakeSlack, type SlackCall } from '../test/fakes/fake-slack.js';
import { seedChannels, startReplica } from '../test/helpers/replicas.js';

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 1_000);
const WORKSPACE_RATE = Number(process.env.BENCH_WORKSPACE_RATE ?? 50); // messages per rolling second

async function run(replicas: number) {
  const fake = await startFakeSlack();
  const accepted: number[] = [];
  const lastByChannel = new Map<string, number>();
  let limited = 0;
  fake.on('chat.postMessage', (call: SlackCall) => {
    const now = Date.now();
    const channel = String(call.params.channel);
    const recent = accepted.filter((t) => now - t < 1_000).length;
    const last = lastByChannel.get(channel);
    if (recent >= WORKSPACE_RATE || (last !== undefined && now - last < 1_000)) {
      limited++;
      return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
    }
    accepted.push(now);
    lastByChannel.set(channel, now);
    return undefined;
  });
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  await seedChannels(prefix, CHANNELS);
  // The bot spaces its posts to the workspace a little under the limit, across replicas through Redis.
  const env = { STORE_PREFIX: prefix, SLACK_API_URL: fake.apiUrl, DIGEST_CONCURRENCY: '16', SLACK_WORKSPACE_RATE: String(Math.floor(WORKSPACE_RATE * 0.96)) };
  const children = await Promise.all(Array.from({ length: replicas }, () => startReplica(env)));
  const deadline = Date.now() + 10 * 60_000;
  while (lastByChannel.size < CHANNELS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  // Let any late duplicate show up before counting.
  await new Promise((r) => setTimeout(r, 3_000));
  for (const child of children) child.child.kill('SIGTERM');
  await Promise.all(children.map((c) => c.exited));
  const sent = accepted.length;
  const seconds = (Math.max(...accepted) - Math.min(...accepted)) / 1000;
  const floor = (CHANNELS - WORKSPACE_RATE) / WORKSPACE_RATE; // the first second's burst is free
  await fake.close();
  return { replicas, sent, distinct: lastByChannel.size, duplicated: sent - lastByChannel.size, lost: CHANNELS - lastByChannel.size, limited, seconds, floor };
}

const rows = [];
for (const replicas of [1, 2]) rows.push(await run(replicas));
console.log(`${CHANNELS} channels, workspace limit ${WORKSPACE_RATE} messages per rolling second, 1 message per second per channel\n`);
console.log('| replicas | delivered | duplicated | lost | 429s answered | first to last post | floor | ratio |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.replicas} | ${r.distinct} | ${r.duplicated} | ${r.lost} | ${r.limited} | ${r.seconds.toFixed(1)} s | ${r.floor.toFixed(1)} s | ${(r.seconds / r.floor).toFixed(2)}× |`);
}
