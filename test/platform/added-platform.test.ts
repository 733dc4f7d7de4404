import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBotRuntime, type BotRuntime } from '../../adapters/bot-runtime.js';
import { PLATFORMS } from '../../adapters/platforms.js';
import { loadConfig } from '../../config/config.js';
import { formatChannelKey } from '../../src/channels/channel-key.js';
import type { Reply } from '../../src/commands/reply.js';
import { silentLogger } from '../../src/log.js';
import { optionalText } from '../../src/platform/env-fields.js';
import type { AnyPlatformPort, PlatformHost, PlatformPort } from '../../src/platform/port.js';
import { RecordingTarget } from '../helpers/recording-target.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { fixturePath } from '../helpers/fixtures.js';

/**
 * A platform written only against the port, the way a new one would be: it lives in this file and
 * is passed where the registry goes, so nothing else in the tree knows of it.
 */
function loopbackPlatform(seen: { host?: PlatformHost; target: RecordingTarget }) {
  const env = z.object({ LOOPBACK_TOKEN: optionalText });
  return {
    name: 'loopback',
    workspaces: true,
    title: 'Loopback',
    libraries: [],
    setup: 'LOOPBACK_TOKEN',
    env,
    settings: (values) => (values.LOOPBACK_TOKEN ? { token: values.LOOPBACK_TOKEN } : undefined),
    secrets: (settings) => [settings.token],
    rateLimited: true,
    create(_settings, host) {
      seen.host = host;
      return { target: seen.target, start: async () => undefined, stop: async () => undefined };
    },
  } satisfies PlatformPort<{ token: string }, z.infer<typeof env>>;
}

let runtime: BotRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

describe('a platform added through the port alone', () => {
  it('is configured, runs commands with permissions, and gets the digests of its channels', async () => {
    const seen: { host?: PlatformHost; target: RecordingTarget } = { target: new RecordingTarget() };
    const ports: AnyPlatformPort[] = [...PLATFORMS, loopbackPlatform(seen)];
    const config = { ...loadConfig({ STORE_URL: 'memory://', HF_API_URL: 'http://127.0.0.1:1', LOOPBACK_TOKEN: 'loop-secret-1' }, ports), port: 0 };
    expect(config.platforms).toEqual({ terminal: { asked: false }, loopback: { token: 'loop-secret-1' } });
    const clock = { now: new Date('2025-06-09T12:00:00Z') };
    runtime = await createBotRuntime({ config, logger: silentLogger, online: false, now: () => clock.now, platforms: ports });
    await runtime.core.archive.importPapers((await loadPaperFiles([fixturePath('hf/daily')])).papers);
    expect([...runtime.platforms.keys()]).toEqual(['loopback']);
    const host = seen.host!;
    const channel = formatChannelKey({ platform: 'loopback', workspace: 'w1', channel: 'c1' });
    const member = (canManage: boolean) => ({ channel, user: { id: 'u1', name: 'ada' }, canManage, managePermission: 'Loopback admin' });

    const refused: Reply = await host.run('subscribe "video generation"', member(false));
    expect(refused.heading).toBe("Changing this channel's topics needs the Loopback admin permission, which you do not have here.");
    const subscribed = await host.run({ name: 'subscribe', query: '"video generation"' }, member(true));
    expect(subscribed).toMatchObject({ visibility: 'channel', heading: 'subscribed this channel to `"video generation"`' });
    await host.run('schedule 09:00 Europe/Berlin', member(true));

    const slot = new Date('2025-06-10T07:00:00Z');
    clock.now = slot;
    await runtime.runSlot([channel], slot);
    await runtime.runSlot([channel], slot);
    const posts = seen.target.postsTo(channel);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.reply.heading).toBe('Daily Papers digest, 2025-06-10');
    expect(posts[0]!.reply.papers[0]!.topic).toBe('"video generation"');
  });
});
