import { describe, expect, it } from 'vitest';
import { renderDiscordMessages } from '../../adapters/discord/render-embeds.js';
import { renderSlackMessages } from '../../adapters/slack/render-blocks.js';
import { renderText } from '../../adapters/terminal/render-text.js';
import { ChannelStore } from '../../src/channels/channel-store.js';
import type { Reply } from '../../src/commands/reply.js';
import { runDigest } from '../../src/digest/run-digest.js';
import { silentLogger } from '../../src/log.js';
import type { PaperSource } from '../../src/papers/archive.js';
import { fixtureArchive } from '../helpers/archive.js';
import { fixturePath } from '../helpers/fixtures.js';
import { RecordingTarget } from '../helpers/recording-target.js';

const CHANNEL = 'slack:T1:C1';
const down: PaperSource = { fetchDay: () => Promise.reject(new Error('503 from Hugging Face')) };
const upButEmpty: PaperSource = { fetchDay: async () => ({ papers: [], skipped: 0 }) };

/** The digest a channel gets at the slot `at`, after the archive's refresh from `source`; the newest fixture day is 2025-06-11. */
async function digestAt(at: string, source?: PaperSource): Promise<Reply> {
  const slot = new Date(at);
  const { archive, store } = await fixtureArchive({ files: [fixturePath('hf/daily')], source, now: () => slot });
  if (source) await archive.refreshRecent();
  const channels = new ChannelStore(store, silentLogger);
  await channels.update(CHANNEL, (s) => ({ ...s, schedule: { ...s.schedule, days: [0, 1, 2, 3, 4, 5, 6] }, scheduleSetAt: '2025-06-01T00:00:00Z' }));
  const target = new RecordingTarget();
  const deps = { archive, channels, deliveries: store.namespace('deliveries'), target, logger: silentLogger, commandName: '/papers', now: () => slot, backoffMs: 1 };
  expect(await runDigest(CHANNEL, slot, deps)).toBe('sent');
  return target.posts[0]!.reply;
}

describe('a digest says when its newest papers are more than two days older than its slot', () => {
  it.each([
    ['2025-06-14T09:00:00Z', 'offline files', 'Newest papers are from 2025-06-11 (offline data).', undefined],
    ['2025-06-14T09:00:00Z', 'Hugging Face down', 'Newest papers are from 2025-06-11; the bot cannot reach Hugging Face.', down],
    // A Monday digest after a quiet weekend: Hugging Face answered, nothing is missing.
    ['2025-06-16T09:00:00Z', 'Hugging Face with nothing newer', undefined, upButEmpty],
    ['2025-06-13T09:00:00Z', 'Hugging Face down', undefined, down],
    ['2025-06-11T09:00:00Z', 'offline files', undefined, undefined],
  ])('slot %s with %s → %s', async (at, _label, notice, source) => {
    const reply = await digestAt(at, source);
    expect(reply.heading).toBe('Daily Papers digest, 2025-06-11');
    expect(reply.notice).toBe(notice);
  });

  const RENDERED: [string, (reply: Reply) => string][] = [
    ['terminal', (reply) => renderText(reply, '/papers').split('\n').slice(0, 2).join('\n')],
    ['Slack', (reply) => (renderSlackMessages(reply)[0]!.blocks[0]!.text as { text: string }).text],
    ['Discord', (reply) => renderDiscordMessages(reply)[0]!.content!.split('\n').slice(0, 2).join('\n')],
  ];
  const EXPECTED: Record<string, string> = {
    terminal: 'Daily Papers digest, 2025-06-11\n⚠ Newest papers are from 2025-06-11; the bot cannot reach Hugging Face.',
    Slack: '*Daily Papers digest, 2025-06-11*\n:warning: Newest papers are from 2025-06-11; the bot cannot reach Hugging Face.',
    Discord: '**Daily Papers digest, 2025-06-11**\n⚠️ Newest papers are from 2025-06-11; the bot cannot reach Hugging Face.',
  };

  it.each(RENDERED)('%s shows the notice right under the heading, and nothing when the papers are fresh', async (platform, render) => {
    expect(render(await digestAt('2025-06-15T09:00:00Z', down))).toBe(EXPECTED[platform]);
    expect(render(await digestAt('2025-06-12T09:00:00Z', down))).not.toContain('Newest papers');
  });
});
