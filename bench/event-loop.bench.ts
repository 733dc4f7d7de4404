/**
 * Event-loop delay while the bot answers a steady stream of commands and refreshes the recent days
 * every few seconds, at 50,000 papers (BENCH_PAPERS to change), on the embedded SQLite default
 * with its stored index. A fake Hugging Face (in this process, so its small work counts against
 * the bot) serves each recent day with more votes every round, a few papers whose abstract was
 * revised, and new papers, so replacing, purging and packing all happen while commands run.
 * Phase 1: commands only (the baseline); phase 2: commands and refreshes. See bench/README.md.
 * Run: npm run bench:event-loop
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../config/config.js';
import { renderText } from '../adapters/terminal/render-text.js';
import { ChannelStore } from '../src/channels/channel-store.js';
import { runCommand } from '../src/commands/run-command.js';
import { createCore } from '../src/core.js';
import { silentLogger } from '../src/log.js';
import { PaperArchive } from '../src/papers/archive.js';
import { addDays } from '../src/papers/days.js';
import { createStore } from '../src/store.js';
import { pageOf, sendJson, startFakeHf } from '../test/helpers/fake-hf.js';
import { mixedQueries, padTo, realPapers } from './bench-data.js';

const PAPERS = Number(process.env.BENCH_PAPERS ?? 50_000);
const PHASE_MS = Number(process.env.BENCH_SECONDS ?? 60) * 1000;
const COMMAND_EVERY_MS = 20;
const REFRESH_EVERY_MS = 3_000;

const { papers: real } = await realPapers();
const dir = mkdtempSync(join(tmpdir(), 'papers-bot-event-loop-'));
const storeUrl = `sqlite://${join(dir, 'bot.sqlite')}`;
{
  const store = createStore(storeUrl, silentLogger, { prefix: 'papers-bot.' });
  const archive = new PaperArchive(store.namespace('papers'), { refreshRecentDays: 0, refreshAfterMs: 1, logger: silentLogger, revisions: store.namespace('papers-revisions') });
  await archive.importPapers(padTo(real, PAPERS));
  await store.close();
}

// One real day of API items, served for every date with the round's changes.
const dayItems = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'hf', 'daily', '2025-06-10.json'), 'utf8')) as { paper: Record<string, unknown> }[];
let round = 0;
const hf = await startFakeHf((url, _request, response) => {
  const date = url.searchParams.get('date') ?? '';
  const items = dayItems.map((item, i) => ({
    ...item,
    paper: {
      ...item.paper,
      upvotes: Number(item.paper.upvotes) + round,
      summary: i < 3 ? `${String(item.paper.summary)} Revised in round ${round}.` : item.paper.summary,
      submittedOnDailyAt: `${date}T08:00:00.000Z`,
    },
  }));
  // New papers every round, as a busy day brings them.
  for (let i = 0; i < 40; i++) {
    const source = dayItems[i % dayItems.length]!;
    items.push({ ...source, paper: { ...source.paper, id: `9${String(round).padStart(3, '0')}.${date.replaceAll('-', '').slice(2)}${String(i).padStart(2, '0')}`, title: `${String(source.paper.title)} (round ${round}, ${i})`, submittedOnDailyAt: `${date}T08:00:00.000Z` } });
  }
  sendJson(response, 200, pageOf(items, url));
});

const start = performance.now();
const config = loadConfig({ STORE_URL: storeUrl, HF_API_URL: hf.baseUrl, REFRESH_RECENT_DAYS: '7', REFRESH_AFTER_MINUTES: '1' });
const lastDay = (await (async () => {
  const core = await createCore(config, silentLogger, { online: false });
  const date = core.archive.dates().at(-1)!;
  await core.close(); // writes the stored index the measured start reads
  return date;
})());
let now = new Date(`${addDays(lastDay, 1)}T09:00:00Z`);
const core = await createCore(config, silentLogger, { now: () => now });
console.log(`ready at ${core.archive.index.size} papers (${((performance.now() - start) / 1000).toFixed(1)} s with seeding's stored index)`);

const channels = new ChannelStore(core.store, silentLogger);
const deps = { archive: core.archive, channels, commandName: '/papers', logger: silentLogger };
const queries = mixedQueries(real, 200).map((q) => `search ${q.text}`);
let commands = 0;
async function commandStream(until: number): Promise<void> {
  while (performance.now() < until) {
    const text = commands % 10 === 9 ? 'today' : queries[commands % queries.length]!;
    const reply = await runCommand(text, { channel: 'terminal:bench', user: { id: 'U1', name: 'bench' }, canManage: true, managePermission: 'Manage Channels', now }, deps);
    renderText(reply, '/papers');
    commands++;
    await sleep(COMMAND_EVERY_MS);
  }
}
let refreshes = 0;
let daysRefreshed = 0;
async function refreshStream(until: number): Promise<void> {
  while (performance.now() < until) {
    round++;
    now = new Date(now.getTime() + 2 * 60_000);
    const { refreshed } = await core.archive.refreshRecent();
    daysRefreshed += refreshed.length;
    refreshes++;
    await sleep(REFRESH_EVERY_MS);
  }
}

async function phase(name: string, withRefresh: boolean) {
  commands = 0;
  refreshes = 0;
  daysRefreshed = 0;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const until = performance.now() + PHASE_MS;
  await Promise.all([commandStream(until), withRefresh ? refreshStream(until) : undefined]);
  delay.disable();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  const rss = (process.memoryUsage().rss / 1e6).toFixed(0);
  console.log(`| ${name} | ${commands} | ${refreshes} (${daysRefreshed} days) | ${ms(delay.percentile(50))} | ${ms(delay.percentile(99))} | ${ms(delay.max)} | ${core.archive.index.size} | ${rss} MB |`);
}

console.log('\n| phase | commands | refreshes | p50 delay (ms) | p99 delay (ms) | max delay (ms) | papers after | RSS |\n|---|---|---|---|---|---|---|---|');
await phase('commands only', false);
await phase('commands + refreshes every 3 s', true);
await core.close();
await hf.close();
