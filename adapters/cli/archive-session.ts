import { configSecrets, loadConfig, type Config } from '../../config/config.js';
import { createCore, type Core } from '../../src/core.js';
import { createFileLogger, createLogger, TERMINAL_LOG_FILE, type Logger } from '../../src/log.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { UsageError, type CliArgs } from './args.js';
import { plural } from './plural.js';
import { progressBar } from './progress-bar.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Logs to a file, named once, so they never cross a progress bar or the prompt. */
export function fileLogger(config: Config, io: CliIo): Logger {
  try {
    const logger = createFileLogger(config.logLevel, TERMINAL_LOG_FILE, configSecrets(config));
    io.err(`Logs go to ${TERMINAL_LOG_FILE}.`);
    return logger;
  } catch {
    return createLogger('error', undefined, configSecrets(config));
  }
}

/** Opens the configured archive offline, imports --data first, and refuses an empty archive. */
export async function withArchive(args: CliArgs, io: CliIo, run: (core: Core) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const core = await createCore(config, createLogger(config.logLevel, undefined, configSecrets(config)), { online: false });
  try {
    await importData(core, args.data, io);
    if (!core.archive.hasPapers) {
      throw new UsageError('The archive holds no papers yet: add --data <file-or-dir> with Daily Papers JSON or page text.');
    }
    return await run(core);
  } finally {
    await core.close();
  }
}

/** Imports files into the archive, with a progress bar on a terminal and one summary line. */
export async function importData(core: Core, paths: string[], io: CliIo): Promise<void> {
  if (paths.length === 0) return;
  const bar = progressBar('Import', 'files', '{papers} papers');
  let loaded;
  try {
    loaded = await loadPaperFiles(paths, { onFile: (done, total, papers) => bar.update(done, total, { papers }) });
  } finally {
    bar.stop();
  }
  const summary = await core.archive.importPapers(loaded.papers);
  for (const bad of loaded.badFiles) io.err(`Skipped ${bad.reason}`);
  io.err(`Imported ${plural(loaded.files.length, 'file')}: ${plural(summary.papers, 'paper')} on ${plural(summary.days, 'day')}.`);
  if (loaded.skipped.length > 0) io.err(`Skipped ${plural(loaded.skipped.length, 'item')} that failed validation.`);
  if (summary.undated > 0) io.err(`Left out ${plural(summary.undated, 'paper')} with no Daily Papers day.`);
}
