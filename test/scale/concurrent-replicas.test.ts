import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { silentLogger } from '../../src/log.js';
import { createStore } from '../../src/store.js';
import { postSigned, startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startReplica, stopReplicas } from '../helpers/replicas.js';
import { POSTGRES_URL, postgresUp, REDIS_URL, redisUp, shouldRun } from '../helpers/services.js';

let fake: FakeSlack | undefined;
const children: Awaited<ReturnType<typeof startReplica>>[] = [];

afterEach(async () => {
  await stopReplicas(children);
  await fake?.close();
});

const stores = [
  { name: 'Redis', url: REDIS_URL, run: shouldRun('Redis', redisUp) },
  { name: 'Postgres', url: POSTGRES_URL, run: shouldRun('Postgres', postgresUp) },
];

describe.each(stores)('two bot processes on $name', ({ url, run }) => {
  it.runIf(run)('50 mixed changes to one channel, sent to both at once: every change answered as done is stored, nothing refused is', { timeout: 120_000 }, async () => {
    fake = await startFakeSlack();
    const slack = fake;
    const prefix = `replicas-${randomUUID().slice(0, 8)}`;
    const env = { STORE_URL: url, STORE_PREFIX: prefix, SLACK_API_URL: slack.apiUrl, COMMAND_RATE_PER_USER: '0', COMMAND_RATE_PER_CHANNEL: '0' };
    children.push(await startReplica(env), await startReplica(env));
    for (const { port } of children) await expect.poll(() => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);

    const send = (replica: number, text: string, id: string) =>
      postSigned(`http://127.0.0.1:${children[replica]!.port}/slack/events`, 'secret', {
        team_id: 'T1', channel_id: 'C1', user_id: 'U1', user_name: 'ada', command: '/papers', text, response_url: slack.responseUrl(id), trigger_id: `trigger-${id}`,
      });
    const seeds = Array.from({ length: 10 }, (_, i) => `seed${i}x`);
    for (const [i, seed] of seeds.entries()) expect((await send(0, `subscribe ${seed}`, `seed${i}`)).status).toBe(200);
    await expect.poll(() => slack.responses.filter((r) => r.id.startsWith('seed')).length).toBe(seeds.length);

    const changes = [
      ...Array.from({ length: 38 }, (_, i) => `subscribe topic${i}x`),
      ...seeds.map((seed) => `unsubscribe ${seed}`),
      'schedule 07:45 Europe/Berlin',
      'settings size=8 min-upvotes=3',
    ];
    expect(changes).toHaveLength(50);
    const acks = await Promise.all(changes.map((text, i) => send(i % 2, text, `c${i}`)));
    expect(acks.every((ack) => ack.status === 200)).toBe(true);
    await expect.poll(() => slack.responses.filter((r) => r.id.startsWith('c')).length, { timeout: 30_000 }).toBe(changes.length);

    const answer = (i: number) => JSON.stringify(slack.responses.find((r) => r.id === `c${i}`)!.body);
    const done = changes.filter((_, i) => !answer(i).includes(':warning:'));
    for (const [i, text] of changes.entries()) {
      if (done.includes(text)) continue;
      expect(text).toMatch(/^subscribe /);
      expect(answer(i)).toContain('the most it can have');
    }
    const store = createStore(url, silentLogger, { prefix: `${prefix}.` });
    const state = await new ChannelStore(store, silentLogger).get('slack:T1:C1');
    await store.close();
    const expected = [
      ...seeds.filter((seed) => !done.includes(`unsubscribe ${seed}`)),
      ...done.filter((text) => text.startsWith('subscribe ')).map((text) => text.slice('subscribe '.length)),
    ].sort();
    expect(state.topics.map((t) => t.query).sort()).toEqual(expected);
    expect(state.schedule).toMatchObject({ time: '07:45', timeZone: 'Europe/Berlin' });
    expect(state).toMatchObject({ size: 8, minUpvotes: 3 });
  });
});
