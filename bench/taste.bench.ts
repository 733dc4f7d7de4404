/**
 * composeDigest with the channel's taste off (the baseline: today's ranking) and on with 50 and
 * 200 liked papers, on the real Daily Papers days: a first digest (one day of papers) and a digest
 * after two weeks away (every paper of those days eligible); figures per call. Calls of each mode alternate within
 * rounds, so machine noise falls on all alike. Run: node --import tsx bench/taste.bench.ts
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { defaultChannelState, type ChannelState } from '../src/channels/channel-state.js';
import { emptyHistory, type DigestHistory } from '../src/channels/digest-history.js';
import { composeDigest } from '../src/digest/compose-digest.js';
import type { PaperLikes } from '../src/likes/channel-likes.js';
import { silentLogger } from '../src/log.js';
import { PaperArchive } from '../src/papers/archive.js';
import { addDays } from '../src/papers/days.js';
import { loadPaperFiles } from '../src/papers/files.js';
import { parseQuery } from '../src/search/query.js';
import { searchPapers } from '../src/search/search-papers.js';
import { createStore } from '../src/store.js';
import { percentile, seeded } from './bench-data.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const CALLS = Number(process.env.BENCH_CALLS ?? 100);

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared', 'fixtures', 'hf');
const source = existsSync(SHARED) ? SHARED : join(ROOT, 'test', 'fixtures', 'hf');
const archive = new PaperArchive(createStore('memory://', silentLogger).namespace('papers'), { refreshRecentDays: 3, refreshAfterMs: 3_600_000, logger: silentLogger });
const loaded = await loadPaperFiles([source]);
await archive.importPapers(loaded.papers);
// The newest day of a usual size (the last days of a year are small).
const day = archive.dates().filter((date) => archive.papersOn(date).length >= 30).at(-1) ?? archive.latestDate()!;
const at = new Date(`${day}T09:00:00Z`);
console.log(`${archive.index.size} papers, ${archive.dates().length} days from ${source}; digest of ${day}; load average ${loadavg()[0]!.toFixed(1)}\n`);

/** `count` papers liked over the 90 days before the digest: a channel of two subjects and some strays. */
function likesOf(count: number): PaperLikes[] {
  const random = seeded(17);
  const from = addDays(day, -90);
  const inWindow = (key: string) => {
    const paper = archive.index.get(key);
    return !!paper?.dailyDate && paper.dailyDate >= from && paper.dailyDate < day;
  };
  const subject = (text: string) => searchPapers(archive.index, parseQuery(text), { limit: count, filter: inWindow }).hits.map((hit) => hit.id!);
  const strays = archive.papersBetween(from, addDays(day, -1)).map((paper) => paper.id!);
  const ids = new Set<string>();
  const pools = [subject('video generation'), subject('reinforcement learning reasoning'), strays];
  while (ids.size < count) {
    const pool = pools[ids.size % 5 < 2 ? 0 : ids.size % 5 < 4 ? 1 : 2]!;
    ids.add(pool[Math.floor(random() * pool.length)]!);
  }
  return [...ids].map((paperId) => ({ paperId, likers: [{ id: 'U1', name: 'ada', at: new Date(at.getTime() - random() * 90 * 86_400_000).toISOString() }] }));
}

const away: DigestHistory = { ...emptyHistory(), lastDigest: { slot: `${addDays(day, -14)}T09:00:00.000Z`, throughDay: addDays(day, -14), sinceDay: addDays(day, -60) } };
const scenarios: { name: string; history: DigestHistory }[] = [
  { name: 'two weeks away', history: away },
  { name: 'first digest', history: emptyHistory() },
];
const base = defaultChannelState('bench:T1:C1');
const modes: { name: string; state: ChannelState; likes: PaperLikes[] }[] = [
  { name: 'taste off, 50 likes', state: { ...base, taste: 'off' }, likes: likesOf(50) },
  { name: 'taste on, 50 likes', state: { ...base, taste: 'on' }, likes: likesOf(50) },
  { name: 'taste on, 200 likes', state: { ...base, taste: 'on' }, likes: likesOf(200) },
];

console.log('| scenario | eligible | mode | first call | p50 | p99 | p50 ÷ off |\n|---|---|---|---|---|---|---|');
for (const { name, history } of scenarios) {
  const eligible = composeDigest(modes[0]!.state, history, archive, at).considered.length;
  // The first call with taste on makes the term vectors of the day's papers, then reused by every channel.
  const first = modes.map(({ state, likes }) => time(() => composeDigest(state, history, archive, at, likes)));
  const times = modes.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, { state, likes }] of modes.entries()) for (let call = 0; call < CALLS; call++) times[i]!.push(time(() => composeDigest(state, history, archive, at, likes)));
  }
  const p50s = times.map((list) => percentile(list.sort((a, b) => a - b), 50));
  for (const [i, mode] of modes.entries()) {
    const list = times[i]!;
    console.log(`| ${name} | ${eligible} | ${mode.name} | ${first[i]!.toFixed(2)} ms | ${p50s[i]!.toFixed(3)} ms | ${percentile(list, 99).toFixed(3)} ms | ${(p50s[i]! / p50s[0]!).toFixed(2)}× |`);
  }
}

function time(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}
