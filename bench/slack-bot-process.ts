/** The bot in its own process for the ack benchmark: Slack over HTTP, archive from the test fixtures. */
import { loadConfig } from '../config/config.js';
import { createBotRuntime } from '../adapters/bot-runtime.js';
import { silentLogger } from '../src/log.js';
import { loadPaperFiles } from '../src/papers/files.js';

const config = { ...loadConfig(), port: 0 };
const runtime = await createBotRuntime({ config, logger: silentLogger, online: false });
const loaded = await loadPaperFiles([process.env.BENCH_DATA!]);
await runtime.core.archive.importPapers(loaded.papers);
const port = await runtime.start();
process.stdout.write(`${port}\n`);
process.on('SIGTERM', () => void runtime.stop().then(() => process.exit(0)));
