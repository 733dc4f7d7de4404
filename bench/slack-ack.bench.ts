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
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'slack-bot-process.ts')], {
  cwd: root,
  env: { ...process.env, STORE_URL: 'memory://', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, HF_API_URL: 'http://127.0.0.1:1', BENCH_DATA: join(root, 'test', 'fixtures', 'hf') },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
const url = `http://127.0.0.1:${port}/slack/events`;

const latencies: number[] = [];
let acked = 0;
const started = performance.now();
await pMap(
  Array.from({ length: COMMANDS }, (_, i) => i),
  async (i) => {
    const { status, ms } = await postSigned(url, SECRET, {
      team_id: 'T1', channel_id: `C${i % 40}`, user_id: `U${i % 500}`, user_name: 'bench', command: '/papers', text: texts[i % texts.length]!, response_url: fake.responseUrl(`b${i}`),
    });
    if (status === 200) acked++;
    latencies.push(ms);
  },
  { concurrency: IN_FLIGHT },
);
const wall = performance.now() - started;
while (new Set(fake.responses.map((r) => r.id)).size < COMMANDS && performance.now() - started < 120_000) await new Promise((r) => setTimeout(r, 50));
latencies.sort((a, b) => a - b);
console.log('| commands | in flight | acked | answered | ack p50 | ack p99 | max | throughput |');
console.log('|---|---|---|---|---|---|---|---|');
console.log(
  `| ${COMMANDS} | ${IN_FLIGHT} | ${acked} | ${new Set(fake.responses.map((r) => r.id)).size} | ${percentile(latencies, 50).toFixed(1)} ms | ${percentile(latencies, 99).toFixed(1)} ms | ${latencies.at(-1)!.toFixed(1)} ms | ${(COMMANDS / (wall / 1000)).toFixed(0)}/s |`,
);
child.kill('SIGTERM');
await fake.close();
