import { afterAll, beforeAll } from 'vitest';
import { discordDriver } from './discord-driver.js';
import type { Driver, DriverFactory } from './driver.js';
import { slackDriver } from './slack-driver.js';
import { terminalDriver } from './terminal-driver.js';

/** Every platform a conversation script runs on. */
export const ALL_DRIVERS: DriverFactory[] = [terminalDriver, slackDriver, discordDriver];

/** One bot for the enclosing describe block, started before its first test and stopped after its last. */
export function useDriver(factory: DriverFactory): () => Driver {
  let driver: Driver | undefined;
  beforeAll(async () => {
    driver = await factory.start();
  });
  afterAll(async () => {
    await driver?.stop();
  });
  return () => {
    if (!driver) throw new Error(`the ${factory.name} driver did not start`);
    return driver;
  };
}
