/**
 * 2,000 signed slash commands, 50 in flight, against the Bolt app (HTTP mode) running in its own
 * process; a fake Slack on 127.0.0.1 in this process takes the response_url answers.
 * Run: npm run bench:slack
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pMap from 'p-map';
import { postSigned, startFakeSlack } from '../test/fakes/fake-slack.js';
import { percentile } from './bench-data.js';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 2_000);
const IN_FLIGHT = 50;
const SECRET = 'bench-signing-secret';
const texts = ['search diffusion', 'search "video generation"', 'today 5', 'search author:wang', 'week 3', 'search reasoning -survey', 'help'];

const fake = await startFakeSlack();
const root = join(import.meta.dirname, '..');
const env = { ...process.env, STORE_URL: 'memory://', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, HF_API_URL: 'http://127.0.0.1:1', BENCH_DATA: join(root, 'test', 'fixtures', 'hf'), COMMAND_RATE_PER_USER: '0', COMMAND_RATE_PER_CHANNEL: '0', COMMAND_RATE_PER_MEMBER: '0' };

/** Starts one of the two servers in its own process; resolves to its port and a way to stop it. */
async function serve(script: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', script)], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

let round = 0;
/** The same load against either server: acks measured here, answers counted at the fake's response_url. */
async function load(name: string, script: string, answers: boolean) {
  const server = await serve(script);
  const tag = `${++round}-`;
  const latencies: number[] = [];
  let acked = 0;
  const started = performance.now();
  await pMap(
    Array.from({ length: COMMANDS }, (_, i) => i),
    async (i) => {
      const { status, ms } = await postSigned(server.url, SECRET, {
        team_id: 'T1', channel_id: `C${i % 40}`, user_id: `U${i % 500}`, user_name: 'bench', command: '/papers', text: texts[i % texts.length]!,
        response_url: fake.responseUrl(`${tag}${i}`), trigger_id: `${tag}${i}.trigger`,
      });
      if (status === 200) acked++;
      latencies.push(ms);
    },
    { concurrency: IN_FLIGHT },
  );
  const wall = performance.now() - started;
  const answered = () => new Set(fake.responses.filter((r) => r.id.startsWith(tag)).map((r) => r.id)).size;
  while (answers && answered() < COMMANDS && performance.now() - started < 120_000) await new Promise((r) => setTimeout(r, 50));
  await server.stop();
  latencies.sort((a, b) => a - b);
  return { name, acked, answered: answers ? String(answered()) : '(none)', p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1)!, throughput: COMMANDS / (wall / 1000) };
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const rows: Awaited<ReturnType<typeof load>>[] = [];
// Alternated (which goes first alternates too), so that both see the same machine.
for (let r = 0; r < ROUNDS; r++) {
  const pair = [
    () => load('bare Bolt (acks, nothing else)', 'bare-bolt-process.ts', false),
    () => load('papers-bot', 'slack-bot-process.ts', true),
  ];
  for (const run of r % 2 === 0 ? pair : pair.reverse()) rows.push(await run());
}
console.log('| server | commands | in flight | acked | answered | ack p50 | ack p99 | max | throughput |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(`| ${row.name} | ${COMMANDS} | ${IN_FLIGHT} | ${row.acked} | ${row.answered} | ${row.p50.toFixed(1)} ms | ${row.p99.toFixed(1)} ms | ${row.max.toFixed(1)} ms | ${row.throughput.toFixed(0)}/s |`);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const of = (name: string, key: 'p99' | 'throughput') => median(rows.filter((r) => (r.name === 'papers-bot') === (name === 'bot')).map((r) => r[key]));
console.log(
  `\nmedians of ${ROUNDS} rounds: ack p99 ${of('bot', 'p99').toFixed(1)} ms (bot) vs ${of('bare', 'p99').toFixed(1)} ms (bare Bolt), ratio ${(of('bot', 'p99') / of('bare', 'p99')).toFixed(2)} (aim ≤ 1.2); ` +
    `throughput ${of('bot', 'throughput').toFixed(0)}/s vs ${of('bare', 'throughput').toFixed(0)}/s, ratio ${(of('bot', 'throughput') / of('bare', 'throughput')).toFixed(2)} (aim ≥ 0.8)`,
);
await fake.close();
