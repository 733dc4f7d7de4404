import type { Logger } from '../log.js';
import type { KeyValue, Store } from '../store.js';
import { channelStateSchema, defaultChannelState, MAX_TOPICS, timetableOf, topicSchema, type ChannelState } from './channel-state.js';
import { digestHistorySchema, emptyHistory, hasLegacyHistory, historyFromLegacy, type DigestHistory } from './digest-history.js';
import { healRecord } from './heal-record.js';
import { TimetableFeed } from './timetable-feed.js';

/**
 * A change to a channel: the new state, or `undefined` to refuse it and change nothing. `stored`
 * says whether the channel has a record yet (else `state` is the defaults).
 */
export type ChannelChange = (state: ChannelState, stored: boolean) => ChannelState | undefined;

/**
 * Per-channel state in the store: settings in one record, digest bookkeeping in another, each
 * changed only atomically against what is stored now (see `KeyValue.update`), so two writers,
 * from one process or many replicas, never lose each other's changes.
 */
export class ChannelStore {
  private readonly settings: KeyValue;
  private readonly histories: KeyValue;
  /** Schedule changes, for every replica's scheduler. */
  readonly feed: TimetableFeed;

  constructor(store: Store, private readonly logger: Logger) {
    this.settings = store.namespace('channels');
    this.histories = store.namespace('channel-history');
    this.feed = new TimetableFeed(store.namespace('channel-feed'));
  }

  /** The channel's state, or the defaults for a channel never seen; a damaged record is repaired. */
  async get(key: string): Promise<ChannelState> {
    const stored = await this.settings.get<unknown>(key);
    if (stored === undefined) return defaultChannelState(key);
    const { value, repaired } = this.heal(key, stored);
    if (repaired.length > 0 || hasLegacyHistory(stored)) return this.update(key, () => undefined);
    return value;
  }

  /** Whether the channel has ever been saved. */
  async exists(key: string): Promise<boolean> {
    return (await this.settings.get(key)) !== undefined;
  }

  /**
   * Applies `change` to the state stored now, atomically; `change` may run more than once and
   * should only compute. Resolves to the state stored afterwards.
   */
  async update(key: string, change: ChannelChange): Promise<ChannelState> {
    let before: ChannelState | undefined;
    let after = defaultChannelState(key);
    let repaired: string[] = [];
    let legacy: Record<string, unknown> | undefined;
    let wrote = false;
    await this.settings.update<unknown>(key, (current) => {
      const healed = current === undefined ? undefined : this.heal(key, current);
      before = healed?.value;
      repaired = healed?.repaired ?? [];
      legacy = hasLegacyHistory(current) ? current : undefined;
      const base = healed?.value ?? defaultChannelState(key);
      const changed = change(base, current !== undefined);
      after = changed === undefined ? base : channelStateSchema.parse({ ...changed, key });
      wrote = changed !== undefined || repaired.length > 0;
      if (!wrote) return undefined;
      // An earlier version's bookkeeping stays in the record until it has a record of its own.
      return legacy ? { ...after, delivered: legacy.delivered, passedOver: legacy.passedOver, lastDigest: legacy.lastDigest } : after;
    });
    if (repaired.length > 0) this.logger.warn({ channel: key, fields: repaired }, 'repaired a damaged channel record: these fields were reset to their defaults');
    if (legacy) await this.migrateHistory(key, legacy);
    if (wrote && (!before || timetableOf(before) !== timetableOf(after))) await this.feed.append(key);
    return after;
  }

  /** Every channel ever saved. */
  async *all(): AsyncGenerator<ChannelState> {
    for await (const [key, stored] of this.settings.entries<unknown>()) {
      const { value, repaired } = this.heal(key, stored);
      yield repaired.length > 0 || hasLegacyHistory(stored) ? await this.update(key, () => undefined) : value;
    }
  }

  /** What digests have sent and passed over here. */
  async history(key: string): Promise<DigestHistory> {
    const stored = await this.histories.get<unknown>(key);
    if (stored !== undefined) return healRecord(digestHistorySchema, emptyHistory(), stored).value;
    const legacy = await this.settings.get<unknown>(key);
    return (hasLegacyHistory(legacy) && historyFromLegacy(legacy)) || emptyHistory();
  }

  /** Applies a digest's bookkeeping atomically; commands never touch this record. */
  async updateHistory(key: string, change: (history: DigestHistory) => DigestHistory): Promise<DigestHistory> {
    const start = await this.history(key);
    const saved = await this.histories.update<unknown>(key, (current) => {
      const healed = current === undefined ? start : healRecord(digestHistorySchema, emptyHistory(), current).value;
      return change(healed);
    });
    return saved as DigestHistory;
  }

  private heal(key: string, stored: unknown) {
    const salvaged = salvageTopics(stored);
    const healed = healRecord(channelStateSchema, defaultChannelState(key), salvaged);
    const repaired = salvaged !== stored && !healed.repaired.includes('topics') ? ['topics', ...healed.repaired] : healed.repaired;
    return { repaired, value: { ...healed.value, key } };
  }

  /** Moves the bookkeeping an earlier version kept in the channel record into its own record. */
  private async migrateHistory(key: string, stored: Record<string, unknown>): Promise<void> {
    const legacy = historyFromLegacy(stored);
    if (legacy) await this.histories.update<DigestHistory>(key, (current) => (current ? undefined : legacy));
    await this.settings.update<Record<string, unknown>>(key, (current) => {
      if (!hasLegacyHistory(current)) return undefined;
      const { delivered: _d, passedOver: _p, lastDigest: _l, ...settings } = current;
      return settings;
    });
  }
}

/** Keeps the valid topics of a damaged list (the first 25), rather than losing the whole list to one bad entry. */
function salvageTopics(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null || !Array.isArray((stored as { topics?: unknown }).topics)) return stored;
  const topics = (stored as { topics: unknown[] }).topics;
  const valid = topics.filter((topic) => topicSchema.safeParse(topic).success).slice(0, MAX_TOPICS);
  return valid.length === topics.length ? stored : { ...stored, topics: valid };
}
