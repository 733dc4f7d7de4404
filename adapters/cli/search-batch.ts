import { readFile } from 'node:fs/promises';
import { parseQuery, QueryError } from '../../src/search/query.js';
import { searchPapers } from '../../src/search/search-papers.js';
import { queryFromWords, UsageError, type CliArgs } from './args.js';
import { withArchive, type CliIo } from './archive-session.js';
import { plural } from './plural.js';
import { renderPaperTable } from './render-table.js';

/**
 * `search --batch <file>`: one query per line against one loaded archive, one answer per line in
 * order. A bad query is answered with its error and the batch goes on; blank lines are skipped.
 */
export async function searchBatch(args: CliArgs, io: CliIo): Promise<number> {
  if (args.positionals.length > 0) {
    throw new UsageError(`search --batch reads its queries from the file; drop the query words (${queryFromWords(args.positionals)}) or --batch.`);
  }
  const lines = (await readBatch(args.batch!)).split(/\r?\n/).filter((line) => line.trim());
  return withArchive(args, io, async (core) => {
    for (const line of lines) {
      const query = line.trim();
      let parsed;
      try {
        parsed = parseQuery(query);
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        io.out(args.json ? JSON.stringify({ query, error: error.message }) : `${query}\n  error: ${error.message}\n`);
        continue;
      }
      const page = searchPapers(core.archive.index, parsed, { limit: args.limit ?? 10 });
      io.out(args.json ? JSON.stringify({ query, total: page.total, hits: page.hits }) : `${query}\n${plural(page.total, 'paper matches', 'papers match')}.\n${renderPaperTable(page.hits)}\n`);
    }
    return 0;
  });
}

/** The batch's text: a file, or standard input for `-`. */
async function readBatch(source: string): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`--batch ${source}: ${reason}; give a text file with one query per line, or - for standard input.`);
  }
}
