import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { startExpirySweeper } from '../../src/storage/expiry-sweeper.js';
import { createStore } from '../../src/store.js';

describe('the expiry sweep at stop', () => {
  it('a sweep under way finishes before stop resolves, so the store is never closed under it', async () => {
    const store = createStore('memory://', silentLogger);
    const kv = store.namespace('deliveries');
    let finish!: () => void;
    const sweepStarted = new Promise<void>((started) => {
      kv.sweepExpired = () => {
        started();
        return new Promise<number>((resolve) => (finish = () => resolve(0)));
      };
    });
    const sweeper = startExpirySweeper({ deliveries: kv }, silentLogger);
    await sweepStarted;
    let stopped = false;
    const stopping = sweeper.stop().then(() => (stopped = true));
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await store.close();
  });
});
