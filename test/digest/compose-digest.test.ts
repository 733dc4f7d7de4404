import { beforeEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { composeDigest } from '../../src/digest/compose-digest.js';
import { runDigest, type DigestRunnerDeps } from '../../src/digest/run-digest.js';
import { silentLogger } from '../../src/log.js';
import type { PaperArchive } from '../../src/papers/archive.js';
import { fixtureArchive } from '../helpers/archive.js';
import { fixturePath } from '../helpers/fixtures.js';
import { RecordingTarget } from '../helpers/recording-target.js';

const CHANNEL = 'slack:T1:C1';
let archive: PaperArchive;
let channels: ChannelStore;
let target: RecordingTarget;
let clock: Date;
let deps: DigestRunnerDeps;

beforeEach(async () => {
  const fixture = await fixtureArchive({ files: [fixturePath('hf/daily')], now: () => clock });
  archive = fixture.archive;
  channels = new ChannelStore(fixture.store, silentLogger);
  target = new RecordingTarget();
  deps = { archive, channels, deliveries: fixture.store.namespace('deliveries'), target, logger: silentLogger, commandName: '/papers', now: () => clock, backoffMs: 1 };
  await channels.update(CHANNEL, (s) => s);
});

/** Runs the digest of the 09:00 UTC slot of `day`, with the clock there. */
async function digestOn(day: string) {
  clock = new Date(`${day}T09:00:00Z`);
  const before = target.posts.length;
  const result = await runDigest(CHANNEL, clock, deps);
  return { result, post: target.posts.length > before ? target.posts.at(-1)!.reply : undefined };
}
const ids = (reply: { papers: { paper: { id: string | null } }[] } | undefined) => reply?.papers.map((p) => p.paper.id) ?? [];

describe('composing a channel digest on real Daily Papers days', () => {
  it("a first digest is the latest day's top papers in the day's ranking", async () => {
    const { post } = await digestOn('2025-06-05');
    expect(post!.heading).toBe('Daily Papers digest, 2025-06-05');
    expect(post!.papers.map((p) => p.paper.upvotes)).toEqual([36, 25, 23, 18, 15]);
    expect(post!.papers.every((p) => p.paper.dailyDate === '2025-06-05')).toBe(true);
  });

  it('leads with papers that match the topics, each with its topic and matched terms', async () => {
    await channels.update(CHANNEL, (s) => ({ ...s, topics: [{ query: 'video', canonical: 'video', addedBy: 'ada', addedAt: '' }] }));
    const { post } = await digestOn('2025-06-10');
    const lead = post!.papers.filter((p) => p.topic);
    expect(lead.length).toBeGreaterThan(0);
    expect(post!.papers.slice(0, lead.length)).toEqual(lead);
    for (const item of lead) {
      expect(item.topic).toBe('video');
      expect(item.reasons.flatMap((r) => r.terms)).toContain('video');
    }
    const rest = post!.papers.slice(lead.length);
    expect(rest.every((p) => !p.topic && p.reasons.length === 0)).toBe(true);
    expect(post!.notes[0]).toMatch(/of 5 match this channel's topics/);
  });

  it('skips a stored topic that the query language now refuses, and still sends the digest', async () => {
    const topic = (query: string) => ({ query, canonical: query, addedBy: 'ada', addedAt: '' });
    await channels.update(CHANNEL, (s) => ({ ...s, topics: [topic('authors:dong'), topic('(video'), topic('video')] }));
    const { post } = await digestOn('2025-06-10');
    const lead = post!.papers.filter((p) => p.topic);
    expect(lead.length).toBeGreaterThan(0);
    expect(lead.every((p) => p.topic === 'video')).toBe(true);
  });

  it('never repeats a paper across consecutive days, and each digest covers the days since the last', async () => {
    const seen: string[] = [];
    for (const day of ['2025-06-05', '2025-06-06', '2025-06-09', '2025-06-10', '2025-06-11']) {
      const { post } = await digestOn(day);
      expect(post!.papers.every((p) => p.paper.dailyDate! <= day)).toBe(true);
      seen.push(...(ids(post) as string[]));
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('rolls a gap (weekend, holiday, skipped day) into the next digest', async () => {
    await digestOn('2025-06-09');
    await channels.update(CHANNEL, (s) => ({ ...s, size: 20 }));
    const { post } = await digestOn('2025-06-11');
    expect(post!.heading).toBe('Daily Papers digest, 2025-06-10 to 2025-06-11');
    const days = new Set(post!.papers.map((p) => p.paper.dailyDate));
    expect(days).toEqual(new Set(['2025-06-10', '2025-06-11']));
    expect(post!.papers[0]!.paper.upvotes).toBe(97);
  });

  it('sends a paper added to a day after its digest in the next digest', async () => {
    await digestOn('2025-06-10');
    const late = { ...archive.papersOn('2025-06-10')[0]!, id: '2506.99999', title: 'A Late Addition', upvotes: 500 };
    await archive.importPapers([late]);
    const { post } = await digestOn('2025-06-11');
    expect(ids(post)).toContain('2506.99999');
    // what the first digest passed over is not offered again
    const passedOver = archive.papersOn('2025-06-10').filter((p) => p.id !== '2506.99999').slice(5);
    for (const paper of passedOver) expect(ids(post)).not.toContain(paper.id);
  });

  it('honours size and minimum upvotes', async () => {
    await channels.update(CHANNEL, (s) => ({ ...s, size: 3, minUpvotes: 30 }));
    const { post } = await digestOn('2025-06-10');
    expect(post!.papers.map((p) => p.paper.upvotes)).toEqual([97, 44, 39]);
    await channels.update(CHANNEL, (s) => ({ ...s, size: 20, minUpvotes: 1000 }));
    expect((await digestOn('2025-06-11')).result).toBe('empty');
  });

  it('does not post an empty digest', async () => {
    await digestOn('2025-06-11');
    const again = await digestOn('2025-06-11T09:00:00Z'.slice(0, 10));
    expect(again.result).toBe('already-done');
    clock = new Date('2025-06-11T10:00:00Z');
    // 10:00 is no slot of this channel's schedule: nothing is composed for it.
    expect(await runDigest(CHANNEL, clock, deps)).toBe('skipped');
    await channels.update(CHANNEL, (s) => ({ ...s, schedule: { ...s.schedule, time: '10:00' } }));
    expect(await runDigest(CHANNEL, clock, deps)).toBe('empty');
    expect(target.posts).toHaveLength(1);
  });

  it('is read-only when only composed', async () => {
    const state = await channels.get(CHANNEL);
    const history = await channels.history(CHANNEL);
    const digest = composeDigest(state, history, archive, new Date('2025-06-10T09:00:00Z'));
    expect(digest.papers).toHaveLength(5);
    expect(await channels.get(CHANNEL)).toEqual(state);
    expect(await channels.history(CHANNEL)).toEqual(history);
  });
});
