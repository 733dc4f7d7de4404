import pMap from 'p-map';
import type { SlotRunner } from '../scheduler/digest-scheduler.js';
import { runDigest, type DigestRunResult, type DigestRunnerDeps } from './run-digest.js';

/**
 * Refreshes the recent days once (a failing source leaves the archive as it is), then runs each
 * channel's digest; one channel's failure never stops the others.
 */
export function createSlotRunner(deps: DigestRunnerDeps, options: { concurrency?: number } = {}): SlotRunner & { results: Map<DigestRunResult, number> } {
  const results = new Map<DigestRunResult, number>();
  const run = async (channels: string[], slot: Date) => {
    const { failed } = await deps.archive.refreshRecent();
    if (failed.length > 0) deps.logger.warn({ slot, failed }, 'composing digests from the archive: the source did not answer');
    await pMap(
      channels,
      async (channel) => {
        try {
          const result = await runDigest(channel, slot, deps);
          results.set(result, (results.get(result) ?? 0) + 1);
        } catch (error) {
          results.set('failed', (results.get('failed') ?? 0) + 1);
          deps.logger.error({ channel, slot, error: String(error) }, 'digest run failed');
        }
      },
      { concurrency: options.concurrency ?? 8 },
    );
  };
  return Object.assign(run, { results });
}
