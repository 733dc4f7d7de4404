import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../adapters/platforms.js';

const root = join(import.meta.dirname, '..');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

/** Each platform's own client libraries, as its port lists them: no other folder may use them. */
const SDKS: Record<string, readonly string[]> = Object.fromEntries(PLATFORMS.map((port) => [port.name, port.libraries]));
const dependencies = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
const allSdks = Object.values(SDKS).flat();
const platformNames = PLATFORMS.map((port) => port.name);

describe('the core knows no platform', () => {
  it('every registered platform has a folder of its own, and every package it imports is its own or no platform\'s', () => {
    expect(platformNames.filter((name) => !existsSync(join(root, 'adapters', name)))).toEqual([]);
    // A platform library missing from its port's list would slip past the rules below.
    const platformLike = dependencies.filter((dep) => /slack|discord/i.test(dep));
    expect(platformLike.filter((dep) => !allSdks.includes(dep))).toEqual([]);
  });

  it('no file under src/ imports a platform library, an adapter or config', () => {
    const offenders = sourceFiles(join(root, 'src')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => allSdks.includes(packageOf(spec)) || /^@slack\/|^@discordjs\/|^discord/.test(spec) || /(^|\/)(adapters|config)\//.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no file under src/ names a platform, in code or comments', () => {
    const words = [...PLATFORMS.flatMap((port) => [port.name, port.title.replace(/^the /, '')])];
    const pattern = new RegExp(`\\b(${[...new Set(words)].join('|')})\\b`, 'i');
    const offenders = sourceFiles(join(root, 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => (pattern.test(line) ? `${relative(root, file)}:${i + 1}: ${line.trim()}` : undefined))
        .filter((hit): hit is string => hit !== undefined),
    );
    expect(offenders).toEqual([]);
  });

  it.each(platformNames)('adapters/%s/ imports only the core (and its port), its own files and its own client libraries', (name) => {
    const folder = join(root, 'adapters', name);
    const others = allSdks.filter((sdk) => !SDKS[name]!.includes(sdk));
    const offenders = sourceFiles(folder).flatMap((file) =>
      importsOf(file)
        .filter((spec) => {
          if (spec.startsWith('.')) {
            const target = resolve(dirname(file), spec);
            return !target.startsWith(`${folder}/`) && !target.startsWith(`${join(root, 'src')}/`);
          }
          if (spec.startsWith('node:') || builtinModules.includes(spec)) return false;
          return others.includes(packageOf(spec));
        })
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only config/ reads process.env', () => {
    const readers = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'adapters'))]
      .filter((file) => /process\.env/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(readers).toEqual([]);
  });
});
