import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the core knows no platform', () => {
  it('no file under src/ imports Slack, Discord or an adapter', () => {
    const offenders = sourceFiles(join(root, 'src')).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      return imports
        .filter((spec) => /^(@slack\/|discord\.js|@discordjs\/|discord-interactions)/.test(spec) || /(^|\/)adapters\//.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`);
    });
    expect(offenders).toEqual([]);
  });

  it('only config/ reads process.env', () => {
    const readers = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'adapters'))]
      .filter((file) => /process\.env/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(readers).toEqual([]);
  });
});
