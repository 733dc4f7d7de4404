import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
/** The full real data set beside the project, when this machine has it. */
export const SHARED_HF = join(FIXTURES, '..', '..', '..', 'shared', 'fixtures', 'hf');
export const hasShared = existsSync(SHARED_HF);

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function readFixtureJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(fixturePath(...parts), 'utf8'));
}
