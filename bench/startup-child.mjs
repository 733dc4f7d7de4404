// Measured in its own process, from the compiled bot: time to ready (store read, archive indexed)
// and resident memory after start and after 1,000 searches.
import { loadConfig } from '../dist/config/config.js';
import { createCore } from '../dist/src/core.js';
import { silentLogger } from '../dist/src/log.js';
import { parseQuery } from '../dist/src/search/query.js';
import { searchPapers } from '../dist/src/search/search-papers.js';

const config = loadConfig();
const core = await createCore(config, silentLogger, { online: false });
const readyMs = performance.now();
const rssReady = process.memoryUsage().rss;
const queries = JSON.parse(process.env.BENCH_QUERIES ?? '[]');
for (const q of queries) searchPapers(core.archive.index, parseQuery(q), { limit: 5 });
const rssSearched = process.memoryUsage().rss;
console.log(JSON.stringify({ papers: core.archive.index.size, readyMs, rssReady, rssSearched }));
await core.close();
