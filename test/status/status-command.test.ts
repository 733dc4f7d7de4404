import { beforeEach, describe, expect, it } from 'vitest';
import { runDigest } from '../../src/digest/run-digest.js';
import { silentLogger } from '../../src/log.js';
import { commandHarness, type Harness } from '../helpers/harness.js';
import { RecordingTarget } from '../helpers/recording-target.js';

const CHANNEL = 'terminal:test';
const NOW = new Date('2025-06-11T12:00:00Z');
let h: Harness;
beforeEach(async () => {
  h = await commandHarness({ now: NOW });
});

/** Runs the channel's digest for `slot` through `target`, as the scheduler would. */
function digest(slot: Date, target: RecordingTarget) {
  return runDigest(CHANNEL, slot, { archive: h.archive, channels: h.channels, deliveries: h.store.namespace('deliveries'), target, logger: silentLogger, commandName: '/papers', now: () => slot, retries: 0, backoffMs: 1 });
}

describe('/papers status', () => {
  it('in a fresh channel says no digest is set up and how to start one, and saves nothing', async () => {
    const { reply, text } = await h.send('status', { canManage: false });
    expect(reply).toMatchObject({ kind: 'info', visibility: 'ephemeral', heading: 'This channel has no digest yet' });
    expect(reply.notes).toEqual(['`/papers schedule 09:00 UTC` or `/papers subscribe <query>` starts one (weekdays at 09:00 UTC unless you say otherwise).']);
    expect(text).toContain('/papers schedule 09:00 UTC or /papers subscribe <query> starts one');
    expect(await h.channels.exists(CHANNEL)).toBe(false);
  });

  it('shows the schedule, the next slot, who set it up, and that no digest came yet', async () => {
    await h.send('schedule 09:00 Europe/Berlin weekdays', { user: { id: 'U2', name: 'grace' } });
    const { reply } = await h.send('status', { canManage: false });
    expect(reply.heading).toBe("This channel's digest");
    expect(reply.notes).toEqual([
      'Digest at 09:00 Europe/Berlin, weekdays.',
      'Next: Thu 12 Jun, 09:00 GMT+2.',
      'No digest has been posted here yet.',
      'Topics: 0; up to 5 papers a digest.',
      'Last set up by grace on 2025-06-11, who is told by direct message if digests stop.',
    ]);
  });

  it('after a digest shows when it went out and how many papers it carried', async () => {
    await h.send('settings size=3', { now: new Date('2025-06-09T12:00:00Z') });
    const slot = new Date('2025-06-10T09:00:00Z');
    expect(await digest(slot, new RecordingTarget())).toBe('sent');
    const { reply } = await h.send('status');
    expect(reply.notes).toContain('Last digest: Tue 10 Jun, 09:00 UTC, 3 papers.');
    expect(reply.notes).toContain('Next: Thu 12 Jun, 09:00 UTC.');
  });

  it('when paused shows the reason, what it means and the command that resumes, then clears it once resumed', async () => {
    await h.send('schedule 07:30 Asia/Tokyo', { now: new Date('2025-06-09T12:00:00Z') });
    const target = new RecordingTarget();
    target.outcomeFor = () => ({ status: 'forbidden', reason: '403 Missing Access' });
    expect(await digest(new Date('2025-06-09T22:30:00Z'), target)).toBe('paused');

    const { reply } = await h.send('status', { canManage: false });
    expect(reply.notes).toEqual([
      'Digest at 07:30 Asia/Tokyo, weekdays.',
      'Paused since 2025-06-09: the platform answered `403 Missing Access`, which means the bot is not a member of the channel, or may not send messages there.',
      'To resume: invite the bot to the channel, or give it the permission to send messages, then run `/papers schedule 07:30 Asia/Tokyo` in the channel.',
      'No digest has been posted here yet.',
      'Topics: 0; up to 5 papers a digest.',
      'Last set up by ada on 2025-06-09, who is told by direct message if digests stop.',
    ]);

    await h.send('schedule 07:30 Asia/Tokyo');
    const resumed = await h.send('status');
    expect(resumed.text).not.toContain('Paused');
    expect(resumed.reply.notes[1]).toBe('Next: Thu 12 Jun, 07:30 GMT+9.');
  });

  it('is open to every member and listed in help', async () => {
    expect((await h.send('status', { canManage: false })).reply.kind).toBe('info');
    expect((await h.send('help')).text).toContain('/papers status');
  });
});
