/**
 * Event-loop delay while the bot answers a steady stream of commands and refreshes the recent days
 * every few seconds, at 50,000 papers (BENCH_PAPERS to change), on the embedded SQLite default
 * with its stored index. A fake Hugging Face (in this process, so its small work counts against
 * the bot) serves each recent day with more votes every round, a few papers whose abstract was
 * revised, and new papers on the latest day; phase 3 adds a backfill of 5,000 papers, so replacing,
 * purging and packing in steps all happen while commands run. Phase 1 (commands only) is the
 * baseline. See bench/README.md.
 * Run: npm run bench:event-loop
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../config/config.js';
import { renderText } from '../adapters/terminal/render-text.js';
import { ChannelStore } from '../src/channels/channel-store.js';
import { ChannelLikes } from '../src/likes/channel-likes.js';
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

// One real day of API items, served for every date with the round's changes: more votes, two
// abstracts revised; the latest day also gains five new papers a round, as a live day does.
const dayItems = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'hf', 'daily', '2025-06-10.json'), 'utf8')) as { paper: Record<string, unknown> }[];
let round = 0;
let today = '';
const hf = await startFakeHf((url, _request, response) => {
  const date = url.searchParams.get('date') ?? '';
  const items: { paper: Record<string, unknown> }[] = dayItems.map((item, i) => ({
    ...item,
    paper: {
      ...item.paper,
      upvotes: Number(item.paper.upvotes) + round,
      summary: i < 2 ? `${String(item.paper.summary)} Revised in round ${round}.` : item.paper.summary,
      submittedOnDailyAt: `${date}T08:00:00.000Z`,
    },
  }));
  for (let i = 0; date === today && i < Math.min(5 * round, 60); i++) {
    const source = dayItems[i % dayItems.length]!;
    items.push({ ...source, paper: { ...source.paper, id: `9999.${String(i).padStart(5, '0')}`, title: `${String(source.paper.title)} (new ${i})`, submittedOnDailyAt: `${date}T08:00:00.000Z` } });
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
today = addDays(lastDay, 1);
const core = await createCore(config, silentLogger, { now: () => now });
console.log(`ready at ${core.archive.index.size} papers (${((performance.now() - start) / 1000).toFixed(1)} s with seeding's stored index)`);

const channels = new ChannelStore(core.store, silentLogger);
const deps = { archive: core.archive, channels, likes: new ChannelLikes(core.store), commandName: '/papers', logger: silentLogger };
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

/** A month of papers imported while commands run (a backfill), enough to make the index pack in steps. */
const month = padTo(real, PAPERS + 5_000).slice(PAPERS).map((paper, i) => ({ ...paper, id: `8${paper.id}-${i}` }));
async function backfill(): Promise<void> {
  await core.archive.importPapers(month);
}

/** The longest garbage-collection pause in a phase, to tell the collector's pauses from the bot's own work. */
let longestGc = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
}).observe({ entryTypes: ['gc'] });

async function phase(name: string, work: (until: number) => Promise<void>) {
  longestGc = 0;
  commands = 0;
  refreshes = 0;
  daysRefreshed = 0;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const until = performance.now() + PHASE_MS;
  await Promise.all([commandStream(until), work(until)]);
  delay.disable();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(`| ${name} | ${commands} | ${refreshes} (${daysRefreshed} days) | ${ms(delay.percentile(50))} | ${ms(delay.percentile(99))} | ${ms(delay.max)} | ${longestGc.toFixed(1)} | ${core.archive.index.size} |`);
}

console.log('\n| phase | commands | refreshes | p50 delay (ms) | p99 delay (ms) | max delay (ms) | longest GC pause (ms) | papers after |\n|---|---|---|---|---|---|---|---|');
await phase('commands only', async () => undefined);
await phase('commands + refreshes every 3 s', refreshStream);
await phase('commands + refreshes + a 5,000-paper backfill', async (until) => {
  await Promise.all([refreshStream(until), backfill()]);
});
await core.close();
await hf.close();
