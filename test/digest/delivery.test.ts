import { beforeEach, describe, expect, it } from 'vitest';
import { ChannelStore } from '../../src/channels/channel-store.js';
import type { Reply } from '../../src/commands/reply.js';
import type { DeliveryOutcome, DeliveryTarget } from '../../src/digest/delivery.js';
import { createSlotRunner } from '../../src/digest/slot-runner.js';
import { silentLogger } from '../../src/log.js';
import type { PaperArchive } from '../../src/papers/archive.js';
import { DigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import type { Store } from '../../src/store.js';
import { fixtureArchive } from '../helpers/archive.js';
import { fixturePath } from '../helpers/fixtures.js';
import { RecordingTarget } from '../helpers/recording-target.js';

const SLOT = new Date('2025-06-10T09:00:00Z');
const CHANNELS = Array.from({ length: 12 }, (_, i) => `slack:T1:C${String(i).padStart(2, '0')}`);
let archive: PaperArchive;
let store: Store;
let channels: ChannelStore;

beforeEach(async () => {
  ({ archive, store } = await fixtureArchive({ files: [fixturePath('hf/daily')], now: () => SLOT }));
  channels = new ChannelStore(store, silentLogger);
  for (const key of CHANNELS) await channels.update(key, (s) => ({ ...s, scheduleSetAt: '2025-06-01T00:00:00Z' }));
});

function runnerFor(target: DeliveryTarget, now = SLOT) {
  return createSlotRunner(
    { archive, channels, deliveries: store.namespace('deliveries'), target, logger: silentLogger, commandName: '/papers', now: () => now, backoffMs: 1, retries: 2 },
    { concurrency: 3 },
  );
}

/** The platform side: every post that reached a channel. A process dies after `sendsBeforeDeath` sends. */
class DyingTarget implements DeliveryTarget {
  calls = 0;
  constructor(private readonly platform: RecordingTarget, private readonly sendsBeforeDeath: number) {}
  partCount(): number {
    return this.platform.partCount();
  }
  deliver(channel: string, reply: Reply, part: number, deliveryId: string): Promise<DeliveryOutcome> {
    this.calls++;
    if (this.calls <= this.sendsBeforeDeath) return this.platform.deliver(channel, reply, part, deliveryId);
    // The post reaches the channel, then the process dies before it can record that.
    if (this.calls === this.sendsBeforeDeath + 1) void this.platform.deliver(channel, reply, part, deliveryId);
    return new Promise(() => {}); // a dead process never answers
  }
}

describe('idempotent delivery across a crash', () => {
  it('gives every channel exactly one digest for the slot after a crash mid fan-out and a restart', async () => {
    const platform = new RecordingTarget();
    const dying = runnerFor(new DyingTarget(platform, 4));
    void dying(CHANNELS, SLOT); // the first process: never finishes
    await expect.poll(() => platform.posts.length).toBe(5);

    // A new process starts 20 minutes later on the same store and catches up the slot.
    const later = new Date(SLOT.getTime() + 20 * 60_000);
    const scheduler = new DigestScheduler({ channels, runSlot: runnerFor(platform, later), logger: silentLogger, now: () => later });
    await scheduler.start();
    await scheduler.stop();

    for (const channel of CHANNELS) expect(platform.postsTo(channel)).toHaveLength(1);
    expect(platform.posts).toHaveLength(CHANNELS.length);

    // A second restart changes nothing.
    const again = new DigestScheduler({ channels, runSlot: runnerFor(platform, later), logger: silentLogger, now: () => later });
    await again.start();
    await again.stop();
    expect(platform.posts).toHaveLength(CHANNELS.length);
  });

  it('retries a transient failure and delivers once it passes', async () => {
    const platform = new RecordingTarget();
    let failures = 2;
    platform.outcomeFor = () => (failures-- > 0 ? { status: 'failed', reason: 'socket hang up' } : { status: 'ok' });
    const run = runnerFor(platform);
    await run([CHANNELS[0]!], SLOT);
    expect(platform.posts).toHaveLength(1);
    expect(run.results.get('sent')).toBe(1);
  });
});

describe('a channel that cannot receive digests', () => {
  it('is paused with the reason, and the other channels still get theirs', async () => {
    const platform = new RecordingTarget();
    platform.outcomeFor = (channel) =>
      channel === CHANNELS[3] ? { status: 'gone', reason: 'channel_not_found' } : channel === CHANNELS[5] ? { status: 'forbidden', reason: 'not_in_channel' } : { status: 'ok' };
    await runnerFor(platform)(CHANNELS, SLOT);
    expect(platform.posts).toHaveLength(CHANNELS.length - 2);
    expect((await channels.get(CHANNELS[3]!)).paused).toEqual({ reason: 'channel_not_found', at: SLOT.toISOString(), cause: 'gone' });
    expect((await channels.get(CHANNELS[5]!)).paused?.reason).toBe('not_in_channel');
    expect((await channels.get(CHANNELS[4]!)).paused).toBeNull();

    // The next slot skips the paused channels.
    platform.outcomeFor = () => ({ status: 'ok' });
    const next = new Date('2025-06-11T09:00:00Z');
    await runnerFor(platform, next)(CHANNELS, next);
    expect(platform.postsTo(CHANNELS[3]!)).toHaveLength(0);
    expect(platform.postsTo(CHANNELS[4]!)).toHaveLength(2);
  });
});
