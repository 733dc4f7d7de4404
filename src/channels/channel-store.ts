import type { Logger } from '../log.js';
import type { KeyValue } from '../store.js';
import { channelStateSchema, defaultChannelState, type ChannelState } from './channel-state.js';

/** Per-channel state in its own store namespace. */
export class ChannelStore {
  constructor(private readonly kv: KeyValue, private readonly logger: Logger) {}

  /** The channel's state, or the defaults for a channel never seen. */
  async get(key: string): Promise<ChannelState> {
    const stored = await this.kv.get<unknown>(key);
    if (stored === undefined) return defaultChannelState(key);
    const parsed = channelStateSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    // Keep what can be read; the stored value is left as it is until the next change.
    this.logger.error({ channel: key, issue: parsed.error.issues[0]?.message }, 'stored channel state is invalid; using defaults');
    return { ...defaultChannelState(key), ...(stored as Partial<ChannelState>), key };
  }

  /** Whether the channel has ever been saved. */
  async exists(key: string): Promise<boolean> {
    return (await this.kv.get(key)) !== undefined;
  }

  /** Applies `change` to the current state and saves the result whole, or nothing. */
  async update(key: string, change: (state: ChannelState) => ChannelState): Promise<ChannelState> {
    const next = channelStateSchema.parse(change(await this.get(key)));
    await this.kv.set(key, next);
    return next;
  }

  /** Every channel ever saved. */
  async *all(): AsyncGenerator<ChannelState> {
    for await (const [key] of this.kv.entries<unknown>()) yield await this.get(key);
  }
}
