import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../../config/env.js';

const root = join(import.meta.dirname, '..', '..');
interface Service {
  command?: string[];
  restart?: string;
  ports?: string[];
  environment?: Record<string, string>;
  env_file?: string;
  stop_grace_period?: string;
}
// Compose merges `<<: *anchor` keys (YAML 1.1 merge keys).
const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const defaults = envSchema.parse({});
const START = ['node', 'dist/bin/papers-bot.js', 'start', '--service'];
const bots = Object.entries(compose.services).filter(([name]) => name !== 'redis');

describe('compose.yaml and the Dockerfile', () => {
  it('start every bot container as a service: never the terminal, exit 2 with no tokens', () => {
    expect(bots.map(([name]) => name)).toEqual(['bot', 'bot-gateway']);
    for (const [name, service] of bots) expect(service.command, name).toEqual(START);
    expect(dockerfile).toMatch(new RegExp(`^CMD ${JSON.stringify(START).replace(/[[\]]/g, '\\$&').replace(/,/g, ', ')}$`, 'm'));
  });

  it('publish the bot on PORT, defaulting to the port the bot listens on by default, and tell the bot the same PORT', () => {
    const published = `\${PORT:-${defaults.PORT}}`;
    expect(compose.services.bot!.ports).toEqual([`${published}:${published}`]);
    for (const [name, service] of bots) expect(service.environment?.PORT, name).toBe(published);
    expect(compose.services['bot-gateway']!.ports).toBeUndefined();
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${defaults.PORT}$`, 'm'));
  });

  it('restart after a crash or a reboot, and give a stop longer than STOP_DEADLINE_MS', () => {
    for (const [name, service] of Object.entries(compose.services)) expect(service.restart, name).toBe('unless-stopped');
    for (const [name, service] of bots) expect(Number.parseInt(service.stop_grace_period ?? '10s', 10) * 1000, name).toBeGreaterThan(defaults.STOP_DEADLINE_MS);
  });

  it('hold the Discord gateway on exactly one replica, all on the shared Redis', () => {
    expect(bots.map(([, service]) => service.environment?.DISCORD_GATEWAY)).toEqual(['false', 'true']);
    for (const [name, service] of bots) {
      expect(service.environment?.STORE_URL, name).toBe('redis://redis:6379');
      expect(service.env_file, name).toBe('.env');
    }
  });
});
