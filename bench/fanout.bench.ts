/**
 * Fan-out of one slot to 1,000 Slack channels through a fake Slack that allows one message a second
 * per channel and answers 429 (Retry-After) past a workspace limit in any rolling second; with 1 and
 * with 2 replicas on the real Redis. Run: npm run bench:fanout
 *
 * The channels' slot is the first whole minute at least BENCH_LEAD_S (35) away, so the replicas are
 * up and fire it from their clock as in production (a catch-up at start would have each replica's
 * first minute tick re-time the 1,000 channels in the middle of the fan-out, a ~2 s stall).
 * BENCH_CONCURRENCY, BENCH_MARGIN_MS, BENCH_BOT_RATE and BENCH_REPLICAS (1,2) set the bot's side.
 * BENCH_TRACE=1 also loads bench/fanout-trace.mjs into the replicas and prints, from the posts that
 * arrived, how late each left after its turn and how long it took to arrive.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ChannelStore } from '../src/channels/channel-store.js';
import { silentLogger } from '../src/log.js';
import { createStore } from '../src/store.js';
import { startFakeSlack, type SlackCall } from '../test/fakes/fake-slack.js';
import { startReplica } from '../test/helpers/replicas.js';
import { REDIS_URL } from '../test/helpers/services.js';

const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 1_000);
const LIMIT = Number(process.env.BENCH_WORKSPACE_RATE ?? 50); // messages per rolling second
// What the bot is told: the limit itself (the pacer keeps its own margin, in ms).
const BOT_RATE = process.env.BENCH_BOT_RATE ?? String(LIMIT);
// A job waiting for its turn holds a worker: enough of them to have a burst's posts ready at once.
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '64';
const MARGIN_MS = process.env.BENCH_MARGIN_MS; // SLACK_PACE_MARGIN_MS, the bot's default (50) unless set
const REPLICAS = (process.env.BENCH_REPLICAS ?? '1,2').split(',').map(Number);
// The replicas need ~15 s to load the archive and the 1,000 channels' timetable before the slot.
const LEAD_MS = Number(process.env.BENCH_LEAD_S ?? 35) * 1_000;
const TRACE = process.env.BENCH_TRACE ? fileURLToPath(new URL('./fanout-trace.mjs', import.meta.url)) : undefined;

/** `count` Slack channels whose daily slot is the first whole minute at least LEAD_MS away, set now (no catch-up). */
async function seedChannels(prefix: string, count: number): Promise<Date> {
  const slot = new Date(Math.ceil((Date.now() + LEAD_MS) / 60_000) * 60_000);
  const time = `${String(slot.getUTCHours()).padStart(2, '0')}:${String(slot.getUTCMinutes()).padStart(2, '0')}`;
  const store = createStore(REDIS_URL, silentLogger, { prefix: `${prefix}.` });
  const channels = new ChannelStore(store, silentLogger);
  const setAt = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    await channels.update(`slack:T1:C${String(i).padStart(4, '0')}`, (s) => ({
      ...s,
      size: 3,
      schedule: { enabled: true, time, timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6] },
      scheduleSetAt: setAt,
    }));
  }
  await store.close();
  return slot;
}

interface Traced {
  grant: number;
  sent: number;
  arrived: number;
}

async function run(replicas: number) {
  const fake = await startFakeSlack();
  const accepted: number[] = [];
  const lastByChannel = new Map<string, number>();
  const traced: Traced[] = [];
  let limited = 0;
  fake.on('chat.postMessage', (call: SlackCall) => {
    const now = Date.now();
    const channel = String(call.params.channel);
    let recent = 0;
    for (let i = accepted.length - 1; i >= 0 && now - accepted[i]! < 1_000; i--) recent++;
    const last = lastByChannel.get(channel);
    if (recent >= LIMIT || (last !== undefined && now - last < 1_000)) {
      limited++;
      return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
    }
    accepted.push(now);
    lastByChannel.set(channel, now);
    if (call.params._bench_grant) traced.push({ grant: Number(call.params._bench_grant), sent: Number(call.params._bench_sent), arrived: now });
    return undefined;
  });
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const slot = await seedChannels(prefix, CHANNELS);
  const env: Record<string, string> = {
    STORE_PREFIX: prefix,
    SLACK_API_URL: fake.apiUrl,
    DIGEST_CONCURRENCY: CONCURRENCY,
    SLACK_WORKSPACE_RATE: BOT_RATE,
    ...(MARGIN_MS ? { SLACK_PACE_MARGIN_MS: MARGIN_MS } : {}),
    ...(TRACE ? { NODE_OPTIONS: `--import ${TRACE}` } : {}),
  };
  const children = await Promise.all(Array.from({ length: replicas }, () => startReplica(env)));
  const deadline = Date.now() + LEAD_MS + 10 * 60_000;
  while (lastByChannel.size < CHANNELS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  // Let any late duplicate show up before counting.
  await new Promise((r) => setTimeout(r, 3_000));
  for (const child of children) child.child.kill('SIGTERM');
  await Promise.all(children.map((c) => c.exited));
  await fake.close();
  const first = Math.min(...accepted);
  const last = Math.max(...accepted);
  return {
    replicas,
    distinct: lastByChannel.size,
    duplicated: accepted.length - lastByChannel.size,
    lost: CHANNELS - lastByChannel.size,
    limited,
    seconds: (last - first) / 1000,
    floor: (CHANNELS - LIMIT) / LIMIT, // the first second's burst is free
    slotToLast: (last - slot.getTime()) / 1000,
    profile: profile(accepted),
    trace: traced.length > 0 ? trace(traced) : undefined,
  };
}

/**
 * Where the time goes, from the posts Slack took. First to last = the spread of the first `LIMIT`
 * posts + the steps from each post to the one `LIMIT` later along the chain that ends at the last
 * post (one window each at best). The smallest such step anywhere, less the window, is the headroom
 * the busiest rolling second kept (a post arriving past it is a 429).
 */
function profile(times: number[]) {
  const t = [...times].sort((a, b) => a - b);
  const steps: number[] = [];
  for (let k = t.length - 1; k - LIMIT >= 0; k -= LIMIT) steps.push(t[k]! - t[k - LIMIT]!);
  const chainStart = t.length - 1 - steps.length * LIMIT;
  let busiest = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= 1_000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  return {
    firstSpread: t[chainStart]! - t[0]!,
    steps: steps.length,
    stepMean: steps.reduce((a, b) => a + b, 0) / Math.max(1, steps.length),
    headroom: Math.min(...t.slice(LIMIT).map((x, i) => x - t[i]!)) - 1_000,
    busiest,
  };
}

function trace(traced: Traced[]) {
  const q = (xs: number[]) => {
    const v = [...xs].sort((a, b) => a - b);
    return [0.5, 0.9, 0.99, 1].map((p) => v[Math.min(v.length - 1, Math.floor(p * v.length))]).join(' / ');
  };
  return { late: q(traced.map((x) => x.sent - x.grant)), transit: q(traced.map((x) => x.arrived - x.sent)), total: q(traced.map((x) => x.arrived - x.grant)) };
}

const rows = [];
for (const replicas of REPLICAS) rows.push(await run(replicas));
console.log(`${CHANNELS} channels in one slot, workspace limit ${LIMIT} messages in any rolling second, 1 a second per channel; SLACK_WORKSPACE_RATE=${BOT_RATE}, DIGEST_CONCURRENCY=${CONCURRENCY}${MARGIN_MS ? `, SLACK_PACE_MARGIN_MS=${MARGIN_MS}` : ''}\n`);
console.log('| replicas | delivered | duplicated | lost | 429s answered | first to last post | floor | ratio | slot to last post |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.replicas} | ${r.distinct} | ${r.duplicated} | ${r.lost} | ${r.limited} | ${r.seconds.toFixed(2)} s | ${r.floor.toFixed(1)} s | ${(r.seconds / r.floor).toFixed(3)}× | ${r.slotToLast.toFixed(2)} s |`);
}
console.log(`\n| replicas | first ${LIMIT} posts' spread | steps of ${LIMIT} posts (mean) | headroom of the busiest second | most in a rolling second |`);
console.log('|---|---|---|---|---|');
for (const { replicas, profile: p } of rows) {
  console.log(`| ${replicas} | ${p.firstSpread} ms | ${p.steps} × ${p.stepMean.toFixed(1)} ms | ${p.headroom} ms | ${p.busiest} |`);
}
if (rows.some((r) => r.trace)) {
  console.log('\n| replicas | turn → sent, ms (p50 / p90 / p99 / max) | sent → arrived | turn → arrived |');
  console.log('|---|---|---|---|');
  for (const { replicas, trace: t } of rows) if (t) console.log(`| ${replicas} | ${t.late} | ${t.transit} | ${t.total} |`);
}
