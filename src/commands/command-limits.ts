import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { parseChannelKey } from '../channels/channel-key.js';
import type { CommandContext } from './command-context.js';
import { errorReply, type Reply } from './reply.js';

export interface CommandLimits {
  /** One member in one channel. */
  perUserPerMinute: number;
  perChannelPerMinute: number;
  /** One member across every channel, so spreading a flood over channels does not get around the limit. */
  perMemberPerMinute: number;
}

/**
 * Per-member and per-channel command budgets, so one member cannot make the bot flood a channel
 * or the Hugging Face API; shared by every replica when Redis is there.
 */
export function createCommandLimiter(limits: CommandLimits, redis?: Redis, prefix = 'papers-bot') {
  const make = (name: string, points: number): RateLimiterAbstract | undefined => {
    if (points <= 0) return undefined;
    return redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:limit:${name}`, points, duration: 60, useRedisPackage: false })
      : new RateLimiterMemory({ keyPrefix: name, points, duration: 60 });
  };
  const perUser = make('user', limits.perUserPerMinute);
  const perChannel = make('channel', limits.perChannelPerMinute);
  const perMember = make('member', limits.perMemberPerMinute);

  /** A refusal saying when to try again, or undefined when the command may run. */
  return async (ctx: CommandContext): Promise<Reply | undefined> => {
    for (const [limiter, key, who] of [
      [perUser, `${ctx.channel}|${ctx.user.id}`, 'You are'],
      [perChannel, ctx.channel, 'This channel is'],
      [perMember, memberKey(ctx), 'You are'],
    ] as const) {
      if (!limiter) continue;
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) return undefined; // a limiter that is down never blocks commands
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        return errorReply(`${who} sending commands faster than the bot allows; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`);
      }
    }
    return undefined;
  };
}

/** A member of a workspace, whichever channel they write in. */
function memberKey(ctx: CommandContext): string {
  const address = parseChannelKey(ctx.channel);
  return `${address?.platform ?? ctx.channel}:${address?.workspace ?? ''}|${ctx.user.id}`;
}
