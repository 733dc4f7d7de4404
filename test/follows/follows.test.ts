import { mkdtempSync } from 'node:fs';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { isEnrolled } from '../../src/channels/channel-state.js';
import type { CommandContext } from '../../src/commands/command-context.js';
import type { Reply } from '../../src/commands/reply.js';
import { runCommand } from '../../src/commands/run-command.js';
import { runDigest } from '../../src/digest/run-digest.js';
import { silentLogger } from '../../src/log.js';
import { createStore, type Store } from '../../src/store.js';
import { renderText } from '../../adapters/terminal/render-text.js';
import { fixtureArchive } from '../helpers/archive.js';
import { fixturePath } from '../helpers/fixtures.js';
import { RecordingTarget } from '../helpers/recording-target.js';

const CHANNEL = 'terminal:test';
/** Monday 2025-06-09: "3DFlowAction: … 3D Flow World Model" (2 upvotes) is far below the day's top five. */
const SLOT = new Date('2025-06-09T09:00:00Z');
const WORLD_MODEL_PAPER = '2506.06199';
const ADA = { id: 'U1', name: 'ada' };
const BOB = { id: 'U2', name: 'bob' };

class NotifyingTarget extends RecordingTarget {
  readonly dms: { channel: string; memberId: string; notice: Reply }[] = [];
  async notifyMember(channel: string, memberId: string, notice: Reply): Promise<boolean> {
    this.dms.push({ channel, memberId, notice });
    return true;
  }
}

const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

async function setup(store?: Store) {
  const fixture = await fixtureArchive({ files: [fixturePath('hf/daily')], now: () => SLOT });
  const kept = store ?? fixture.store;
  const channels = new ChannelStore(kept, silentLogger);
  const deps = { archive: fixture.archive, channels, likes: new ChannelLikes(kept), commandName: '/papers', logger: silentLogger };
  const target = new NotifyingTarget();
  const send = (text: string, user = ADA, canManage = false) => {
    const ctx: CommandContext = { channel: CHANNEL, user, canManage, managePermission: 'Manage Channels', now: SLOT };
    return runCommand(text, ctx, deps);
  };
  const digest = () => runDigest(CHANNEL, SLOT, { ...deps, deliveries: kept.namespace('deliveries'), target, now: () => SLOT, backoffMs: 1 });
  return { channels, send, digest, target };
}

describe('personal follows', () => {
  it('a member without the manage permission follows, privately, but still cannot subscribe the channel', async () => {
    const { send, channels } = await setup();
    const followed = await send('follow "world model"');
    expect(followed).toMatchObject({ kind: 'info', visibility: 'ephemeral', heading: 'You follow `"world model"` in this channel' });
    const subscribed = await send('subscribe "world model"');
    expect(subscribed.heading).toBe("Changing this channel's topics needs the Manage Channels permission, which you do not have here.");
    const state = await channels.get(CHANNEL);
    expect(state.topics).toEqual([]);
    expect(state.follows.map((f) => [f.memberId, f.query, f.dm])).toEqual([['U1', '"world model"', false]]);
    // A follow alone does not set the channel up for digests; a manager's change does.
    expect(isEnrolled(state)).toBe(false);
    await send('settings size=5', BOB, true);
    expect(isEnrolled(await channels.get(CHANNEL))).toBe(true);
  });

  it('the next digest mentions the follower next to the matching paper, and nobody else', async () => {
    const { send, digest, target } = await setup();
    await send('settings size=5', BOB, true);
    await send('follow "world model"');
    await send('follow author:nobody-writes-this', BOB);
    expect(await digest()).toBe('sent');
    const reply = target.posts[0]!.reply;
    expect(reply.papers).toHaveLength(5);
    const mentioned = reply.papers.filter((p) => p.mentions);
    expect(mentioned.map((p) => [p.paper.id, p.mentions, p.followOnly])).toEqual([[WORLD_MODEL_PAPER, [ADA], true]]);
    expect(renderText(reply, '/papers')).toContain('🔔 Followed by @ada');
    expect(target.dms).toEqual([]);
  });

  it('--dm sends the follower one direct message after the digest and mentions nobody; a repeated run sends no other', async () => {
    const { send, digest, target } = await setup();
    await send('settings size=5', BOB, true);
    await send('follow "world model" --dm');
    expect(await digest()).toBe('sent');
    expect(await digest()).toBe('already-done');
    const reply = target.posts[0]!.reply;
    expect(reply.papers.some((p) => p.mentions)).toBe(false);
    expect(reply.papers.find((p) => p.paper.id === WORLD_MODEL_PAPER)?.followOnly).toBe(true);
    expect(target.dms).toHaveLength(1);
    expect(target.dms[0]).toMatchObject({ channel: CHANNEL, memberId: 'U1' });
    expect(target.dms[0]!.notice.heading).toBe('Papers you follow in the Daily Papers digest, 2025-06-09');
    expect(target.dms[0]!.notice.papers.map((p) => p.paper.id)).toEqual([WORLD_MODEL_PAPER]);
  });

  it('refuses an 11th follow and a duplicate; unfollows by number, query and all, only the member\'s own', async () => {
    const { send, channels } = await setup();
    for (let i = 1; i <= 10; i++) expect((await send(`follow topic${i}`)).kind).toBe('info');
    expect((await send('follow topic11')).heading).toBe('You follow 10 queries here, the most you can: remove one with `/papers unfollow <number>` first.');
    expect((await send('follow topic3')).heading).toBe('You already follow `topic3` here; see `/papers follows`.');
    expect((await send('follow "world model"', BOB)).kind).toBe('info');
    expect((await send('follows')).notes[1]).toMatch(/^2\. `topic2` — mentioned in the digest, since 2025-06-09$/);

    expect((await send('unfollow 2')).heading).toBe('You no longer follow `topic2` in this channel');
    expect((await send('unfollow topic5')).heading).toBe('You no longer follow `topic5` in this channel');
    expect((await send('unfollow 9')).heading).toBe('There is no follow 9: you have 8 here. See `/papers follows`.');
    expect((await send('unfollow "world model"')).heading).toBe('You do not follow `"world model"` here. See `/papers follows` for the list.');
    expect((await send('unfollow all')).heading).toBe('You no longer follow all 8 of your follows in this channel');
    expect((await send('follows')).heading).toBe('You follow nothing in this channel.');
    expect((await channels.get(CHANNEL)).follows.map((f) => f.memberName)).toEqual(['bob']);
  });

  it('a follow survives in SQLite', async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), 'papers-bot-follows-')), 'store.sqlite')}`;
    const first = createStore(url, silentLogger);
    await (await setup(first)).send('follow "world model" --dm');
    await first.close();
    const again = createStore(url, silentLogger);
    opened.push(again);
    const { send } = await setup(again);
    expect((await send('follows')).notes).toEqual(['1. `"world model"` — by direct message, since 2025-06-09']);
  });
});
